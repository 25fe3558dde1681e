#include "analysis/interval_index.h"
#include "analysis/ownership.h"
#include "analysis/trace_builder.h"

#include <QtTest>

#include <random>

using namespace il::analysis;
using namespace il::test;

namespace {

std::vector<LaneId> waiter_lanes(const OwnershipState& st) {
    std::vector<LaneId> v;
    for (const Waiter& w : st.waiters)
        v.push_back(w.lane);
    return v;
}

const ObjectOwnership& find(const std::vector<ObjectOwnership>& all, ObjectId id) {
    for (const ObjectOwnership& o : all)
        if (o.object == id)
            return o;
    qFatal("no ownership entry for object %u", id);
}

} // namespace

class TestOwnership : public QObject {
    Q_OBJECT
private slots:
    void lockHoldsAndWaitedFlag() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.acquire(10, a, lock, 0).release(100, a, lock, 1);
        tb.wait(20, b, lock, WaitReason::Lock).wait_end(130, b, lock).acquire(131, b, lock, 1);
        tb.release(150, b, lock, 2);
        tb.acquire(200, a, lock, 2); // still held at the end
        Snapshot s = tb.snapshot(300, false);
        auto all = ownership(s);
        QCOMPARE(all.size(), std::size_t(1));
        const ObjectOwnership& o = all[0];
        QCOMPARE(o.object, lock);
        QVERIFY(!o.counting);
        QCOMPARE(o.holds.size(), std::size_t(3));
        QCOMPARE(o.holds[0].lane, a);
        QCOMPARE(o.holds[0].t0, std::int64_t(10));
        QCOMPARE(o.holds[0].t1, std::int64_t(100));
        QVERIFY(!o.holds[0].waited);
        QCOMPARE(o.holds[1].lane, b);
        QCOMPARE(o.holds[1].t0, std::int64_t(131));
        QCOMPARE(o.holds[1].t1, std::int64_t(150));
        QVERIFY(o.holds[1].waited);
        QCOMPARE(o.holds[1].released_by, b);
        QVERIFY(o.holds[2].open());
        QCOMPARE(o.holds[2].t1, std::int64_t(300));
        QCOMPARE(o.waits.size(), std::size_t(1));

