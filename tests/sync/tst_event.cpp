#include "run/errors.h"
#include "sync/event.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

class TestEvent : public QObject {
    Q_OBJECT
private slots:
    void flagAndRecords() {
        Session s;
        sync::Event ev(s, "e");
        QCOMPARE(s.registry().object(ev.id()).kind, trace::ObjectKind::Event);
        QVERIFY(!ev.is_set());
        QVERIFY(!ev.wait(10ms)); // times out: no Wake
        ev.set();
        QVERIFY(ev.is_set());
        QVERIFY(ev.wait()); // already set: no wait at all
        QVERIFY(ev.wait(0ms));
        ev.set(); // setting again is a new Set
        ev.clear();
        QVERIFY(!ev.is_set());
        QVERIFY(!ev.wait(0ms));
        auto recs = on(s.recorder().snapshot(), ev.id());
        std::vector<Kind> k{Kind::WaitBegin, Kind::WaitEnd,   Kind::Set,
                            Kind::Wake,      Kind::Wake,      Kind::Set,
                            Kind::Clear,     Kind::WaitBegin, Kind::WaitEnd};
        QCOMPARE(recs.size(), k.size());
        for (std::size_t i = 0; i < k.size(); ++i)
            QCOMPARE(recs[i].kind, k[i]);
        QCOMPARE(recs[0].c, u16(WaitReason::Event));
        QCOMPARE(recs[1].c, u16(WaitResult::Timeout));
        QCOMPARE(recs[2].a, std::int64_t(1)); // Set token
        QCOMPARE(recs[3].a, std::int64_t(1)); // Wake names it
        QCOMPARE(recs[4].a, std::int64_t(1));
        QCOMPARE(recs[5].a, std::int64_t(2));
        QCOMPARE(recs[8].c, u16(WaitResult::Timeout));
    }

    void setWakesEveryWaiter_data() {
        QTest::addColumn<int>("waiters");
        QTest::newRow("1 waiter") << 1;
        QTest::newRow("3 waiters") << 3;
        QTest::newRow("6 waiters") << 6;
    }
    void setWakesEveryWaiter() {
        QFETCH(int, waiters);
        Session s;
        sync::Event ev(s, "e");
        std::atomic<int> woken{0};
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < waiters; ++i) {
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i),
                                                          [&] { woken += ev.wait(kPatience); }));
            ts.back()->start();
        }
        for (auto& t : ts)
            QVERIFY(blocked(s, ev.id(), t->lane()));
        ev.set();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        QCOMPARE(woken.load(), waiters);
        auto snap = s.recorder().snapshot();
        const Record set = of(snap, Kind::Set, ev.id())[0];
        for (auto& t : ts) {
            QCOMPARE(kinds(snap, ev.id(), t->lane()),
                     (std::vector<Kind>{Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
            const Record wake = of(snap, Kind::Wake, ev.id(), t->lane())[0];
            QCOMPARE(wake.a, set.a);
            QVERIFY(set.t_ns <= wake.t_ns);
            QCOMPARE(of(snap, Kind::WaitEnd, ev.id(), t->lane())[0].c, u16(WaitResult::Ok));
        }
    }

    void setThenClearStillWakesWaiters() {
        // Python: waiters present at set() return True even if the flag is
        // cleared before they run.
        Session s;
        sync::Event ev(s, "e");
        std::atomic<int> woken{0};
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < 3; ++i) {
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i),
                                                          [&] { woken += ev.wait(kPatience); }));
            ts.back()->start();
            QVERIFY(blocked(s, ev.id(), ts.back()->lane()));
        }
        ev.set();
        ev.clear();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        QCOMPARE(woken.load(), 3);
        QVERIFY(!ev.is_set());
        QCOMPARE(of(s.recorder().snapshot(), Kind::Wake, ev.id()).size(), std::size_t(3));
    }

    void wokenByTheFirstSetAfterItBegan() {
        Session s;
        sync::Event ev(s, "e");
        ev.set(); // token 1
        ev.clear();
        thread::Thread t(s, "w", [&] { ev.wait(kPatience); });
        t.start();
        QVERIFY(blocked(s, ev.id(), t.lane()));
        ev.set(); // token 2 wakes it
        ev.set(); // token 3 comes too late to be the cause
        QVERIFY(t.join(kPatience));
        auto wakes = of(s.recorder().snapshot(), Kind::Wake, ev.id());
        QCOMPARE(wakes.size(), std::size_t(1));
        QCOMPARE(wakes[0].a, std::int64_t(2));
    }

    void stress_data() {
        QTest::addColumn<int>("lanes");
        QTest::newRow("2 lanes") << 2;
        QTest::newRow("4 lanes") << 4;
    }
    void stress() {
        // A relay: lane i waits for event i, clears it and sets event i+1;
        // the main lane starts each round and waits for the last event.
        QFETCH(int, lanes);
        Session s;
        std::vector<std::unique_ptr<sync::Event>> evs;
        for (int i = 0; i <= lanes; ++i)
            evs.push_back(std::make_unique<sync::Event>(s, "e" + std::to_string(i)));
        const int rounds = 300;
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < lanes; ++i)
            ts.push_back(std::make_unique<thread::Thread>(s, "r" + std::to_string(i), [&, i] {
                for (int r = 0; r < rounds; ++r) {
                    if (!evs[i]->wait(kPatience))
                        return;
                    evs[i]->clear();
                    evs[i + 1]->set();
                }
            }));
        for (auto& t : ts)
            t->start();
        for (int r = 0; r < rounds; ++r) {
            evs[0]->set();
            QVERIFY(evs[lanes]->wait(kPatience));
            evs[lanes]->clear();
        }
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        auto snap = s.recorder().snapshot();
        for (int i = 0; i < lanes; ++i) {
            auto sets = of(snap, Kind::Set, evs[i]->id());
            auto wakes = of(snap, Kind::Wake, evs[i]->id());
            QCOMPARE(int(sets.size()), rounds);
            QCOMPARE(int(wakes.size()), rounds);
            // Round r's Wake names round r's Set.
            for (int r = 0; r < rounds; ++r) {
                QCOMPARE(sets[r].a, std::int64_t(r + 1));
                QCOMPARE(wakes[r].a, std::int64_t(r + 1));
            }
        }
    }

    void cancelledWhileWaiting() {
        Session s;
        sync::Event ev(s, "e");
        std::atomic<bool> cancelled{false};
        thread::Thread t(s, "w", [&] {
            try {
                ev.wait();
            } catch (const Cancelled&) {
                cancelled = true;
                throw;
            }
        });
        t.start();
        QVERIFY(blocked(s, ev.id(), t.lane()));
        s.request_stop();
        QVERIFY(eventually([&] { return !t.is_alive(); }));
        QVERIFY(cancelled);
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, ev.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, ev.id(), t.lane())[0].c, u16(WaitResult::Cancelled));
        ev.set();           // still usable
        QVERIFY(ev.wait()); // already set: no wait, so no Cancelled
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
