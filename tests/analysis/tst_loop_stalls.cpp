// find_loop_issues / loop_blocks on hand-made traces: a long Resume..Suspend
// span with tasks that were ready meanwhile (a sleeper past its due time, a
// woken waiter), short spans that are fine, an unfinished and a never-run
// coroutine, and diagnose() carrying them.
#include "analysis/diagnose.h"
#include "analysis/loop_stalls.h"
#include "analysis/stats.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

constexpr std::int64_t ms = 1'000'000;

std::vector<Diagnostic> of_kind(const std::vector<Diagnostic>& all, const std::string& kind) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : all)
        if (d.kind == kind)
            out.push_back(d);
    return out;
}

std::uint16_t u16(auto e) {
    return static_cast<std::uint16_t>(e);
}

struct LoopTrace {
    TraceBuilder tb;
    LaneId loop, blocker, sleeper, waiter, setter;
    ObjectId loop_obj, ev;

    // blocker holds the loop from 10 to 10 + block ms. sleeper slept 5..15
    // (due at 15), waiter was woken by setter's Set at 8; both resume after.
    explicit LoopTrace(std::int64_t block) {
        loop = tb.lane("event loop");
        loop_obj = tb.object(ObjectKind::Loop, "event loop");
        blocker = tb.lane("blocker", 100, loop);
        sleeper = tb.lane("sleeper", 100, loop);
        waiter = tb.lane("waiter", 100, loop);
        setter = tb.lane("setter", 100, loop);
        ev = tb.object(ObjectKind::Event, "ev");
        auto resume = [&](std::int64_t t, LaneId l) {
            tb.rec(t, loop, Kind::Resume, tb.lane_object(l));
        };
        auto suspend = [&](std::int64_t t, LaneId l, bool done = false) {
            tb.rec(t, loop, Kind::Suspend, tb.lane_object(l), 0, 0, done ? 1 : 0);
        };
        tb.start(0, loop);
        resume(1 * ms, sleeper);
        tb.start(1 * ms + 1, sleeper).rec(5 * ms, sleeper, Kind::SleepBegin, 0, 10 * ms);
        suspend(5 * ms + 1, sleeper);
        resume(6 * ms, waiter);
        tb.start(6 * ms + 1, waiter).wait(6 * ms + 2, waiter, ev, WaitReason::Event);
        suspend(6 * ms + 3, waiter);
        resume(7 * ms, setter);
        tb.start(7 * ms + 1, setter).set(8 * ms, setter, ev, 1).end(8 * ms + 1, setter);
        suspend(8 * ms + 2, setter, true);
        resume(10 * ms, blocker);
        tb.start(10 * ms + 1, blocker);
        suspend(10 * ms + block, blocker);
        const std::int64_t after = 10 * ms + block + 1;
        resume(after, sleeper);
        tb.rec(after + 1, sleeper, Kind::SleepEnd).end(after + 2, sleeper);
        suspend(after + 3, sleeper, true);
        resume(after + 4, waiter);
        tb.wake(after + 5, waiter, ev, 1).wait_end(after + 6, waiter, ev).end(after + 7, waiter);
        suspend(after + 8, waiter, true);
        resume(after + 9, blocker);
        tb.end(after + 10, blocker);
        suspend(after + 11, blocker, true);
    }
    Snapshot snapshot() const { return tb.snapshot(2000 * ms); }
};

} // namespace

