#include "run/errors.h"
#include "sync/sem_stress.h"
#include "sync/semaphore.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <memory>
#include <mutex>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

class TestSemaphore : public QObject {
    Q_OBJECT
private slots:
    void objectInfoAndErrors() {
        Session s;
        sync::Semaphore sem(s, "sem", 3);
        auto info = s.registry().object(sem.id());
        QCOMPARE(info.kind, trace::ObjectKind::Semaphore);
        QCOMPARE(info.capacity, std::int64_t(3));
        QCOMPARE(sem.value(), std::int64_t(3));
        QVERIFY_THROWS_EXCEPTION(ValueError, sync::Semaphore(s, "bad", -1));
        QVERIFY_THROWS_EXCEPTION(ValueError, sem.release(0));
        sync::Semaphore zero(s, "zero", 0);
        QVERIFY(!zero.try_acquire());
    }

    void countsPermits() {
        Session s;
        sync::Semaphore sem(s, "sem", 2);
        QVERIFY(sem.acquire());
        QVERIFY(sem.try_acquire());
        QCOMPARE(sem.value(), std::int64_t(0));
        QVERIFY(!sem.try_acquire());
        sem.release();
        QCOMPARE(sem.value(), std::int64_t(1));
        sem.release(2); // a plain Semaphore may go past its initial value
        QCOMPARE(sem.value(), std::int64_t(3));
        {
            std::lock_guard g(sem);
            QCOMPARE(sem.value(), std::int64_t(2));
        }
        QCOMPARE(sem.value(), std::int64_t(3));
        auto recs = on(s.recorder().snapshot(), sem.id());
        std::vector<Kind> k{Kind::Acquire, Kind::Acquire, Kind::TryFail, Kind::Release,
                            Kind::Release, Kind::Acquire, Kind::Release};
        std::vector<int> b{1, 0, 0, 1, 3, 2, 3}; // free permits after
        QCOMPARE(recs.size(), k.size());
        for (std::size_t i = 0; i < k.size(); ++i) {
            QCOMPARE(recs[i].kind, k[i]);
            QCOMPARE(recs[i].b, b[i]);
        }
        QCOMPARE(recs[3].a, std::int64_t(1)); // Release tokens
        QCOMPARE(recs[4].a, std::int64_t(2));
        QCOMPARE(recs[6].a, std::int64_t(3));
    }

    void acquireNamesThePermitsRelease() {
        Session s;
        sync::Semaphore sem(s, "sem", 1);
        sem.acquire();  // the initial permit: a = 0
        sem.release();  // token 1
        sem.release();  // token 2
        sem.acquire();  // oldest free permit first: token 1
        sem.acquire();  // then token 2
        sem.release(2); // token 3, two permits
        sem.acquire();
        sem.acquire();
        auto acq = of(s.recorder().snapshot(), Kind::Acquire, sem.id());
        std::vector<std::int64_t> a;
        for (const Record& r : acq)
            a.push_back(r.a);
        QCOMPARE(a, (std::vector<std::int64_t>{0, 1, 2, 3, 3}));
    }

    void timeout() {
        Session s;
        sync::Semaphore sem(s, "sem", 0);
        QVERIFY(!sem.acquire(20ms));
        auto recs = on(s.recorder().snapshot(), sem.id());
        QCOMPARE(recs.size(), std::size_t(3));
        QCOMPARE(recs[0].kind, Kind::WaitBegin);
        QCOMPARE(recs[0].c, u16(WaitReason::Semaphore));
        QCOMPARE(recs[1].kind, Kind::WaitEnd);
        QCOMPARE(recs[1].c, u16(WaitResult::Timeout));
        QCOMPARE(recs[2].kind, Kind::TryFail);
    }

    void waitersTakeReleasedPermits_data() {
        QTest::addColumn<bool>("together");
        QTest::newRow("release(3)") << true;
        QTest::newRow("3 x release()") << false;
    }
    void waitersTakeReleasedPermits() {
        QFETCH(bool, together);
        Session s;
        sync::Semaphore sem(s, "sem", 0);
        std::vector<std::unique_ptr<thread::Thread>> ts;
        std::atomic<int> got{0};
        for (int i = 0; i < 3; ++i) {
            ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i),
                                                          [&] { got += sem.acquire(kPatience); }));
            ts.back()->start();
            QVERIFY(blocked(s, sem.id(), ts.back()->lane()));
        }
        if (together) {
            sem.release(3);
        } else {
            for (int i = 0; i < 3; ++i)
                sem.release();
        }
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        QCOMPARE(got.load(), 3);
        auto snap = s.recorder().snapshot();
        auto rel = of(snap, Kind::Release, sem.id());
        auto acq = of(snap, Kind::Acquire, sem.id());
        QCOMPARE(rel.size(), std::size_t(together ? 1 : 3));
        QCOMPARE(acq.size(), std::size_t(3));
        std::map<std::int64_t, int> claims;
        for (const Record& r : acq) {
            ++claims[r.a];
            auto cause =
                std::find_if(rel.begin(), rel.end(), [&](const Record& x) { return x.a == r.a; });
            QVERIFY(cause != rel.end());
            QVERIFY(cause->t_ns <= r.t_ns);
        }
        if (together)
            QCOMPARE(claims[rel[0].a], 3);
        else
            for (const Record& r : rel)
                QCOMPARE(claims[r.a], 1);
        for (auto& t : ts)
            QCOMPARE(kinds(snap, sem.id(), t->lane()),
                     (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Acquire}));
    }

    void stress_data() {
        QTest::addColumn<int>("permits");
        QTest::addColumn<int>("lanes");
        QTest::newRow("1 permit, 4 lanes") << 1 << 4;
        QTest::newRow("2 permits, 4 lanes") << 2 << 4;
        QTest::newRow("3 permits, 6 lanes") << 3 << 6;
    }
    void stress() {
        QFETCH(int, permits);
        QFETCH(int, lanes);
        Session s;
        sync::Semaphore sem(s, "sem", permits);
        semaphore_stress(s, sem, permits, lanes, 1000);
    }

    void cancelledWhileBlocked() {
        Session s;
        sync::Semaphore sem(s, "sem", 2);
        semaphore_cancel(s, sem);
    }
};

QTEST_GUILESS_MAIN(TestSemaphore)
#include "tst_semaphore.moc"