        QCOMPARE(state_at(o, 5).owner, LaneId(0));
        QCOMPARE(state_at(o, 50).owner, a);
        QCOMPARE(waiter_lanes(state_at(o, 50)), std::vector<LaneId>{b});
        QCOMPARE(state_at(o, 100).owner, LaneId(0)); // released, b not yet running
        QCOMPARE(waiter_lanes(state_at(o, 100)), std::vector<LaneId>{b});
        QCOMPARE(state_at(o, 140).owner, b);
        QVERIFY(state_at(o, 140).waiters.empty());
        QCOMPARE(state_at(o, 300).owner, a); // an open hold is current at the end
    }

    void gilWaitersQueueOnTheGilLock() {
        // The emulated GIL is a Lock whose waits say Gil: its waiters are listed.
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId gil = tb.object(ObjectKind::Lock, "GIL");
        tb.acquire(10, a, gil, 0).release(100, a, gil, 1);
        tb.wait(20, b, gil, WaitReason::Gil).wait_end(100, b, gil).acquire(101, b, gil, 1);
        auto all = ownership(tb.snapshot(200, false));
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].waits.size(), std::size_t(1));
        QCOMPARE(waiter_lanes(state_at(all[0], 50)), std::vector<LaneId>{b});
        QVERIFY(all[0].holds[1].waited);
    }

    void anotherLaneMayReleaseALock() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.acquire(10, a, lock, 0).release(20, b, lock, 1);
        auto all = ownership(tb.snapshot(30));
        QCOMPARE(all[0].holds.size(), std::size_t(1));
        QCOMPARE(all[0].holds[0].lane, a);
        QCOMPARE(all[0].holds[0].released_by, b);
        QCOMPARE(all[0].holds[0].t1, std::int64_t(20));
    }

    void rlockCountsDepthTransitionsOnly() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId r = tb.object(ObjectKind::RLock, "r");
        tb.acquire(10, a, r, 0, 1).acquire(20, a, r, 0, 2).acquire(25, a, r, 0, 3);
        tb.release(30, a, r, 1, 2).release(35, a, r, 2, 1).release(40, a, r, 3, 0);
        // Condition.wait on an RLock held twice: released whole, restored at depth 2.
        tb.acquire(50, a, r, 3, 1).acquire(55, a, r, 0, 2).release(60, a, r, 4, 0);
        tb.acquire(70, a, r, 4, 2).release(80, a, r, 5, 1).release(90, a, r, 6, 0);
        auto all = ownership(tb.snapshot(100));
        const ObjectOwnership& o = all[0];
        QCOMPARE(o.holds.size(), std::size_t(3));
        QCOMPARE(o.holds[0].t0, std::int64_t(10));
        QCOMPARE(o.holds[0].t1, std::int64_t(40));
        QCOMPARE(o.holds[0].max_depth, 3);
        QCOMPARE(o.holds[1].t0, std::int64_t(50));
        QCOMPARE(o.holds[1].t1, std::int64_t(60));
        QCOMPARE(o.holds[2].t0, std::int64_t(70));
        QCOMPARE(o.holds[2].t1, std::int64_t(90));
        QCOMPARE(o.holds[2].max_depth, 2);
        QCOMPARE(state_at(o, 32).owner, a);
        QCOMPARE(state_at(o, 65).owner, LaneId(0));
    }

    void waitersInArrivalOrder() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c"), d = tb.lane("d");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.acquire(10, a, lock, 0).release(100, a, lock, 1);
        tb.wait(20, b, lock, WaitReason::Lock).wait_end(105, b, lock).acquire(106, b, lock, 1);
        tb.wait(30, c, lock, WaitReason::Lock);
        tb.wait(25, d, lock, WaitReason::Lock);
        tb.release(200, b, lock, 2).wait_end(210, c, lock).acquire(211, c, lock, 2);
        Snapshot s = tb.snapshot(300, false);
        auto all = ownership(s);
        const ObjectOwnership& o = all[0];
        QCOMPARE(waiter_lanes(state_at(o, 15)), std::vector<LaneId>{});
        QCOMPARE(waiter_lanes(state_at(o, 22)), (std::vector<LaneId>{b}));
        QCOMPARE(waiter_lanes(state_at(o, 40)), (std::vector<LaneId>{b, d, c}));
        OwnershipState at110 = state_at(o, 110);
        QCOMPARE(at110.owner, b);
        QCOMPARE(waiter_lanes(at110), (std::vector<LaneId>{d, c}));
        QCOMPARE(at110.waiters[0].since, std::int64_t(25));
        OwnershipState at250 = state_at(o, 250);
        QCOMPARE(at250.owner, c);
        QCOMPARE(waiter_lanes(at250), (std::vector<LaneId>{d})); // still waiting at the end
        QCOMPARE(waiter_lanes(state_at(o, 300)), (std::vector<LaneId>{d}));
    }

    void conditionLockIsTracked() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        // A lock-kind object registered as something else still counts when a
        // Condition names it as its lock.
        ObjectId lock = tb.object(ObjectKind::Variable, "inner");
        tb.object(ObjectKind::Condition, "cv", 0, lock);
        tb.acquire(10, a, lock, 0).release(20, a, lock, 1);
        auto all = ownership(tb.snapshot(30));
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].object, lock);
        QCOMPARE(all[0].holds.size(), std::size_t(1));
    }

    void semaphoreHoldersPerLane() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId sem = tb.object(ObjectKind::Semaphore, "slots", 3);
        tb.acquire(10, a, sem, 0, 2).acquire(20, a, sem, 0, 1).acquire(30, b, sem, 0, 0);
        tb.wait(40, c, sem, WaitReason::Semaphore);
        tb.release(50, a, sem, 1, 1).wait_end(55, c, sem).acquire(56, c, sem, 1, 0);
        tb.release(70, b, sem, 2, 1).release(80, c, sem, 3, 2);
        tb.rec(90, b, Kind::Release, sem, 4, 3); // b releases a permit that a holds
        Snapshot s = tb.snapshot(100);
        auto all = ownership(s);
        const ObjectOwnership& o = find(all, sem);
        QVERIFY(o.counting);
        QCOMPARE(o.holds.size(), std::size_t(4));

        OwnershipState at45 = state_at(o, 45);
        QCOMPARE(at45.owner, LaneId(0));
        QCOMPARE(at45.holders.size(), std::size_t(2));
        QCOMPARE(at45.holders[0].lane, a);
        QCOMPARE(at45.holders[0].count, 2);
        QCOMPARE(at45.holders[0].since, std::int64_t(10));
        QCOMPARE(at45.holders[1].lane, b);
        QCOMPARE(at45.holders[1].count, 1);
        QCOMPARE(waiter_lanes(at45), std::vector<LaneId>{c});

        OwnershipState at60 = state_at(o, 60);
        QCOMPARE(at60.holders.size(), std::size_t(3));
        QCOMPARE(at60.holders[0].count, 1); // a released its oldest permit
        QCOMPARE(at60.holders[0].since, std::int64_t(20));
        QVERIFY(o.holds[3].waited); // c's acquire ended its wait
        QVERIFY(!o.holds[0].waited);

        OwnershipState at95 = state_at(o, 95);
        QVERIFY(at95.holders.empty());
        QCOMPARE(o.holds[1].released_by, b);
    }

    void semaphoreReleaseOfSeveralPermits() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId sem = tb.object(ObjectKind::BoundedSemaphore, "s", 3);
        tb.acquire(10, a, sem, 0, 2).acquire(11, a, sem, 0, 1).acquire(12, a, sem, 0, 0);
        tb.release(20, a, sem, 1, 2); // release(2)
        auto all = ownership(tb.snapshot(30));
        const ObjectOwnership& o = all[0];
        QCOMPARE(state_at(o, 25).holders.size(), std::size_t(1));
        QCOMPARE(state_at(o, 25).holders[0].count, 1);
    }

    void intervalIndexMatchesBruteForce_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("maxLength");
        QTest::newRow("empty") << 0 << 10;
        QTest::newRow("few") << 5 << 10;
        QTest::newRow("short") << 2000 << 20;
        QTest::newRow("long") << 2000 << 5000;
    }
    void intervalIndexMatchesBruteForce() {
        QFETCH(int, count);
        QFETCH(int, maxLength);
        std::mt19937 rng(42);
        std::vector<std::int64_t> t0(count), t1(count);
        std::int64_t t = 0;
        for (int i = 0; i < count; ++i) {
            t += rng() % 7; // ties included
            t0[i] = t;
            t1[i] = t + static_cast<std::int64_t>(rng() % maxLength);
        }
        IntervalIndex index(t0, t1);
        std::vector<std::uint32_t> got;
        for (std::int64_t q = -1; q <= t + maxLength + 1; q += 3) {
            index.active_at(q, got);
            std::vector<std::uint32_t> want;
            for (int i = 0; i < count; ++i)
                if (t0[i] <= q && q < t1[i])
                    want.push_back(static_cast<std::uint32_t>(i));
            QCOMPARE(got, want);
        }
    }
};

QTEST_GUILESS_MAIN(TestOwnership)
#include "tst_ownership.moc"
