#include "analysis/states.h"
#include "analysis/time_range.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

struct Expect {
    std::int64_t t0, t1;
    LaneState state;
    ObjectId object = 0;
};

// Timelines cover the whole range with no gaps, overlaps or empty intervals.
bool well_formed(const Snapshot& s, const std::vector<LaneTimeline>& tls) {
    TimeRange range = time_range(s);
    for (const LaneTimeline& tl : tls) {
        if (tl.intervals.empty() || tl.intervals.front().t0 != range.begin ||
            tl.intervals.back().t1 != range.end)
            return false;
        for (std::size_t i = 0; i < tl.intervals.size(); ++i) {
            if (tl.intervals[i].t1 <= tl.intervals[i].t0)
                return false;
            if (i > 0 && tl.intervals[i - 1].t1 != tl.intervals[i].t0)
                return false;
        }
    }
    return true;
}

void compare(const LaneTimeline& tl, const std::vector<Expect>& want) {
    QCOMPARE(tl.intervals.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const StateInterval& got = tl.intervals[i];
        QCOMPARE(got.t0, want[i].t0);
        QCOMPARE(got.t1, want[i].t1);
        QCOMPARE(lane_state_name(got.state), lane_state_name(want[i].state));
        if (want[i].object != 0)
            QCOMPARE(got.object, want[i].object);
    }
}

} // namespace