class TestLoopStalls : public QObject {
    Q_OBJECT
private slots:
    void longSpanIsDiagnosedWithWhoWaited() {
        LoopTrace t(180 * ms);
        Snapshot s = t.snapshot();
        auto blocks = loop_blocks(s);
        QCOMPARE(blocks.size(), std::size_t(1));
        QCOMPARE(blocks[0].loop_lane, t.loop);
        QCOMPARE(blocks[0].task_lane, t.blocker);
        QCOMPARE(blocks[0].duration(), 180 * ms);
        QCOMPARE(blocks[0].delayed, (std::vector<LaneId>{t.sleeper, t.waiter}));
        // The waiter was ready since the Set at 8 ms and resumed at 190 ms + 5.
        QCOMPARE(blocks[0].max_delay_ns, 190 * ms + 5 - 8 * ms);

        auto d = of_kind(find_loop_issues(s), "loop_blocked");
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].message, std::string("task 'blocker' blocked the event loop 'event loop' for "
                                           "180 ms; 2 other tasks were ready and waited (up to "
                                           "182 ms)"));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{t.blocker, t.loop, t.sleeper, t.waiter}));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{t.tb.lane_object(t.blocker), t.loop_obj}));
        QCOMPARE(d[0].t_ns, 10 * ms + kLoopBlockedNs);
    }

    void shortSpansAreFine() {
        LoopTrace t(2 * ms);
        QVERIFY(loop_blocks(t.snapshot()).empty());
        QVERIFY(find_loop_issues(t.snapshot()).empty());
        auto low = loop_blocks(t.snapshot(), 1 * ms); // a lower threshold finds it (and others)
        QVERIFY(std::any_of(low.begin(), low.end(),
                            [&](const LoopBlock& b) { return b.task_lane == t.blocker; }));
    }

    void aSpanWithNobodyReady() {
        TraceBuilder tb;
        LaneId loop = tb.lane("loop"), solo = tb.lane("solo", 100, loop);
        tb.rec(0, loop, Kind::Resume, tb.lane_object(solo));
        tb.rec(100 * ms, loop, Kind::Suspend, tb.lane_object(solo), 0, 0, 1);
        auto d = find_loop_issues(tb.snapshot(200 * ms));
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY(d[0].message.ends_with("no other task was ready meanwhile"));
    }

    void unfinishedAndUnawaitedTasks() {
        TraceBuilder tb;
        LaneId loop = tb.lane("loop");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs");
        LaneId stuck = tb.lane("consumer-2", 100, loop);
        LaneId never = tb.lane("fetch-3", 100, loop);
        LaneId fine = tb.lane("fine", 100, loop);
        tb.start(1, stuck).wait(2, stuck, q, WaitReason::QueueGet);
        tb.start(3, fine).end(4, fine);
        tb.rec(50, stuck, Kind::LaneEnd, tb.lane_object(stuck), 1, 0,
               u16(LaneEndReason::Abandoned));
        tb.rec(51, never, Kind::LaneEnd, tb.lane_object(never), 1, 0,
               u16(LaneEndReason::Abandoned));
        Snapshot s = tb.snapshot(100);
        for (LaneId l : {stuck, never, fine})
            s.lanes[l].kind = LaneKind::Coroutine;
        auto d = find_loop_issues(s);
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d[0].kind, std::string("task_never_finished"));
        QCOMPARE(d[0].message,
                 std::string("task 'consumer-2' never finished: it was still waiting "
                             "on queue 'jobs' (queue_get) when its event loop closed"));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{stuck}));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{q}));
        QCOMPARE(d[0].t_ns, std::int64_t(50));
        QCOMPARE(d[1].kind, std::string("task_never_awaited"));
        QVERIFY(d[1].message.starts_with("coroutine 'fetch-3' was never awaited"));
        QCOMPARE(d[1].lanes, (std::vector<LaneId>{never}));

        // A thread lane that ends Abandoned is not a coroutine: nothing to say.
        Snapshot threads = tb.snapshot(100);
        QVERIFY(find_loop_issues(threads).empty());
    }

    void stillRunningWhenTheRunEnded() {
        TraceBuilder tb;
        LaneId loop = tb.lane("loop"), t = tb.lane("sleepy", 100, loop);
        tb.start(1, t).rec(2, t, Kind::SleepBegin, 0, 1000);
        Snapshot running = tb.snapshot(10, false);
        running.lanes[t].kind = LaneKind::Coroutine;
        QVERIFY(find_loop_issues(running).empty()); // a live trace: it may still finish
        Snapshot done = tb.snapshot(10, true);
        done.lanes[t].kind = LaneKind::Coroutine;
        auto d = find_loop_issues(done);
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(
            d[0].message,
            std::string("task 'sleepy' never finished: it was still sleeping when the run ended"));
    }

    void diagnoseIncludesLoopIssues() {
        LoopTrace t(180 * ms);
        Snapshot s = t.snapshot();
        auto all = diagnose(s, analyze(s));
        QCOMPARE(of_kind(all, "loop_blocked").size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestLoopStalls)
#include "tst_loop_stalls.moc"
