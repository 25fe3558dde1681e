#include "run/errors.h"
#include "sync/rlock.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

namespace {
struct Step {
    Kind kind;
    std::int64_t a;
    std::int32_t b;
};
void compare_steps(const std::vector<Record>& recs, const std::vector<Step>& steps) {
    QCOMPARE(recs.size(), steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(recs[i].kind, steps[i].kind);
        QCOMPARE(recs[i].a, steps[i].a);
        QCOMPARE(recs[i].b, steps[i].b);
    }
}
} // namespace

class TestRLock : public QObject {
    Q_OBJECT
private slots:
    void reentrant() {
        Session s;
        sync::RLock lock(s, "r");
        QCOMPARE(s.registry().object(lock.id()).kind, trace::ObjectKind::RLock);
        QVERIFY(lock.acquire());
        QVERIFY(lock.acquire());
        QVERIFY(lock.try_acquire());
        QCOMPARE(lock.depth(), 3);
        QVERIFY(lock.is_owned());
        QCOMPARE(lock.owner(), s.recorder().current_lane());
        lock.release();
        lock.release();
        QVERIFY(lock.locked());
        lock.release();
        QVERIFY(!lock.locked());
        QCOMPARE(lock.owner(), LaneId(0));
        {
            std::lock_guard g(lock);
            std::lock_guard g2(lock);
            QCOMPARE(lock.depth(), 2);
        }
        // Tokens only where the lock is freed and first taken again.
        compare_steps(on(s.recorder().snapshot(), lock.id()), {{Kind::Acquire, 0, 1},
                                                               {Kind::Acquire, 0, 2},
                                                               {Kind::Acquire, 0, 3},
                                                               {Kind::Release, 0, 2},
                                                               {Kind::Release, 0, 1},
                                                               {Kind::Release, 1, 0},
                                                               {Kind::Acquire, 1, 1},
                                                               {Kind::Acquire, 0, 2},
                                                               {Kind::Release, 0, 1},
                                                               {Kind::Release, 2, 0}});
    }

