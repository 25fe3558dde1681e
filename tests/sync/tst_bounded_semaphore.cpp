#include "run/errors.h"
#include "sync/bounded_semaphore.h"
#include "sync/sem_stress.h"
#include "sync/sync_test_util.h"

#include <QtTest>

#include <string>

using namespace il;
using namespace sync_test;

class TestBoundedSemaphore : public QObject {
    Q_OBJECT
private slots:
    void objectInfo() {
        Session s;
        sync::BoundedSemaphore sem(s, "b", 2);
        auto info = s.registry().object(sem.id());
        QCOMPARE(info.kind, trace::ObjectKind::BoundedSemaphore);
        QCOMPARE(info.capacity, std::int64_t(2));
        QCOMPARE(sem.initial_value(), std::int64_t(2));
        QVERIFY_THROWS_EXCEPTION(ValueError, sync::BoundedSemaphore(s, "bad", -1));
    }

    void overReleaseThrowsAndRecordsNothing() {
        Session s;
        sync::BoundedSemaphore sem(s, "b", 2);
        QVERIFY_THROWS_EXCEPTION(ValueError, sem.release());
        try {
            sem.release();
            QFAIL("no exception");
        } catch (const ValueError& e) {
            QCOMPARE(std::string(e.what()), std::string("Semaphore released too many times"));
        }
        QVERIFY(sem.acquire());
        QVERIFY_THROWS_EXCEPTION(ValueError, sem.release(2)); // 1 + 2 > 2
        QCOMPARE(sem.value(), std::int64_t(1));
        sem.release();
        QCOMPARE(sem.value(), std::int64_t(2));
        QVERIFY_THROWS_EXCEPTION(ValueError, sem.release());
        auto recs = on(s.recorder().snapshot(), sem.id());
        QCOMPARE(recs.size(), std::size_t(2)); // one Acquire, one Release
        QCOMPARE(recs[0].kind, Kind::Acquire);
        QCOMPARE(recs[0].b, 1);
        QCOMPARE(recs[1].kind, Kind::Release);
        QCOMPARE(recs[1].a, std::int64_t(1));
        QCOMPARE(recs[1].b, 2);
    }

    void behavesAsASemaphore() {
        Session s;
        sync::BoundedSemaphore sem(s, "b", 1);
        QVERIFY(sem.acquire());
        QVERIFY(!sem.try_acquire());
        QVERIFY(!sem.acquire(10ms));
        sem.release();
        QVERIFY(sem.acquire(0ms));
        sem.release();
    }

    void stress_data() {
        QTest::addColumn<int>("permits");
        QTest::addColumn<int>("lanes");
        QTest::newRow("1 permit, 4 lanes") << 1 << 4;
        QTest::newRow("3 permits, 6 lanes") << 3 << 6;
    }
    void stress() {
        QFETCH(int, permits);
        QFETCH(int, lanes);
        Session s;
        sync::BoundedSemaphore sem(s, "b", permits);
        semaphore_stress(s, sem, permits, lanes, 1000);
    }

    void cancelledWhileBlocked() {
        Session s;
        sync::BoundedSemaphore sem(s, "b", 1);
        semaphore_cancel(s, sem);
    }
};

QTEST_GUILESS_MAIN(TestBoundedSemaphore)
#include "tst_bounded_semaphore.moc"
