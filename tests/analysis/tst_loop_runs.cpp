// Loop steps from Resume/Suspend on hand-made traces: pairing, open steps,
// a lost Suspend, malformed objects, and Summary::loop_of.
#include "analysis/loop_runs.h"
#include "analysis/stats.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

class TestLoopRuns : public QObject {
    Q_OBJECT
private slots:
    void pairsResumeWithSuspend() {
        TraceBuilder b;
        const LaneId loop = b.lane("loop");
        const LaneId t1 = b.lane("fetch-1", 100, loop);
        const LaneId t2 = b.lane("fetch-2", 100, loop);
        b.start(0, loop)
            .rec(10, loop, Kind::Resume, b.lane_object(t1))
            .rec(15, loop, Kind::Suspend, b.lane_object(t1))
            .rec(20, loop, Kind::Resume, b.lane_object(t2))
            .rec(40, loop, Kind::Suspend, b.lane_object(t2), 0, 0, 1)
            .rec(50, loop, Kind::Resume, b.lane_object(t1));
        const auto loops = loop_runs(b.snapshot(100));
        QCOMPARE(loops.size(), std::size_t(1));
        QCOMPARE(loops[0].loop, loop);
        const auto& runs = loops[0].runs;
        QCOMPARE(runs.size(), std::size_t(3));
        QCOMPARE(runs[0].task, t1);
        QCOMPARE(runs[0].t0, 10);
        QCOMPARE(runs[0].t1, 15);
        QVERIFY(!runs[0].finished && !runs[0].open);
        QCOMPARE(runs[1].task, t2);
        QCOMPARE(runs[1].duration(), 20);
        QVERIFY(runs[1].finished);
        // Still running at the end: lasts until the snapshot's end.
        QCOMPARE(runs[2].t1, 100);
        QVERIFY(runs[2].open);

        QCOMPARE(run_at(loops[0], 12)->task, t1);
        QCOMPARE(run_at(loops[0], 20)->task, t2);
        QVERIFY(run_at(loops[0], 15) == nullptr); // between steps
        QVERIFY(run_at(loops[0], 5) == nullptr);
        QCOMPARE(run_at(loops[0], 99)->task, t1);
    }

    void lostSuspendClosesAtNextResume() {
        TraceBuilder b;
        const LaneId loop = b.lane("loop");
        const LaneId t1 = b.lane("a", 100, loop);
        const LaneId t2 = b.lane("b", 100, loop);
        b.rec(10, loop, Kind::Resume, b.lane_object(t1))
            .rec(30, loop, Kind::Resume, b.lane_object(t2))
            .rec(31, loop, Kind::Suspend, b.lane_object(t1)) // not the open step's: ignored
            .rec(35, loop, Kind::Suspend, b.lane_object(t2));
        const auto runs = loop_runs(b.snapshot(40))[0].runs;
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].t1, 30);
        QCOMPARE(runs[1].t0, 30);
        QCOMPARE(runs[1].t1, 35);
    }

    void ignoresObjectsThatAreNotLanes() {
        TraceBuilder b;
        const LaneId loop = b.lane("loop");
        const ObjectId lock = b.object(ObjectKind::Lock, "l");
        b.rec(10, loop, Kind::Resume, lock).rec(11, loop, Kind::Resume, 999);
        QVERIFY(loop_runs(b.snapshot(20)).empty());
    }

    void summaryFindsLoopsByLane() {
        TraceBuilder b;
        const LaneId other = b.lane("main");
        const LaneId loop = b.lane("loop");
        const LaneId t = b.lane("task", 100, loop);
        b.start(0, other)
            .rec(10, loop, Kind::Resume, b.lane_object(t))
            .rec(20, loop, Kind::Suspend, b.lane_object(t), 0, 0, 1);
        const Summary s = analyze(b.snapshot(30));
        QVERIFY(s.loop_of(other) == nullptr);
        QVERIFY(s.loop_of(loop) != nullptr);
        QCOMPARE(s.loop_of(loop)->runs.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestLoopRuns)
#include "tst_loop_runs.moc"