class TestStates : public QObject {
    Q_OBJECT
private slots:
    void contendedHandoffIsBlockedThenReadyThenRunning() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "counter_lock");
        tb.start(0, a).acquire(10, a, lock, 0).release(100, a, lock, 1).end(200, a);
        tb.start(0, b).wait(20, b, lock, WaitReason::Lock).wait_end(130, b, lock);
        tb.acquire(131, b, lock, 1).release(150, b, lock, 2).end(160, b);
        Snapshot s = tb.snapshot(300);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        QCOMPARE(tls.size(), std::size_t(2));
        compare(tls[0], {{0, 200, LaneState::Running}, {200, 300, LaneState::Done}});
        compare(tls[1], {{0, 20, LaneState::Running},
                         {20, 100, LaneState::Blocked, lock},
                         {100, 130, LaneState::Ready, lock},
                         {130, 160, LaneState::Running},
                         {160, 300, LaneState::Done}});
        QCOMPARE(tls[1].intervals[1].reason, WaitReason::Lock);
        QCOMPARE(tls[1].intervals[2].reason, WaitReason::Lock);

        auto waits = wait_spans(s);
        QCOMPARE(waits.size(), std::size_t(1));
        QCOMPARE(waits[0].t0, std::int64_t(20));
        QCOMPARE(waits[0].t1, std::int64_t(130));
        QCOMPARE(waits[0].ready_ns, std::int64_t(100));
        QCOMPARE(waits[0].effect, std::size_t(find_record(s, Kind::Acquire, b, lock)));
        QCOMPARE(waits[0].cause, std::size_t(find_record(s, Kind::Release, a, lock)));
    }

    void notStartedUntilLaneStart() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("late"), c = tb.lane("never");
        tb.start(0, a).end(100, a);
        tb.start(40, b).end(60, b);
        Snapshot s = tb.snapshot(100);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[1], {{0, 40, LaneState::NotStarted},
                         {40, 60, LaneState::Running},
                         {60, 100, LaneState::Done}});
        compare(tls[c - 1], {{0, 100, LaneState::NotStarted}});
    }

    void laneWithoutLaneStartRunsFromItsFirstRecord() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId note = tb.object(ObjectKind::Annotation, "hello");
        tb.mark(30, a, note);
        Snapshot s = tb.snapshot(50);
        auto tls = lane_timelines(s);
        compare(tls[0], {{0, 30, LaneState::NotStarted}, {30, 50, LaneState::Running}});
    }

    void sleepIsSleeping() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        tb.start(0, a).sleep(10, 60, a).end(70, a);
        Snapshot s = tb.snapshot(70);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[0], {{0, 10, LaneState::Running},
                         {10, 60, LaneState::Sleeping},
                         {60, 70, LaneState::Running}});
    }

    // Past its requested duration a sleeper is Ready until SleepEnd: it waits
    // for a CPU, or for a busy event loop to resume it (blocking-in-loop).
    void oversleptIsReadyFromTheDueTime() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        tb.start(0, a).rec(10, a, Kind::SleepBegin, 0, 20).rec(50, a, Kind::SleepEnd).end(70, a);
        tb.start(0, b).rec(10, b, Kind::SleepBegin, 0, 30); // still asleep at the end, overdue
        Snapshot s = tb.snapshot(70);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[0], {{0, 10, LaneState::Running},
                         {10, 30, LaneState::Sleeping},
                         {30, 50, LaneState::Ready},
                         {50, 70, LaneState::Running}});
        compare(tls[1], {{0, 10, LaneState::Running},
                         {10, 40, LaneState::Sleeping},
                         {40, 70, LaneState::Ready}});
    }

    void timedOutWaitStaysBlocked() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.start(0, a).acquire(10, a, lock, 0).release(100, a, lock, 1);
        tb.acquire(105, a, lock, 1).release(190, a, lock, 2).end(200, a);
        tb.start(0, b).wait(20, b, lock, WaitReason::Lock);
        tb.wait_end(150, b, lock, WaitResult::Timeout).rec(150, b, Kind::TryFail, lock, 0, 1);
        tb.end(160, b);
        Snapshot s = tb.snapshot(200);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[1], {{0, 20, LaneState::Running},
                         {20, 150, LaneState::Blocked, lock},
                         {150, 160, LaneState::Running},
                         {160, 200, LaneState::Done}});
    }

    // Condition.wait: the lock is released, the wait is on the condition, the
    // Wake names the Notify, then the lock is taken again. Ready starts at the
    // notify, not at the lock's later release.
    void conditionWaitIsReadyFromTheNotify() {
        TraceBuilder tb;
        LaneId c = tb.lane("consumer"), p = tb.lane("producer");
        ObjectId lock = tb.object(ObjectKind::Lock, "cv_lock");
        ObjectId cond = tb.object(ObjectKind::Condition, "cv", 0, lock);
        tb.start(0, c).acquire(5, c, lock, 0).release(10, c, lock, 1);
        tb.wait(10, c, cond, WaitReason::Condition);
        tb.start(0, p).acquire(50, p, lock, 1).notify(60, p, cond, 1).release(80, p, lock, 2);
        tb.wake(90, c, cond, 1).wait_end(91, c, cond).acquire(92, c, lock, 2);
        tb.release(95, c, lock, 3).end(100, c).end(100, p);
        Snapshot s = tb.snapshot(100);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[0], {{0, 10, LaneState::Running},
                         {10, 60, LaneState::Blocked, cond},
                         {60, 91, LaneState::Ready, cond},
                         {91, 100, LaneState::Running}});
        QCOMPARE(tls[0].intervals[1].reason, WaitReason::Condition);
    }

    void wakeAfterWaitEndCountsToo() {
        TraceBuilder tb;
        LaneId w = tb.lane("waiter"), s_ = tb.lane("setter");
        ObjectId ev = tb.object(ObjectKind::Event, "ready");
        tb.start(0, w).wait(10, w, ev, WaitReason::Event).wait_end(70, w, ev).wake(70, w, ev, 1);
        tb.start(0, s_).set(40, s_, ev, 1);
        Snapshot s = tb.snapshot(100);
        auto tls = lane_timelines(s);
        compare(tls[0], {{0, 10, LaneState::Running},
                         {10, 40, LaneState::Blocked, ev},
                         {40, 70, LaneState::Ready, ev},
                         {70, 100, LaneState::Running}});
    }

    void wakeOnAnotherObjectInsideTheSpanCounts() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("worker");
        ObjectId f1 = tb.object(ObjectKind::Future, "f1"), f2 = tb.object(ObjectKind::Future, "f2");
        tb.start(0, main).start(0, w);
        tb.rec(5, main, Kind::WaitBegin, f1, 0, 2, static_cast<std::uint16_t>(WaitReason::Future));
        tb.set(40, w, f2, 1).wake(45, main, f2, 1).wait_end(46, main, f1);
        Snapshot s = tb.snapshot(50);
        auto waits = wait_spans(s);
        QCOMPARE(waits[0].awaited, 2);
        QCOMPARE(waits[0].effect, std::size_t(find_record(s, Kind::Wake, main, f2)));
        QCOMPARE(waits[0].ready_ns, std::int64_t(40));
        compare(lane_timelines(s)[0], {{0, 5, LaneState::Running},
                                       {5, 40, LaneState::Blocked, f1},
                                       {40, 46, LaneState::Ready, f1},
                                       {46, 50, LaneState::Running}});
    }

    void gilWaitIsReady() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId gil = tb.object(ObjectKind::Lock, "GIL");
        tb.start(0, a).wait(10, a, gil, WaitReason::Gil).wait_end(30, a, gil);
        tb.acquire(30, a, gil, 0);
        Snapshot s = tb.snapshot(50);
        auto tls = lane_timelines(s);
        compare(tls[0], {{0, 10, LaneState::Running},
                         {10, 30, LaneState::Ready, gil},
                         {30, 50, LaneState::Running}});
    }

    void liveSnapshotExtendsOpenSpans_data() {
        QTest::addColumn<bool>("finished");
        QTest::newRow("live") << false;
        QTest::newRow("finished") << true;
    }
    void liveSnapshotExtendsOpenSpans() {
        QFETCH(bool, finished);
        TraceBuilder tb;
        LaneId a = tb.lane("holder"), b = tb.lane("waiter"), c = tb.lane("sleeper");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.start(0, a).acquire(10, a, lock, 0);
        tb.start(0, b).wait(20, b, lock, WaitReason::Lock);
        tb.start(0, c).rec(30, c, Kind::SleepBegin, 0, 1000);
        Snapshot s = tb.snapshot(500, finished);
        auto tls = lane_timelines(s);
        QVERIFY(well_formed(s, tls));
        compare(tls[0], {{0, 500, LaneState::Running}});
        compare(tls[1], {{0, 20, LaneState::Running}, {20, 500, LaneState::Blocked, lock}});
        compare(tls[2], {{0, 30, LaneState::Running}, {30, 500, LaneState::Sleeping}});
        auto waits = wait_spans(s);
        QCOMPARE(waits.size(), std::size_t(1));
        QVERIFY(waits[0].open());
        QCOMPARE(waits[0].t1, std::int64_t(500));
        QCOMPARE(waits[0].ready_ns, std::int64_t(500));
    }

    void stateAtFindsTheInterval() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        tb.start(10, a).sleep(20, 40, a);
        Snapshot s = tb.snapshot(50, false);
        LaneTimeline tl = lane_timelines(s)[0];
        QCOMPARE(state_at(tl, 0)->state, LaneState::NotStarted);
        QCOMPARE(state_at(tl, 10)->state, LaneState::Running);
        QCOMPARE(state_at(tl, 19)->state, LaneState::Running);
        QCOMPARE(state_at(tl, 20)->state, LaneState::Sleeping);
        QCOMPARE(state_at(tl, 40)->state, LaneState::Running);
        QCOMPARE(state_at(tl, 50)->state, LaneState::Running); // the end still answers
        QVERIFY(state_at(tl, -1) == nullptr);
        QVERIFY(state_at(tl, 51) == nullptr);
    }

    void recordsOfUnknownLanesAreIgnored() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        tb.start(0, a).rec(5, 42, Kind::WaitBegin, 1, 0, 0, 1).rec(6, 0, Kind::Mark);
        Snapshot s = tb.snapshot(10);
        auto tls = lane_timelines(s);
        QCOMPARE(tls.size(), std::size_t(1));
        compare(tls[0], {{0, 10, LaneState::Running}});
    }
};

QTEST_GUILESS_MAIN(TestStates)
#include "tst_states.moc"
