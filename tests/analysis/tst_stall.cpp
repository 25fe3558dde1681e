// is_stalled and stall_diagnostic over a WaitForGraph fed hand-made traces:
// the rule (who keeps a run "not stalled") and the message's content.
#include "analysis/stall.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

WaitForGraph fed(const Snapshot& s) {
    WaitForGraph g;
    g.set_registry(s.lanes, s.objects);
    for (const Record& r : s.records)
        g.feed(r);
    return g;
}

} // namespace

class TestStall : public QObject {
    Q_OBJECT
private slots:
    void stuckConsumerMessage() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), c1 = tb.lane("consumer-1"), c2 = tb.lane("consumer-2");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs", 5);
        tb.start(0, main).start(1, c1).start(2, c2);
        tb.put(3, main, q, 1, 1).get(4, c1, q, 1, 0);
        tb.wait(10, c1, q, WaitReason::QueueGet).wait(11, c2, q, WaitReason::QueueGet);
        tb.wait(20, main, tb.lane_object(c1), WaitReason::Join);
        WaitForGraph g = fed(tb.snapshot(20, false));
        QVERIFY(is_stalled(g));
        const std::int64_t now = 20 + 3'000'000'000;
        Diagnostic d = stall_diagnostic(g, now, 3'000'000'000);
        QCOMPARE(d.kind, std::string("stall"));
        QCOMPARE(d.t_ns, std::int64_t(20));
        QCOMPARE(d.message, std::string("no progress for 3.0 s: main waits to join consumer-1, "
                                        "consumer-1 waits on queue 'jobs' (get), consumer-2 waits "
                                        "on queue 'jobs' (get)"));
        QCOMPARE(d.lanes, (std::vector<LaneId>{main, c1, c2}));
        QCOMPARE(d.objects, (std::vector<ObjectId>{tb.lane_object(c1), q, q}));
    }

    void everyKindOfWaitIsDescribed() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c"), d = tb.lane("d"),
               e = tb.lane("e"), f = tb.lane("f"), g = tb.lane("g"), h = tb.lane("h"),
               w = tb.lane("w");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        ObjectId sem = tb.object(ObjectKind::BoundedSemaphore, "pool", 1);
        ObjectId cond = tb.object(ObjectKind::Condition, "not_empty", 0, lock);
        ObjectId ev = tb.object(ObjectKind::Event, "go");
        ObjectId bar = tb.object(ObjectKind::Barrier, "phase", 3);
        ObjectId fut = tb.object(ObjectKind::Future, "task 1");
        ObjectId q = tb.object(ObjectKind::Queue, "out", 1);
        for (LaneId l : {a, b, c, d, e, f, g, h, w})
            tb.start(0, l);
        tb.acquire(1, w, lock, 0).acquire(2, w, sem, 0, 0).task_start(3, w, fut);
        tb.wait(10, a, lock, WaitReason::Lock).wait(11, b, sem, WaitReason::Semaphore);
        tb.wait(12, c, cond, WaitReason::Condition).wait(13, d, ev, WaitReason::Event);
        tb.rec(14, e, Kind::WaitBegin, bar, 0, 2, std::uint16_t(WaitReason::Barrier));
        tb.wait(15, f, fut, WaitReason::Future).wait(16, g, q, WaitReason::QueuePut);
        tb.rec(17, h, Kind::WaitBegin, fut, 0, 3, std::uint16_t(WaitReason::Future));
        tb.wait(18, w, q, WaitReason::QueueJoin);
        WaitForGraph gr = fed(tb.snapshot(20, false));
        QVERIFY(is_stalled(gr));
        std::vector<std::string> want{
            "waits on lock 'l' (held by w)",
            "waits on bounded semaphore 'pool' (held by w)",
            "waits on condition 'not_empty'",
            "waits on event 'go'",
            "waits on barrier 'phase' (arrival 2 of 3)",
            "waits on future 'task 1' (running on w)",
            "waits on queue 'out' (put)",
            "waits on 3 futures, first 'task 1'",
            "waits on queue 'out' (join)",
        };
        std::vector<BlockedLane> blocked = gr.blocked();
        QCOMPARE(blocked.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i)
            QCOMPARE(describe_wait(gr, blocked[i]), want[i]);
        Diagnostic diag = stall_diagnostic(gr, 500'000'020, 500'000'000);
        QVERIFY(
            diag.message.starts_with("no progress for 500 ms: a waits on lock 'l' (held by w)"));
        QCOMPARE(diag.lanes.size(), want.size());
    }

    void notStalledWhileALaneCouldProgress_data() {
        QTest::addColumn<int>("other");
        QTest::newRow("sleeping") << 0;
        QTest::newRow("running") << 1;
        QTest::newRow("waiting for I/O") << 2;
        QTest::newRow("waiting for the GIL") << 3;
    }
    void notStalledWhileALaneCouldProgress() {
        QFETCH(int, other);
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId q = tb.object(ObjectKind::Queue, "q");
        ObjectId sock = tb.object(ObjectKind::Annotation, "socket");
        ObjectId gil = tb.object(ObjectKind::Lock, "GIL");
        tb.start(0, a).start(1, b).wait(5, a, q, WaitReason::QueueGet);
        if (other == 0)
            tb.rec(6, b, Kind::SleepBegin, 0, 1'000'000);
        else if (other == 2)
            tb.wait(6, b, sock, WaitReason::Io);
        else if (other == 3)
            tb.wait(6, b, gil, WaitReason::Gil);
        WaitForGraph g = fed(tb.snapshot(10, false));
        QVERIFY(!is_stalled(g));
        // Once b is blocked on something only another lane can end, it is.
        if (other == 1) {
            g.feed(Record{20, b, q, Kind::WaitBegin, std::uint16_t(WaitReason::QueueGet), 0, 0});
            QVERIFY(is_stalled(g));
        }
    }

    void nothingBlockedIsNoStall() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        tb.start(0, a).end(5, a);
        WaitForGraph g = fed(tb.snapshot(10));
        QVERIFY(!is_stalled(g));
        QVERIFY(!is_stalled(WaitForGraph()));
        Diagnostic d = stall_diagnostic(WaitForGraph(), 5'000'000'000, 3'000'000'000);
        QCOMPARE(d.t_ns, std::int64_t(2'000'000'000));
        QCOMPARE(d.message, std::string("no progress for 3.0 s; no lane is blocked"));
        QVERIFY(d.lanes.empty());
    }

    void endedLanesDoNotCount() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("worker");
        ObjectId ev = tb.object(ObjectKind::Event, "never");
        tb.start(0, main).start(1, w).end(5, w).wait(6, main, ev, WaitReason::Event);
        WaitForGraph g = fed(tb.snapshot(10, false));
        QCOMPARE(g.live_lanes(), std::size_t(1));
        QVERIFY(is_stalled(g));
        Diagnostic d = stall_diagnostic(g, 6 + 4'000'000'000, 3'000'000'000);
        QCOMPARE(d.message, std::string("no progress for 4.0 s: main waits on event 'never'"));
    }
};

QTEST_GUILESS_MAIN(TestStall)
#include "tst_stall.moc"
