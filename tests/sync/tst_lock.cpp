#include "run/errors.h"
#include "sync/lock.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

class TestLock : public QObject {
    Q_OBJECT
private slots:
    void acquireAndRelease() {
        Session s;
        sync::Lock lock(s, "l");
        QVERIFY(!lock.locked());
        QVERIFY(lock.acquire());
        QVERIFY(lock.locked());
        QCOMPARE(lock.owner(), s.recorder().current_lane());
        lock.release();
        QVERIFY(!lock.locked());
        QCOMPARE(lock.owner(), LaneId(0));
        {
            std::lock_guard g(lock);
            QVERIFY(lock.locked());
        }
        QVERIFY(!lock.locked());
        QCOMPARE(s.registry().object(lock.id()).kind, trace::ObjectKind::Lock);
    }

    void tryAcquire() {
        Session s;
        sync::Lock lock(s, "l");
        QVERIFY(lock.try_acquire());
        QVERIFY(!lock.try_acquire()); // not reentrant
        lock.release();
        QVERIFY(lock.try_acquire());
        lock.release();
        auto recs = on(s.recorder().snapshot(), lock.id());
        QCOMPARE(recs.size(), std::size_t(5));
        QCOMPARE(recs[1].kind, Kind::TryFail);
        QCOMPARE(recs[1].b, 1);
    }

    void timeout() {
        Session s;
        sync::Lock lock(s, "l");
        lock.acquire();
        bool got = true;
        thread::Thread t(s, "t", [&] { got = lock.acquire(20ms); });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(!got);
        auto k = kinds(s.recorder().snapshot(), lock.id(), t.lane());
        QCOMPARE(k, (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::TryFail}));
        auto snap = s.recorder().snapshot();
        QCOMPARE(of(snap, Kind::WaitBegin, lock.id())[0].c, u16(WaitReason::Lock));
        QCOMPARE(of(snap, Kind::WaitEnd, lock.id())[0].c, u16(WaitResult::Timeout));
        lock.release();
    }

    void releaseUnlockedThrows() {
        Session s;
        sync::Lock lock(s, "l");
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release());
        lock.acquire();
        lock.release();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release());
        QCOMPARE(of(s.recorder().snapshot(), Kind::Release, lock.id()).size(), std::size_t(1));
    }

    void anyLaneMayRelease() {
        Session s;
        sync::Lock lock(s, "l");
        lock.acquire();
        thread::Thread t(s, "t", [&] { lock.release(); });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(!lock.locked());
    }

    void tokensChainReleaseToAcquire() {
        Session s;
        sync::Lock lock(s, "l");
        for (int i = 0; i < 3; ++i) {
            lock.acquire();
            lock.release();
        }
        auto recs = on(s.recorder().snapshot(), lock.id());
        QCOMPARE(recs.size(), std::size_t(6));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(recs[2 * i].kind, Kind::Acquire);
            QCOMPARE(recs[2 * i].a, std::int64_t(i)); // the previous Release's token
            QCOMPARE(recs[2 * i].b, 1);
            QCOMPARE(recs[2 * i + 1].kind, Kind::Release);
            QCOMPARE(recs[2 * i + 1].a, std::int64_t(i + 1)); // tokens increase
        }
    }

    void contendedAcquireWaitsThenFollowsTheRelease() {
        Session s;
        sync::Lock lock(s, "l");
        lock.acquire();
        thread::Thread t(s, "t", [&] {
            lock.acquire();
            lock.release();
        });
        t.start();
        QVERIFY(blocked(s, lock.id(), t.lane()));
        lock.release();
        QVERIFY(t.join(kPatience));
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, lock.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Acquire, Kind::Release}));
        auto mine = of(snap, Kind::Release, lock.id(), s.recorder().current_lane());
        QCOMPARE(mine.size(), std::size_t(1));
        const Record begin = of(snap, Kind::WaitBegin, lock.id(), t.lane())[0];
        const Record end = of(snap, Kind::WaitEnd, lock.id(), t.lane())[0];
        const Record acq = of(snap, Kind::Acquire, lock.id(), t.lane())[0];
        QCOMPARE(begin.c, u16(WaitReason::Lock));
        QCOMPARE(end.c, u16(WaitResult::Ok));
        QCOMPARE(acq.a, mine[0].a);
        QVERIFY(mine[0].t_ns <= acq.t_ns);
    }

    void stress_data() {
        QTest::addColumn<int>("lanes");
        QTest::newRow("2 lanes") << 2;
        QTest::newRow("4 lanes") << 4;
    }
    void stress() {
        QFETCH(int, lanes);
        Session s;
        sync::Lock lock(s, "l");
        const int per = 2000;
        long counter = 0;
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < lanes; ++i)
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i), [&] {
                for (int k = 0; k < per; ++k) {
                    std::lock_guard g(lock);
                    ++counter;
                }
            }));
        for (auto& t : ts)
            t->start();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        const int total = lanes * per;
        QCOMPARE(counter, long(total));
        auto snap = s.recorder().snapshot();
        auto acq = of(snap, Kind::Acquire, lock.id());
        auto rel = of(snap, Kind::Release, lock.id());
        QCOMPARE(int(acq.size()), total);
        QCOMPARE(int(rel.size()), total);
        // Every Release token 1..total once; every Acquire follows a distinct
        // Release (or none, for the very first).
        std::vector<int> released(total + 1, 0), followed(total + 1, 0);
        for (const Record& r : rel)
            ++released.at(r.a);
        for (const Record& r : acq)
            ++followed.at(r.a);
        for (int i = 1; i <= total; ++i)
            QCOMPARE(released[i], 1);
        QCOMPARE(followed[0], 1);
        for (int i = 1; i < total; ++i)
            QCOMPARE(followed[i], 1);
        // Mutual exclusion, from tokens alone: each lane's Acquire(a = k) is
        // followed by its own Release(a = k + 1), so no other lane released
        // (or took) the lock in between. (Timestamps of different lanes are
        // not compared: two CPUs' clocks may disagree by tens of ns, less
        // than a mutex handoff.)
        for (auto& t : ts) {
            std::int64_t held = -1;
            for (const Record& r : on(snap, lock.id())) {
                if (r.lane != t->lane())
                    continue;
                if (r.kind == Kind::Acquire) {
                    QCOMPARE(held, std::int64_t(-1));
                    held = r.a;
                } else if (r.kind == Kind::Release) {
                    QCOMPARE(r.a, held + 1);
                    held = -1;
                }
            }
            QCOMPARE(held, std::int64_t(-1));
        }
    }

    void cancelledWhileBlocked() {
        Session s;
        sync::Lock lock(s, "l");
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
        auto ends = of(snap, Kind::WaitEnd, lock.id(), t.lane());
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(WaitResult::Cancelled));
        QVERIFY(of(snap, Kind::Acquire, lock.id(), t.lane()).empty());
        QVERIFY(lock.locked()); // still ours
        lock.release();
    }
};

QTEST_GUILESS_MAIN(TestLock)
#include "tst_lock.moc"
