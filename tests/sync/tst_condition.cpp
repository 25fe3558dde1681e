#include "run/errors.h"
#include "sync/condition.h"
#include "sync/lock.h"
#include "sync/rlock.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

namespace {
// A Condition over each kind of lock, chosen by a test row.
struct Fixture {
    Session s;
    std::unique_ptr<sync::Lock> lock;
    std::unique_ptr<sync::RLock> rlock;
    std::unique_ptr<sync::Condition> cond;
    explicit Fixture(const QString& kind) {
        if (kind == "Lock") {
            lock = std::make_unique<sync::Lock>(s, "lock");
            cond = std::make_unique<sync::Condition>(s, "cond", *lock);
        } else if (kind == "RLock") {
            rlock = std::make_unique<sync::RLock>(s, "rlock");
            cond = std::make_unique<sync::Condition>(s, "cond", *rlock);
        } else {
            cond = std::make_unique<sync::Condition>(s, "cond");
        }
    }
};

void lock_rows() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("Lock") << "Lock";
    QTest::newRow("RLock") << "RLock";
    QTest::newRow("own RLock") << "own";
}
} // namespace

class TestCondition : public QObject {
    Q_OBJECT
private slots:
    void objectInfo_data() { lock_rows(); }
    void objectInfo() {
        QFETCH(QString, kind);
        Fixture f(kind);
        auto info = f.s.registry().object(f.cond->id());
        QCOMPARE(info.kind, trace::ObjectKind::Condition);
        QCOMPARE(info.related, f.cond->lock_id());
        auto lock = f.s.registry().object(f.cond->lock_id());
        QCOMPARE(lock.kind, kind == "Lock" ? trace::ObjectKind::Lock : trace::ObjectKind::RLock);
        if (kind == "own")
            QCOMPARE(lock.name, std::string("cond.lock"));
    }

