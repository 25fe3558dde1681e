// WaitForGraph and find_deadlocks: cycles on hand-made traces (locks, joins,
// futures, semaphore knots), the instant and the once of each report, what
// must not count, out-of-order batches, and a cycle formed by real Locks.
#include "analysis/trace_builder.h"
#include "analysis/wait_for_graph.h"
#include "run/session.h"
#include "sync/barrier.h"
#include "sync/lock.h"
#include "thread/thread.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace il::analysis;
using namespace il::test;

namespace {

// Feeds records one by one; remembers which record index produced each finding.
struct Fed {
    std::vector<Diagnostic> found;
    std::vector<std::size_t> at;
};

Fed feed(WaitForGraph& g, const std::vector<Record>& records) {
    Fed f;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (std::optional<Diagnostic> d = g.feed(records[i])) {
            f.found.push_back(std::move(*d));
            f.at.push_back(i);
        }
    return f;
}

Fed feed(const Snapshot& s) {
    WaitForGraph g;
    g.set_registry(s.lanes, s.objects);
    return feed(g, s.records);
}

} // namespace

class TestWaitForGraph : public QObject {
    Q_OBJECT
private slots:
    // n lanes, n locks: lane i takes lock i, then waits for lock i+1.
    void cycleOfNLanes_data() {
        QTest::addColumn<int>("n");
        for (int n : {2, 3, 5, 8, 32})
            QTest::newRow(qPrintable(QString("%1 lanes").arg(n))) << n;
    }
    void cycleOfNLanes() {
        QFETCH(int, n);
        TraceBuilder tb;
        std::vector<LaneId> lanes;
        std::vector<ObjectId> locks;
        for (int i = 0; i < n; ++i)
            lanes.push_back(tb.lane("philosopher-" + std::to_string(i + 1)));
        for (int i = 0; i < n; ++i)
            locks.push_back(tb.object(ObjectKind::Lock, "fork-" + std::to_string(i + 1)));
        for (int i = 0; i < n; ++i) {
            tb.start(1, lanes[i]);
            tb.acquire(10 + i, lanes[i], locks[i], 0);
        }
        for (int i = 0; i < n; ++i)
            tb.wait(100 + 10 * i, lanes[i], locks[(i + 1) % n], WaitReason::Lock);
        // An unrelated lane keeps running after the cycle closed.
        LaneId other = tb.lane("bystander");
        ObjectId spare = tb.object(ObjectKind::Lock, "spare");
        for (int k = 0; k < 20; ++k)
            tb.acquire(200 + 10 * n + 2 * k, other, spare, k)
                .release(201 + 10 * n + 2 * k, other, spare, k + 1);
        Snapshot s = tb.snapshot(10'000, false);

        Fed f = feed(s);
        QCOMPARE(f.found.size(), std::size_t(1));
        const std::ptrdiff_t closing = find_record(s, Kind::WaitBegin, lanes[n - 1], locks[0]);
        QCOMPARE(static_cast<std::ptrdiff_t>(f.at[0]), closing);
        const Diagnostic& d = f.found[0];
        QCOMPARE(d.kind, std::string("deadlock"));
        QCOMPARE(d.t_ns, std::int64_t(100 + 10 * (n - 1)));
        // Cycle order from the lane whose wait closed it.
        std::vector<LaneId> want_lanes{lanes[n - 1]};
        std::vector<ObjectId> want_objects;
        for (int i = 0; i < n - 1; ++i)
            want_lanes.push_back(lanes[i]);
        for (int i = 0; i < n; ++i)
            want_objects.push_back(locks[i]);
        QCOMPARE(d.lanes, want_lanes);
        QCOMPARE(d.objects, want_objects);
        QVERIFY(d.message.starts_with("deadlock: philosopher-" + std::to_string(n) +
                                      " waits for fork-1 held by philosopher-1, which waits for "
                                      "fork-2 held by philosopher-2"));
        QVERIFY(d.message.ends_with("held by philosopher-" + std::to_string(n)));

        // The whole-trace function finds the same, once.
        std::vector<Diagnostic> all = find_deadlocks(s);
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].message, d.message);
    }

    void twoLaneMessage() {
        TraceBuilder tb;
        LaneId a = tb.lane("transfer-a-to-b"), b = tb.lane("transfer-b-to-a");
        ObjectId la = tb.object(ObjectKind::Lock, "account_a");
        ObjectId lb = tb.object(ObjectKind::Lock, "account_b");
        tb.acquire(1, a, la, 0).acquire(2, b, lb, 0);
        tb.wait(5, a, lb, WaitReason::Lock).wait(7, b, la, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(10));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].message, std::string("deadlock: transfer-b-to-a waits for account_a held by "
                                           "transfer-a-to-b, which waits for account_b held by "
                                           "transfer-b-to-a"));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{b, a}));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{la, lb}));
        QCOMPARE(d[0].t_ns, std::int64_t(7));
    }

    void selfDeadlockOnLock() {
        TraceBuilder tb;
        LaneId a = tb.lane("recursive");
        ObjectId l = tb.object(ObjectKind::Lock, "resource");
        tb.start(0, a).acquire(1, a, l, 0).wait(2, a, l, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(10));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, std::vector<LaneId>{a});
        QCOMPARE(d[0].objects, std::vector<ObjectId>{l});
        QCOMPARE(d[0].t_ns, std::int64_t(2));
        QCOMPARE(d[0].message,
                 std::string("deadlock: recursive waits for resource held by recursive itself"));
    }

    void rlockReentryIsNotADeadlock() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId r = tb.object(ObjectKind::RLock, "r");
        // Nested acquires record no wait at all; inner releases keep it owned.
        tb.acquire(1, a, r, 0, 1).acquire(2, a, r, 0, 2).acquire(3, a, r, 0, 3);
        tb.release(4, a, r, 0, 2).release(5, a, r, 0, 1).release(6, a, r, 1, 0);
        // b then takes it; a waits for it (b is running): no cycle.
        tb.acquire(7, b, r, 1, 1).wait(8, a, r, WaitReason::Lock);
        tb.release(9, b, r, 2, 0).wait_end(10, a, r).acquire(11, a, r, 2, 1);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(20));
        QVERIFY(d.empty());
    }

    void rlockStillOwnedAtInnerDepthCloses() {
        // a keeps r at depth 1 after an inner release; b waits for r, a waits
        // for m held by b: a real cycle through the RLock.
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId r = tb.object(ObjectKind::RLock, "r");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, r, 0, 1).acquire(2, a, r, 0, 2).release(3, a, r, 0, 1);
        tb.acquire(4, b, m, 0).wait(5, b, r, WaitReason::Lock).wait(6, a, m, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(20));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{a, b}));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{m, r}));
    }

    void noFalseCycleWhenWokenInTime() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, m, 0).acquire(2, b, l, 0);
        tb.wait(10, a, l, WaitReason::Lock);
        tb.release(20, b, l, 1).wait_end(21, a, l).acquire(22, a, l, 1);
        tb.wait(30, b, m, WaitReason::Lock); // m held by a, which runs now
        tb.release(40, a, m, 1).wait_end(41, b, m).acquire(42, b, m, 1);
        tb.wait(50, b, l, WaitReason::Lock); // l held by a, still running
        tb.release(60, a, l, 2).wait_end(61, b, l).acquire(62, b, l, 2);
        QVERIFY(find_deadlocks(tb.snapshot(100)).empty());
    }

    void timedOutWaitLeavesNoEdge() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, m, 0).acquire(2, b, l, 0);
        tb.wait(10, a, l, WaitReason::Lock).wait_end(15, a, l, WaitResult::Timeout);
        tb.rec(16, a, Kind::TryFail, l, 0, 1);
        tb.wait(20, b, m, WaitReason::Lock); // a gave up on l
        QVERIFY(find_deadlocks(tb.snapshot(100)).empty());
    }

    void joinCycle() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), worker = tb.lane("worker");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        tb.start(0, main).acquire(1, main, l, 0).start(2, worker);
        tb.wait(10, main, tb.lane_object(worker), WaitReason::Join);
        tb.wait(20, worker, l, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(100));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{worker, main}));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{l, tb.lane_object(worker)}));
        QCOMPARE(d[0].message, std::string("deadlock: worker waits for l held by main, which "
                                           "waits to join worker"));
    }

    void mutualJoinSelfJoinAndEndedLanes() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c"), d = tb.lane("d");
        tb.wait(10, a, tb.lane_object(b), WaitReason::Join);
        tb.wait(20, b, tb.lane_object(a), WaitReason::Join);
        tb.wait(30, c, tb.lane_object(c), WaitReason::Join);
        // Joining a lane that already ended waits for nobody.
        tb.start(31, d).end(32, d).wait(40, c, tb.lane_object(d), WaitReason::Join);
        std::vector<Diagnostic> found = find_deadlocks(tb.snapshot(100));
        QCOMPARE(found.size(), std::size_t(2));
        QCOMPARE(found[0].lanes, (std::vector<LaneId>{b, a}));
        QCOMPARE(found[1].lanes, std::vector<LaneId>{c});
    }

    void futureCycle() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("pool-worker-1");
        ObjectId f = tb.object(ObjectKind::Future, "task 1");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        tb.acquire(1, main, l, 0);
        tb.task_start(5, w, f);
        tb.wait(10, main, f, WaitReason::Future); // result(): b = 0
        tb.wait(20, w, l, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(100));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{w, main}));
        QCOMPARE(d[0].message, std::string("deadlock: pool-worker-1 waits for l held by main, "
                                           "which waits for task 1 run by pool-worker-1"));
    }

    void futureNotRunningOrSeveralIsNoEdge() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("w");
        ObjectId f = tb.object(ObjectKind::Future, "f"), g = tb.object(ObjectKind::Future, "g");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        tb.acquire(1, main, l, 0).task_start(2, w, f).task_end(3, w, f).task_start(4, w, g);
        tb.wait(5, main, f, WaitReason::Future); // finished: nobody runs it
        tb.rec(10, main, Kind::WaitBegin, g, 0, 2,
               std::uint16_t(WaitReason::Future)); // wait() on 2
        tb.wait(20, w, l, WaitReason::Lock);
        QVERIFY(find_deadlocks(tb.snapshot(100)).empty());
    }

    void semaphoreKnot() {
        // pool's permits are held by a and b; c holds l and waits for a
        // permit; a waits for l. Deadlocked only once b blocks as well.
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId s = tb.object(ObjectKind::BoundedSemaphore, "pool", 2);
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        tb.acquire(1, a, s, 0, 1).acquire(2, b, s, 0, 0).acquire(3, c, l, 0);
        tb.wait(10, a, l, WaitReason::Lock).wait(20, c, s, WaitReason::Semaphore);
        Snapshot snap = tb.snapshot(30, false);
        WaitForGraph g;
        g.set_registry(snap.lanes, snap.objects);
        QVERIFY(feed(g, snap.records).found.empty()); // b runs: it may release
        std::optional<Diagnostic> d =
            g.feed(Record{30, b, l, Kind::WaitBegin, std::uint16_t(WaitReason::Lock), 0, 0});
        QVERIFY(d.has_value());
        QCOMPARE(d->lanes, (std::vector<LaneId>{b, c}));
        QCOMPARE(d->objects, (std::vector<ObjectId>{l, s}));
        QCOMPARE(d->t_ns, std::int64_t(30));
        // a, deadlocked too, is named as the OR-node's other holder.
        QCOMPARE(d->message, std::string("deadlock: b waits for l held by c, which waits for "
                                         "pool held by b and a"));
    }

    void orNodeCycleClosedByAnotherLane() {
        // a waits for a permit of pool, held by a itself and by l; l then
        // blocks behind an old deadlock (b, c): a is stuck for good, on a
        // cycle that does not pass through l, closed by l's wait.
        TraceBuilder tb;
        LaneId a = tb.lane("a"), l = tb.lane("l"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId pool = tb.object(ObjectKind::Semaphore, "pool", 2);
        ObjectId m = tb.object(ObjectKind::Lock, "m"), k = tb.object(ObjectKind::Lock, "k");
        tb.acquire(1, b, m, 0).acquire(2, c, k, 0);
        tb.wait(3, b, k, WaitReason::Lock).wait(4, c, m, WaitReason::Lock); // first deadlock
        tb.acquire(5, a, pool, 0, 1).acquire(6, l, pool, 0, 0);
        tb.wait(10, a, pool, WaitReason::Semaphore); // l runs: it may release
        tb.wait(20, l, m, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(100));
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d[1].lanes, std::vector<LaneId>{a});
        QCOMPARE(d[1].objects, std::vector<ObjectId>{pool});
        QCOMPARE(d[1].t_ns, std::int64_t(20));
        QCOMPARE(d[1].message, std::string("deadlock: a waits for pool held by a itself and l"));
    }

    void semaphoreWithARunningHolderIsNoDeadlock() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId s = tb.object(ObjectKind::Semaphore, "pool", 2);
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        tb.acquire(1, a, s, 0, 1).acquire(2, b, s, 0, 0).acquire(3, c, l, 0);
        tb.wait(10, a, l, WaitReason::Lock).wait(20, c, s, WaitReason::Semaphore);
        tb.sleep(30, 90, b); // b holds a permit and sleeps: it will release
        QVERIFY(find_deadlocks(tb.snapshot(100)).empty());
    }

    void signallingSemaphoreLeavesTheGraph_data() {
        QTest::addColumn<bool>("released_by_other");
        QTest::newRow("released by a non-holder") << true;
        QTest::newRow("second permit while holding one") << false;
    }
    void signallingSemaphoreLeavesTheGraph() {
        QFETCH(bool, released_by_other);
        TraceBuilder tb;
        LaneId producer = tb.lane("producer"), consumer = tb.lane("consumer");
        ObjectId empty = tb.object(ObjectKind::Semaphore, "empty", 2);
        if (released_by_other) {
            tb.acquire(1, producer, empty, 0, 1);
            tb.release(2, consumer, empty, 1, 2); // a signal, not an owner's release
            tb.acquire(3, producer, empty, 1, 1).acquire(4, producer, empty, 0, 0);
        } else {
            tb.acquire(1, producer, empty, 0, 1).acquire(2, producer, empty, 0, 0);
        }
        // The producer waits for a slot the consumer will free: not a self-deadlock.
        tb.wait(10, producer, empty, WaitReason::Semaphore);
        QVERIFY(find_deadlocks(tb.snapshot(100)).empty());
    }

    void semaphoreAsMutexSelfDeadlock() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId s = tb.object(ObjectKind::BoundedSemaphore, "mutex", 1);
        tb.acquire(1, a, s, 0, 0).release(2, a, s, 1, 1).acquire(3, a, s, 1, 0);
        tb.wait(4, a, s, WaitReason::Semaphore);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(10));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, std::vector<LaneId>{a});
    }

    void ownerlessObjectsAreNeverOnACycle() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c"), d = tb.lane("d");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId cond = tb.object(ObjectKind::Condition, "cond", 0, l);
        ObjectId ev = tb.object(ObjectKind::Event, "ev");
        ObjectId q = tb.object(ObjectKind::Queue, "q", 1);
        ObjectId bar = tb.object(ObjectKind::Barrier, "bar", 3);
        tb.acquire(1, a, l, 0).release(2, a, l, 1).wait(3, a, cond, WaitReason::Condition);
        tb.acquire(4, b, l, 1).wait(5, b, ev, WaitReason::Event);
        tb.wait(6, c, q, WaitReason::QueueGet).wait(7, d, bar, WaitReason::Barrier);
        WaitForGraph g;
        g.set_registry(tb.snapshot(0).lanes, tb.snapshot(0).objects);
        QVERIFY(feed(g, tb.snapshot(10, false).records).found.empty());
        QCOMPARE(g.blocked().size(), std::size_t(4));
        QCOMPARE(g.holders(l), std::vector<LaneId>{b});
    }

    void outOfOrderBatches() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        Snapshot reg = tb.snapshot(0);
        auto R = [](std::int64_t t, LaneId lane, Kind k, ObjectId o, std::int64_t a = 0,
                    std::int32_t b = 0,
                    std::uint16_t c = 0) { return Record{t, lane, o, k, c, b, a}; };
        // Batch 1 ends before a's Release of l reached the reader; batch 2
        // brings b's Acquire (later in time) before that Release.
        std::vector<Record> order{
            R(5, c, Kind::Acquire, m),
            R(10, a, Kind::Acquire, l),
            R(51, b, Kind::Acquire, l, 1), // batch 2
            R(50, a, Kind::Release, l, 1), // arrives late: must not free b's hold
            R(60, c, Kind::WaitBegin, l, 0, 0, std::uint16_t(WaitReason::Lock)),
            R(70, b, Kind::WaitBegin, m, 0, 0, std::uint16_t(WaitReason::Lock)),
        };
        WaitForGraph g;
        g.set_registry(reg.lanes, reg.objects);
        Fed f = feed(g, order);
        QCOMPARE(g.holders(l), std::vector<LaneId>{b});
        QCOMPARE(f.found.size(), std::size_t(1));
        QCOMPARE(f.at[0], std::size_t(5));
        QCOMPARE(f.found[0].lanes, (std::vector<LaneId>{b, c}));
        QCOMPARE(f.found[0].t_ns, std::int64_t(70));

        // A cycle whose closing wait arrives first is timed by its latest wait.
        WaitForGraph g2;
        g2.set_registry(reg.lanes, reg.objects);
        std::vector<Record> late{
            R(1, a, Kind::Acquire, l),
            R(2, b, Kind::Acquire, m),
            R(40, a, Kind::WaitBegin, m, 0, 0, std::uint16_t(WaitReason::Lock)),
            R(30, b, Kind::WaitBegin, l, 0, 0, std::uint16_t(WaitReason::Lock)),
        };
        Fed f2 = feed(g2, late);
        QCOMPARE(f2.found.size(), std::size_t(1));
        QCOMPARE(f2.found[0].t_ns, std::int64_t(40));
    }

    void reportedOnceEvenIfMoreLanesPileOn() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c"), d = tb.lane("d");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, l, 0).acquire(2, b, m, 0);
        tb.wait(10, a, m, WaitReason::Lock).wait(20, b, l, WaitReason::Lock);
        tb.wait(30, c, l, WaitReason::Lock).wait(40, d, m, WaitReason::Lock);
        Snapshot s = tb.snapshot(100);
        WaitForGraph g;
        g.set_registry(s.lanes, s.objects);
        Fed f = feed(g, s.records);
        QCOMPARE(f.found.size(), std::size_t(1));
        // The closing record fed again (a monitor re-reading) is no new cycle.
        QVERIFY(!g.feed(s.records[find_record(s, Kind::WaitBegin, b, l)]).has_value());
        QCOMPARE(g.blocked().size(), std::size_t(4));
    }

    void cycleBrokenAndFormedAgainIsReportedAgain() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, l, 0).acquire(2, b, m, 0);
        tb.wait(10, a, m, WaitReason::Lock).wait(20, b, l, WaitReason::Lock);
        tb.wait_end(30, a, m, WaitResult::Timeout).wait(40, a, m, WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(100));
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d[1].t_ns, std::int64_t(40));
    }

    void blockedSleepingAndLive() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs");
        tb.start(1, a).start(2, b).start(3, c);
        tb.wait(10, a, q, WaitReason::QueueGet);
        tb.rec(11, b, Kind::SleepBegin, 0, 100);
        Snapshot s = tb.snapshot(20, false);
        WaitForGraph g;
        g.set_registry(s.lanes, s.objects);
        feed(g, s.records);
        QCOMPARE(g.live_lanes(), std::size_t(3));
        QVERIFY(g.any_sleeping());
        QCOMPARE(g.last_t_ns(), std::int64_t(11));
        std::vector<BlockedLane> bl = g.blocked();
        QCOMPARE(bl.size(), std::size_t(1));
        QCOMPARE(bl[0].lane, a);
        QCOMPARE(bl[0].object, q);
        QCOMPARE(bl[0].reason, WaitReason::QueueGet);
        QCOMPARE(bl[0].since, std::int64_t(10));
        g.feed(Record{30, b, 0, Kind::SleepEnd, 0, 0, 0});
        g.feed(Record{31, c, tb.lane_object(c), Kind::LaneEnd, 0, 0, 1});
        QVERIFY(!g.any_sleeping());
        QCOMPARE(g.live_lanes(), std::size_t(2));
    }

    void registryThatGrowsLaterRevealsTheCycle() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        Snapshot early = tb.snapshot(0); // registry before the locks exist
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        tb.acquire(1, a, l, 0).acquire(2, b, m, 0);
        tb.wait(10, a, m, WaitReason::Lock).wait(20, b, l, WaitReason::Lock);
        Snapshot s = tb.snapshot(100);
        WaitForGraph g;
        g.set_registry(early.lanes, early.objects);
        QVERIFY(feed(g, s.records).found.empty());
        std::vector<Diagnostic> d = g.set_registry(s.lanes, s.objects);
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].t_ns, std::int64_t(20));
        QVERIFY(g.set_registry(s.lanes, s.objects).empty());
    }

    void longChainsAndCrowds() {
        // 300 lanes waiting in a chain, then 300 more queueing on its head:
        // each check walks the chain once; no false cycle, then one real one.
        TraceBuilder tb;
        const int n = 300;
        std::vector<LaneId> lanes;
        std::vector<ObjectId> locks;
        for (int i = 0; i < n; ++i) {
            lanes.push_back(tb.lane("l" + std::to_string(i)));
            locks.push_back(tb.object(ObjectKind::Lock, "k" + std::to_string(i)));
        }
        for (int i = 0; i < n; ++i)
            tb.acquire(1 + i, lanes[i], locks[i], 0);
        for (int i = 0; i + 1 < n; ++i)
            tb.wait(1000 + i, lanes[i], locks[i + 1], WaitReason::Lock);
        for (int i = 0; i < n; ++i) {
            LaneId x = tb.lane("crowd" + std::to_string(i));
            tb.wait(2000 + i, x, locks[0], WaitReason::Lock);
        }
        tb.wait(5000, lanes[n - 1], locks[0], WaitReason::Lock);
        std::vector<Diagnostic> d = find_deadlocks(tb.snapshot(6000));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes.size(), std::size_t(n));
        QCOMPARE(d[0].t_ns, std::int64_t(5000));
    }

    // Two real lanes take two real Locks in opposite order; their timed
    // waits overlap, so the trace holds a cycle that closed and then broke.
    void realLocksInOppositeOrder() {
        il::Session session;
        il::sync::Lock first(session, "first"), second(session, "second");
        il::sync::Barrier both(session, "both hold one", 2);
        bool a_got = true, b_got = true;
        il::thread::Thread a(session, "a-then-b", [&] {
            first.acquire();
            both.wait();
            a_got = second.acquire(std::chrono::milliseconds(500));
            first.release();
        });
        il::thread::Thread b(session, "b-then-a", [&] {
            second.acquire();
            both.wait();
            b_got = first.acquire(std::chrono::milliseconds(500));
            second.release();
        });
        // Watched live, as the run's monitor does: new records in batches.
        WaitForGraph live;
        il::trace::Recorder::Cursor cursor;
        std::vector<Diagnostic> seen;
        auto poll = [&] {
            live.set_registry(session.registry().lanes(), session.registry().objects());
            for (const Record& r : session.recorder().read_new(cursor))
                if (std::optional<Diagnostic> d = live.feed(r))
                    seen.push_back(*d);
        };
        a.start();
        b.start();
        while (a.is_alive() || b.is_alive()) {
            poll();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        a.join();
        b.join();
        poll();
        // At least one gave up while the other still held its lock.
        QVERIFY(!a_got || !b_got);
        Snapshot s = session.recorder().snapshot();
        std::vector<Diagnostic> d = find_deadlocks(s);
        QCOMPARE(seen.size(), std::size_t(1));
        QCOMPARE(seen[0].lanes, d.at(0).lanes);
        // The same record: read_new and snapshot() each calibrate ticks to ns
        // anew, so its t_ns may differ by a few ns between the two reads.
        QVERIFY(std::abs(seen[0].t_ns - d.at(0).t_ns) < 1000);
        QCOMPARE(d.size(), std::size_t(1));
        std::vector<LaneId> lanes = d[0].lanes;
        std::sort(lanes.begin(), lanes.end());
        QCOMPARE(lanes, (std::vector<LaneId>{a.lane(), b.lane()}));
        std::vector<ObjectId> objects = d[0].objects;
        std::sort(objects.begin(), objects.end());
        QCOMPARE(objects, (std::vector<ObjectId>{first.id(), second.id()}));
        // Reported at the later of the two WaitBegins.
        std::int64_t t = 0;
        for (const Record& r : s.records)
            if (r.kind == Kind::WaitBegin && (r.object == first.id() || r.object == second.id()))
                t = std::max(t, r.t_ns);
        QCOMPARE(d[0].t_ns, t);
    }
};

QTEST_GUILESS_MAIN(TestWaitForGraph)
#include "tst_wait_for_graph.moc"
