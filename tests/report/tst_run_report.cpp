// summarize(): the live monitor's findings and the post-run analysis merged
// into one list, each finding once, at the trace's own time.
#include "analysis/trace_builder.h"
#include "analysis/wait_for_graph.h"
#include "report/run_report.h"

#include <QtTest>

using namespace il;
using namespace il::test;

class TestRunReport : public QObject {
    Q_OBJECT
private slots:
    void aLiveDeadlockIsReportedOnceAtTheTracesTime() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId la = tb.object(ObjectKind::Lock, "la"), lb = tb.object(ObjectKind::Lock, "lb");
        tb.acquire(1, a, la, 0).acquire(2, b, lb, 0);
        tb.wait(5, a, lb, WaitReason::Lock).wait(7, b, la, WaitReason::Lock);

        scenario::RunResult r;
        r.trace = tb.snapshot(10);
        const std::vector<analysis::Diagnostic> post = analysis::find_deadlocks(r.trace);
        QCOMPARE(post.size(), std::size_t(1));
        // The monitor saw the same cycle from the other lane, with a clock
        // calibration a few ns off.
        analysis::Diagnostic live = post[0];
        std::reverse(live.lanes.begin(), live.lanes.end());
        std::reverse(live.objects.begin(), live.objects.end());
        live.t_ns -= 3;
        live.message = "live report";
        r.diagnostics = {live};

        const analysis::Summary s = report::summarize(r);
        int deadlocks = 0;
        for (const auto& d : s.diagnostics)
            if (d.kind == "deadlock") {
                ++deadlocks;
                QCOMPARE(d.message, std::string("live report")); // the live one is kept
                QCOMPARE(d.t_ns, post[0].t_ns);                  // at the trace's time
            }
        QCOMPARE(deadlocks, 1);
    }

    void distinctFindingsAreAllKept() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId la = tb.object(ObjectKind::Lock, "la"), lb = tb.object(ObjectKind::Lock, "lb");
        tb.acquire(1, a, la, 0).acquire(2, b, lb, 0);
        tb.wait(5, a, lb, WaitReason::Lock).wait(7, b, la, WaitReason::Lock);
        scenario::RunResult r;
        r.trace = tb.snapshot(10);
        analysis::Diagnostic stall{"stall", "nothing happened", {a, b}, {}, 9};
        r.diagnostics = {stall};
        const analysis::Summary s = report::summarize(r);
        QCOMPARE(s.diagnostics.size(), std::size_t(2));
        QCOMPARE(s.diagnostics[0].kind, std::string("deadlock")); // by time
        QCOMPARE(s.diagnostics[1].kind, std::string("stall"));
    }
};

QTEST_GUILESS_MAIN(TestRunReport)
#include "tst_run_report.moc"