    void needsTheLock_data() { lock_rows(); }
    void needsTheLock() {
        QFETCH(QString, kind);
        Fixture f(kind);
        try {
            f.cond->wait(0ms);
            QFAIL("no exception");
        } catch (const RuntimeError& e) {
            QCOMPARE(std::string(e.what()), std::string("cannot wait on un-acquired lock"));
        }
        QVERIFY_THROWS_EXCEPTION(RuntimeError, f.cond->notify());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, f.cond->notify_all());
        // Held by another lane is not enough.
        f.cond->acquire();
        bool threw = false;
        thread::Thread t(f.s, "other", [&] {
            try {
                f.cond->wait(0ms);
            } catch (const RuntimeError&) {
                threw = true;
            }
        });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(threw);
        f.cond->release();
        QVERIFY(on(f.s.recorder().snapshot(), f.cond->id()).empty());
    }

    void timeoutKeepsTheLock_data() { lock_rows(); }
    void timeoutKeepsTheLock() {
        QFETCH(QString, kind);
        Fixture f(kind);
        std::unique_lock g(*f.cond);
        QVERIFY(!f.cond->wait(10ms));
        QCOMPARE(f.cond->waiting(), std::size_t(0));
        f.cond->notify(); // nobody left to wake
        g.unlock();
        auto snap = f.s.recorder().snapshot();
        auto recs = on(snap, f.cond->id());
        QCOMPARE(recs.size(), std::size_t(3));
        QCOMPARE(recs[0].kind, Kind::WaitBegin);
        QCOMPARE(recs[0].c, u16(WaitReason::Condition));
        QCOMPARE(recs[1].kind, Kind::WaitEnd);
        QCOMPARE(recs[1].c, u16(WaitResult::Timeout));
        QCOMPARE(recs[2].kind, Kind::Notify);
        QCOMPARE(recs[2].b, 1);
        QCOMPARE(recs[2].c, std::uint16_t(0));
        // On the lock: take, give up for the wait, take back, give up.
        auto lk = on(snap, f.cond->lock_id());
        std::vector<Kind> k;
        for (const Record& r : lk)
            k.push_back(r.kind);
        QCOMPARE(k,
                 (std::vector<Kind>{Kind::Acquire, Kind::Release, Kind::Acquire, Kind::Release}));
        QCOMPARE(lk[2].a, lk[1].a); // the re-acquire follows the wait's release
    }

    void rlockDepthIsRestored() {
        Session s;
        sync::RLock r(s, "r");
        sync::Condition cond(s, "c", r);
        for (int i = 0; i < 3; ++i)
            r.acquire();
        thread::Thread t(s, "notifier", [&] {
            std::lock_guard g(cond);
            cond.notify();
        });
        bool started = false;
        bool woke = cond.wait_for(
            [&] {
                if (!started) {
                    started = true;
                    t.start();
                    return false;
                }
                return true;
            },
            kPatience);
        QVERIFY(woke);
        QCOMPARE(r.depth(), 3);
        QVERIFY(r.is_owned());
        for (int i = 0; i < 3; ++i)
            r.release();
        QVERIFY(t.join(kPatience));
        auto lk = on(s.recorder().snapshot(), r.id());
        // acquire x3, Release(b 0) for the wait, Acquire(b 3) back (perhaps
        // after waiting for the notifier to let go), release x3.
        const LaneId me = s.recorder().current_lane();
        std::vector<std::pair<Kind, std::int32_t>> mine;
        for (const Record& x : lk)
            if (x.lane == me && (x.kind == Kind::Acquire || x.kind == Kind::Release))
                mine.push_back({x.kind, x.b});
        QCOMPARE(mine, (std::vector<std::pair<Kind, std::int32_t>>{{Kind::Acquire, 1},
                                                                   {Kind::Acquire, 2},
                                                                   {Kind::Acquire, 3},
                                                                   {Kind::Release, 0},
                                                                   {Kind::Acquire, 3},
                                                                   {Kind::Release, 2},
                                                                   {Kind::Release, 1},
                                                                   {Kind::Release, 0}}));
    }

    void notifyWakesTheOldestFirst_data() { lock_rows(); }
    void notifyWakesTheOldestFirst() {
        QFETCH(QString, kind);
        Fixture f(kind);
        sync::Condition& cond = *f.cond;
        std::vector<int> order; // guarded by the condition's lock
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < 3; ++i) {
            ts.push_back(std::make_unique<thread::Thread>(f.s, "w" + std::to_string(i), [&, i] {
                std::lock_guard g(cond);
                if (cond.wait(kPatience))
                    order.push_back(i);
            }));
            ts.back()->start();
            // One at a time, so the arrival order is known.
            QVERIFY(blocked(f.s, cond.id(), ts.back()->lane()));
        }
        QCOMPARE(cond.waiting(), std::size_t(3));
        auto notify_and_wait = [&](int n, std::size_t expect_done) {
            {
                std::lock_guard g(cond);
                if (n < 0)
                    cond.notify_all();
                else
                    cond.notify(n);
            }
            return eventually([&] {
                std::lock_guard g(cond);
                return order.size() == expect_done;
            });
        };
        QVERIFY(notify_and_wait(1, 1));
        QCOMPARE(order, (std::vector<int>{0}));
        QCOMPARE(cond.waiting(), std::size_t(2));
        QVERIFY(notify_and_wait(1, 2));
        QCOMPARE(order, (std::vector<int>{0, 1}));
        QVERIFY(notify_and_wait(-1, 3));
        QCOMPARE(order, (std::vector<int>{0, 1, 2}));
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));

        auto snap = f.s.recorder().snapshot();
        auto notifies = of(snap, Kind::Notify, cond.id());
        QCOMPARE(notifies.size(), std::size_t(3));
        std::vector<std::int32_t> b{1, 1, -1};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(notifies[i].a, std::int64_t(i + 1));
            QCOMPARE(notifies[i].b, b[i]);
            QCOMPARE(notifies[i].c, std::uint16_t(1));
            // Waiter i was woken by Notify i.
            auto k = kinds(snap, cond.id(), ts[i]->lane());
            QCOMPARE(k, (std::vector<Kind>{Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
            const Record wake = of(snap, Kind::Wake, cond.id(), ts[i]->lane())[0];
            QCOMPARE(wake.a, notifies[i].a);
            QVERIFY(notifies[i].t_ns <= wake.t_ns);
            QCOMPARE(of(snap, Kind::WaitEnd, cond.id(), ts[i]->lane())[0].c, u16(WaitResult::Ok));
            // Each waiter's lock steps: Acquire, Release (wait), Acquire (back),
            // Release; the way back may wait for the notifier to let go.
            std::vector<Kind> lk;
            for (Kind k : kinds(snap, cond.lock_id(), ts[i]->lane()))
                if (k == Kind::Acquire || k == Kind::Release)
                    lk.push_back(k);
            QCOMPARE(lk, (std::vector<Kind>{Kind::Acquire, Kind::Release, Kind::Acquire,
                                            Kind::Release}));
        }
    }

    void notifyCountsWhomItWoke() {
        Session s;
        sync::Condition cond(s, "c");
        std::atomic<int> woken{0};
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < 5; ++i) {
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i), [&] {
                std::lock_guard g(cond);
                woken += cond.wait(kPatience);
            }));
            ts.back()->start();
            QVERIFY(blocked(s, cond.id(), ts.back()->lane()));
        }
        {
            std::lock_guard g(cond);
            cond.notify(2);
            cond.notify(0);
            cond.notify(10);
            cond.notify_all();
        }
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        QCOMPARE(woken.load(), 5);
        auto snap = s.recorder().snapshot();
        auto n = of(snap, Kind::Notify, cond.id());
        QCOMPARE(n.size(), std::size_t(4));
        QCOMPARE(n[0].c, std::uint16_t(2));
        QCOMPARE(n[1].c, std::uint16_t(0));
        QCOMPARE(n[2].b, 10);
        QCOMPARE(n[2].c, std::uint16_t(3));
        QCOMPARE(n[3].b, -1);
        QCOMPARE(n[3].c, std::uint16_t(0));
        // The two oldest took the first Notify.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(of(snap, Kind::Wake, cond.id(), ts[i]->lane())[0].a,
                     std::int64_t(i < 2 ? n[0].a : n[2].a));
    }

    void waitForPredicate() {
        Session s;
        sync::Condition cond(s, "c");
        int value = 0; // guarded by cond's lock
        {
            std::lock_guard g(cond);
            QVERIFY(!cond.wait_for([&] { return value > 0; }, 10ms));
            QVERIFY(cond.wait_for([] { return true; }, 0ms));
        }
        thread::Thread t(s, "setter", [&] {
            for (int i = 0; i < 5; ++i) {
                std::lock_guard g(cond);
                ++value;
                cond.notify();
            }
        });
        {
            std::lock_guard g(cond);
            t.start();
            QVERIFY(cond.wait_for([&] { return value == 5; }, kPatience));
            QCOMPARE(value, 5);
        }
        QVERIFY(t.join(kPatience));
    }

    void stress_data() {
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("consumers");
        QTest::newRow("1p/1c") << 1 << 1;
        QTest::newRow("4p/4c") << 4 << 4;
    }
    void stress() {
        // A bounded buffer built from one Condition, as in the tutorial.
        QFETCH(int, producers);
        QFETCH(int, consumers);
        Session s;
        sync::Condition cond(s, "c");
        std::deque<int> buffer; // guarded by cond's lock
        const std::size_t cap = 3;
        const int per = 500;
        std::vector<int> seen(producers * per, 0); // guarded by cond's lock
        int done_producers = 0;
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int p = 0; p < producers; ++p)
            ts.push_back(std::make_unique<thread::Thread>(s, "p" + std::to_string(p), [&, p] {
                for (int k = 0; k < per; ++k) {
                    std::lock_guard g(cond);
                    cond.wait_for([&] { return buffer.size() < cap; });
                    buffer.push_back(p * per + k);
                    cond.notify_all();
                }
                std::lock_guard g(cond);
                ++done_producers;
                cond.notify_all();
            }));
        for (int c = 0; c < consumers; ++c)
            ts.push_back(std::make_unique<thread::Thread>(s, "c" + std::to_string(c), [&] {
                for (;;) {
                    std::lock_guard g(cond);
                    cond.wait_for([&] { return !buffer.empty() || done_producers == producers; });
                    if (buffer.empty())
                        return;
                    ++seen[buffer.front()];
                    buffer.pop_front();
                    cond.notify(); // a producer may be waiting for room
                }
            }));
        for (auto& t : ts)
            t->start();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        for (int v : seen)
            QCOMPARE(v, 1);
        // Each Notify woke exactly c waiters, and each Wake names one Notify.
        auto snap = s.recorder().snapshot();
        std::map<std::int64_t, int> woke_by;
        for (const Record& r : of(snap, Kind::Wake, cond.id()))
            ++woke_by[r.a];
        int notified = 0;
        for (const Record& r : of(snap, Kind::Notify, cond.id())) {
            QCOMPARE(woke_by[r.a], int(r.c));
            notified += r.c;
            woke_by.erase(r.a);
        }
        QVERIFY(woke_by.empty());
        QCOMPARE(int(of(snap, Kind::Wake, cond.id()).size()), notified);
        // Every waiter was woken (nothing timed out), so begins == wakes.
        QCOMPARE(of(snap, Kind::WaitBegin, cond.id()).size(), std::size_t(notified));
    }

    void cancelledWaiterTakesTheLockBack_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("guardLock");  // guard the lock itself, not the Condition
        QTest::addColumn<bool>("busyAtStop"); // another lane holds the lock at the stop
        for (QString kind : {"Lock", "RLock", "own"})
            for (bool guard_lock : {false, true})
                for (bool busy : {false, true}) {
                    if (kind == "own" && guard_lock)
                        continue;
                    QString row = kind + (guard_lock ? ", guard on lock" : ", guard on cond") +
                                  (busy ? ", busy" : ", free");
                    QTest::newRow(row.toLatin1()) << kind << guard_lock << busy;
                }
    }
    void cancelledWaiterTakesTheLockBack() {
        QFETCH(QString, kind);
        QFETCH(bool, guardLock);
        QFETCH(bool, busyAtStop);
        Fixture f(kind);
        sync::Condition& cond = *f.cond;
        std::atomic<bool> cancelled{false}, held_after{false};
        auto body = [&](auto& guarded) {
            std::unique_lock g(guarded); // as the scenarios write it
            try {
                cond.wait();
            } catch (const Cancelled&) {
                cancelled = true;
                held_after =
                    g.owns_lock() && (kind == "Lock" ? f.lock->owner() != 0 : cond.try_lock());
                if (kind != "Lock")
                    cond.release(); // undo the probe's nested acquire
                throw;
            }
        };
        thread::Thread t(f.s, "w", [&] {
            if (guardLock && kind == "Lock")
                body(*f.lock);
            else if (guardLock)
                body(*f.rlock);
            else
                body(cond);
        });
        t.start();
        QVERIFY(blocked(f.s, cond.id(), t.lane()));
        if (busyAtStop)
            cond.acquire();
        f.s.request_stop();
        if (busyAtStop) {
            // The waiter has left its wait and now needs the lock back.
            QVERIFY(
                eventually([&] { return count(f.s, Kind::WaitEnd, cond.id(), t.lane()) == 1; }));
            QVERIFY(!cancelled); // still waiting for the lock
            cond.release();
        }
        QVERIFY(eventually([&] { return !t.is_alive(); }));
        QVERIFY(!t.exception()); // no RuntimeError from the guard's unlock
        QVERIFY(cancelled);
        QVERIFY(held_after);
        QCOMPARE(cond.waiting(), std::size_t(0));
        auto snap = f.s.recorder().snapshot();
        QCOMPARE(kinds(snap, cond.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, cond.id(), t.lane())[0].c, u16(WaitResult::Cancelled));
        // On the lock: taken, given up for the wait, taken back, released by the guard.
        std::vector<Kind> lk;
        for (Kind k : kinds(snap, cond.lock_id(), t.lane()))
            if (k == Kind::Acquire || k == Kind::Release)
                lk.push_back(k);
        if (kind == "Lock")
            QCOMPARE(lk, (std::vector<Kind>{Kind::Acquire, Kind::Release, Kind::Acquire,
                                            Kind::Release}));
        else // plus the probe's nested acquire/release
            QCOMPARE(lk, (std::vector<Kind>{Kind::Acquire, Kind::Release, Kind::Acquire,
                                            Kind::Acquire, Kind::Release, Kind::Release}));
        // The condition is consistent: the lock is free, a notify wakes nobody.
        QVERIFY(cond.try_lock());
        cond.notify();
        cond.release();
        QCOMPARE(of(f.s.recorder().snapshot(), Kind::Notify, cond.id())[0].c, std::uint16_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCondition)
#include "tst_condition.moc"