    void releaseErrors() {
        Session s;
        sync::RLock lock(s, "r");
        try {
            lock.release();
            QFAIL("no exception");
        } catch (const RuntimeError& e) {
            QCOMPARE(std::string(e.what()), std::string("cannot release un-acquired lock"));
        }
        lock.acquire();
        bool threw = false;
        thread::Thread t(s, "other", [&] {
            try {
                lock.release();
            } catch (const RuntimeError&) {
                threw = true;
            }
        });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(threw); // only the owner may release
        QCOMPARE(lock.depth(), 1);
        lock.release();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release_save());
    }

    void otherLaneTryFailsAndTimesOut() {
        Session s;
        sync::RLock lock(s, "r");
        lock.acquire();
        lock.acquire();
        bool tried = true, timed = true;
        thread::Thread t(s, "other", [&] {
            tried = lock.try_acquire();
            timed = lock.acquire(20ms);
        });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(!tried);
        QVERIFY(!timed);
        auto snap = s.recorder().snapshot();
        compare_steps(of(snap, Kind::TryFail, lock.id(), t.lane()),
                      {{Kind::TryFail, 0, 2}, {Kind::TryFail, 0, 2}});
        QCOMPARE(kinds(snap, lock.id(), t.lane()),
                 (std::vector<Kind>{Kind::TryFail, Kind::WaitBegin, Kind::WaitEnd, Kind::TryFail}));
        QCOMPARE(of(snap, Kind::WaitBegin, lock.id())[0].c, u16(WaitReason::Lock));
        QCOMPARE(of(snap, Kind::WaitEnd, lock.id())[0].c, u16(WaitResult::Timeout));
        lock.release();
        lock.release();
    }

    void contendedWaitsForTheFreeingRelease() {
        Session s;
        sync::RLock lock(s, "r");
        lock.acquire();
        lock.acquire();
        std::atomic<bool> got{false};
        thread::Thread t(s, "t", [&] {
            lock.acquire();
            got = true;
            lock.release();
        });
        t.start();
        QVERIFY(blocked(s, lock.id(), t.lane()));
        lock.release(); // still held at depth 1
        QVERIFY(!got);
        QVERIFY(lock.is_owned());
        lock.release();
        QVERIFY(t.join(kPatience));
        QVERIFY(got);
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, lock.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Acquire, Kind::Release}));
        auto mine = of(snap, Kind::Release, lock.id(), s.recorder().current_lane());
        QCOMPARE(mine.size(), std::size_t(2));
        QCOMPARE(mine[0].a, std::int64_t(0)); // nested: no token
        QCOMPARE(mine[1].b, 0);
        const Record acq = of(snap, Kind::Acquire, lock.id(), t.lane())[0];
        QCOMPARE(acq.a, mine[1].a);
        QCOMPARE(acq.b, 1);
        QVERIFY(mine[1].t_ns <= acq.t_ns);
    }

    void releaseSaveAndRestore() {
        Session s;
        sync::RLock lock(s, "r");
        for (int i = 0; i < 3; ++i)
            lock.acquire();
        QCOMPARE(lock.release_save(), 3);
        QVERIFY(!lock.locked());
        lock.acquire_restore(3);
        QCOMPARE(lock.depth(), 3);
        QVERIFY(lock.is_owned());
        auto recs = on(s.recorder().snapshot(), lock.id());
        QCOMPARE(recs.size(), std::size_t(5));
        QCOMPARE(recs[3].kind, Kind::Release);
        QCOMPARE(recs[3].a, std::int64_t(1));
        QCOMPARE(recs[3].b, 0);
        QCOMPARE(recs[4].kind, Kind::Acquire);
        QCOMPARE(recs[4].a, std::int64_t(1));
        QCOMPARE(recs[4].b, 3);
    }

    void stress_data() {
        QTest::addColumn<int>("lanes");
        QTest::addColumn<int>("depth");
        QTest::newRow("2 lanes, depth 1") << 2 << 1;
        QTest::newRow("4 lanes, depth 3") << 4 << 3;
    }
    void stress() {
        QFETCH(int, lanes);
        QFETCH(int, depth);
        Session s;
        sync::RLock lock(s, "r");
        const int per = 1000;
        long counter = 0;
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < lanes; ++i)
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i), [&] {
                for (int k = 0; k < per; ++k) {
                    for (int d = 0; d < depth; ++d)
                        lock.acquire();
                    ++counter;
                    for (int d = 0; d < depth; ++d)
                        lock.release();
                }
            }));
        for (auto& t : ts)
            t->start();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        const int total = lanes * per;
        QCOMPARE(counter, long(total));
        // Ownership and depth derived from each lane's records and the
        // tokens alone stay consistent: a first-level Acquire(a = k) and the
        // freeing Release(a = k + 1) bracket every hold, nested steps carry no
        // token. (Different lanes' timestamps are not compared: two CPUs'
        // clocks may disagree by tens of ns, less than a handoff.)
        auto snap = s.recorder().snapshot();
        std::vector<int> frees_seen(total + 1, 0);
        for (auto& t : ts) {
            int level = 0;
            std::int64_t taken = 0;
            for (const Record& r : on(snap, lock.id())) {
                if (r.lane != t->lane())
                    continue;
                if (r.kind == Kind::Acquire) {
                    if (level == 0)
                        taken = r.a;
                    else
                        QCOMPARE(r.a, std::int64_t(0));
                    QCOMPARE(r.b, ++level);
                } else if (r.kind == Kind::Release) {
                    QCOMPARE(r.b, --level);
                    if (level == 0) {
                        QCOMPARE(r.a, taken + 1);
                        ++frees_seen.at(r.a);
                    } else {
                        QCOMPARE(r.a, std::int64_t(0));
                    }
                }
            }
            QCOMPARE(level, 0);
        }
        for (int k = 1; k <= total; ++k)
            QCOMPARE(frees_seen[k], 1);
    }

    void cancelledWhileBlocked() {
        Session s;
        sync::RLock lock(s, "r");
        lock.acquire();
        std::atomic<bool> cancelled{false};
        thread::Thread t(s, "t", [&] {
            try {
                lock.acquire();
            } catch (const Cancelled&) {
                cancelled = true;
                throw;
            }
        });
        t.start();
        QVERIFY(blocked(s, lock.id(), t.lane()));
        s.request_stop();
        QVERIFY(eventually([&] { return !t.is_alive(); }));
        QVERIFY(cancelled);
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, lock.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, lock.id(), t.lane())[0].c, u16(WaitResult::Cancelled));
        // The owner can still use it: nested acquires never wait.
        QVERIFY(lock.acquire());
        lock.release();
        lock.release();
    }

    void uncancellableRestoreWaitsEvenAfterAStop() {
        // What Condition::wait does when cancelled: take the lock back anyway,
        // once its holder lets go.
        Session s;
        sync::RLock lock(s, "r");
        std::atomic<bool> held{false}, let_go{false};
        thread::Thread holder(s, "holder", [&] {
            lock.acquire();
            held = true;
            while (!let_go)
                std::this_thread::yield();
            lock.release();
        });
        holder.start();
        QVERIFY(eventually([&] { return held.load(); }));
        s.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, lock.acquire_restore(2)); // cancellable: refuses
        std::atomic<bool> restored{false};
        thread::Thread t(s, "t", [&] {
            lock.acquire_restore(2, false);
            restored = lock.depth() == 2 && lock.is_owned();
            lock.release();
            lock.release();
        });
        t.start();
        QVERIFY(blocked(s, lock.id(), t.lane()));
        let_go = true;
        QVERIFY(eventually([&] { return !t.is_alive() && !holder.is_alive(); }));
        QVERIFY(restored);
        QVERIFY(!lock.locked());
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, lock.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Acquire, Kind::Release,
                                    Kind::Release}));
        QCOMPARE(of(snap, Kind::WaitEnd, lock.id(), t.lane())[0].c, u16(WaitResult::Ok));
        const Record freed = of(snap, Kind::Release, lock.id(), holder.lane())[0];
        const Record acq = of(snap, Kind::Acquire, lock.id(), t.lane())[0];
        QCOMPARE(acq.a, freed.a);
        QCOMPARE(acq.b, 2);
    }
};

QTEST_GUILESS_MAIN(TestRLock)
#include "tst_rlock.moc"
