#include "analysis/flows.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(ObjectKind)
Q_DECLARE_METATYPE(WaitReason)
Q_DECLARE_METATYPE(FlowKind)

class TestFlows : public QObject {
    Q_OBJECT
private slots:
    // One cause on lane a, one effect with the same (object, token) on lane b,
    // with or without b waiting on the object first.
    void causeToEffect_data() {
        QTest::addColumn<Kind>("cause");
        QTest::addColumn<Kind>("effect");
        QTest::addColumn<ObjectKind>("objectKind");
        QTest::addColumn<WaitReason>("reason");
        QTest::addColumn<bool>("waited");
        QTest::addColumn<FlowKind>("expected");
        struct Row {
            const char* name;
            Kind cause, effect;
            ObjectKind ok;
            WaitReason reason;
            FlowKind kind;
        };
        const Row rows[] = {
            {"lock", Kind::Release, Kind::Acquire, ObjectKind::Lock, WaitReason::Lock,
             FlowKind::ReleaseAcquire},
            {"semaphore", Kind::Release, Kind::Acquire, ObjectKind::Semaphore,
             WaitReason::Semaphore, FlowKind::ReleaseAcquire},
            {"condition", Kind::Notify, Kind::Wake, ObjectKind::Condition, WaitReason::Condition,
             FlowKind::NotifyWake},
            {"event", Kind::Set, Kind::Wake, ObjectKind::Event, WaitReason::Event,
             FlowKind::SetWake},
            {"future", Kind::Set, Kind::Wake, ObjectKind::Future, WaitReason::Future,
             FlowKind::SetWake},
            {"queue", Kind::Put, Kind::Get, ObjectKind::Queue, WaitReason::QueueGet,
             FlowKind::PutGet},
        };
        for (const Row& r : rows)
            for (bool waited : {true, false})
                QTest::addRow("%s %s", r.name, waited ? "handoff" : "free")
                    << r.cause << r.effect << r.ok << r.reason << waited << r.kind;
    }
    void causeToEffect() {
        QFETCH(Kind, cause);
        QFETCH(Kind, effect);
        QFETCH(ObjectKind, objectKind);
        QFETCH(WaitReason, reason);
        QFETCH(bool, waited);
        QFETCH(FlowKind, expected);
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId o = tb.object(objectKind, "o", 1);
        tb.start(0, a).start(0, b);
        if (waited)
            tb.wait(5, b, o, reason).wait_end(20, b, o);
        else
            tb.rec(20, b, Kind::Mark);
        tb.rec(10, a, cause, o, 7).rec(21, b, effect, o, 7);
        Snapshot s = tb.snapshot(30);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(1));
        QCOMPARE(edges[0].from, std::size_t(find_record(s, cause, a, o)));
        QCOMPARE(edges[0].to, std::size_t(find_record(s, effect, b, o)));
        QCOMPARE(flow_kind_name(edges[0].kind), flow_kind_name(expected));
        QCOMPARE(edges[0].handoff, waited);
        QVERIFY(flow_to(edges, edges[0].to) == &edges[0]);
        QVERIFY(flow_to(edges, edges[0].from) == nullptr);
    }

    void joinWaitsForLaneEnd() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("worker");
        tb.start(0, main).start(1, w);
        tb.wait(5, main, tb.lane_object(w), WaitReason::Join);
        tb.end(50, w).wait_end(55, main, tb.lane_object(w)).joined(56, main, w);
        Snapshot s = tb.snapshot(60);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(1));
        QCOMPARE(edges[0].kind, FlowKind::LaneEndJoined);
        QCOMPARE(edges[0].from, std::size_t(find_record(s, Kind::LaneEnd, w, tb.lane_object(w))));
        QVERIFY(edges[0].handoff);
    }

    void effectsWithoutCauseHaveNoEdge() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l1 = tb.object(ObjectKind::Lock, "l1"), l2 = tb.object(ObjectKind::Lock, "l2");
        tb.acquire(1, a, l1, 0);         // a free lock: token 0
        tb.release(2, a, l1, 1);         //
        tb.acquire(3, b, l2, 1);         // token 1 exists, but on another object
        tb.acquire(4, b, l1, 9);         // no Release with token 9
        tb.rec(5, b, Kind::Wake, l1, 0); // a timeout
        Snapshot s = tb.snapshot(10);
        QVERIFY(flows(s).empty());
    }

    // A condition wait: the Wake is a handoff from the Notify; re-taking the
    // lock afterwards without waiting is a free release -> acquire.
    void conditionRoundTrip() {
        TraceBuilder tb;
        LaneId c = tb.lane("consumer"), p = tb.lane("producer");
        ObjectId lock = tb.object(ObjectKind::Lock, "lock");
        ObjectId cond = tb.object(ObjectKind::Condition, "cond", 0, lock);
        tb.acquire(5, c, lock, 0).release(10, c, lock, 1).wait(10, c, cond, WaitReason::Condition);
        tb.acquire(50, p, lock, 1).notify(60, p, cond, 1).release(80, p, lock, 2);
        tb.wake(90, c, cond, 1).wait_end(91, c, cond).acquire(92, c, lock, 2);
        Snapshot s = tb.snapshot(100);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(3));
        QCOMPARE(edges[0].kind, FlowKind::ReleaseAcquire); // p takes the lock c left
        QVERIFY(!edges[0].handoff);
        QCOMPARE(edges[1].kind, FlowKind::NotifyWake);
        QVERIFY(edges[1].handoff);
        QCOMPARE(edges[2].kind, FlowKind::ReleaseAcquire);
        QVERIFY(!edges[2].handoff);
        QCOMPARE(s.records[edges[2].from].lane, p);
    }

    void queueItemsMatchBySequence() {
        TraceBuilder tb;
        LaneId prod = tb.lane("producer"), cons = tb.lane("consumer");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs", 4);
        tb.put(10, prod, q, 1, 1).put(11, prod, q, 2, 2).put(12, prod, q, 3, 3);
        tb.get(20, cons, q, 3, 2).get(21, cons, q, 1, 1).get(22, cons, q, 2, 0); // LIFO-ish order
        Snapshot s = tb.snapshot(30);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(3));
        QCOMPARE(s.records[edges[0].from].a, std::int64_t(3));
        QCOMPARE(s.records[edges[1].from].a, std::int64_t(1));
        QCOMPARE(s.records[edges[2].from].a, std::int64_t(2));
        for (const Flow& f : edges)
            QCOMPARE(s.records[f.from].a, s.records[f.to].a);
    }

    // as_completed waits on the first pending future and is woken by another.
    void wakeInsideAWaitOnAnotherObjectIsAHandoff() {
        TraceBuilder tb;
        LaneId main = tb.lane("main"), w = tb.lane("worker");
        ObjectId f1 = tb.object(ObjectKind::Future, "f1"), f2 = tb.object(ObjectKind::Future, "f2");
        tb.rec(5, main, Kind::WaitBegin, f1, 0, 2, static_cast<std::uint16_t>(WaitReason::Future));
        tb.set(40, w, f2, 1).wake(45, main, f2, 1).wait_end(46, main, f1);
        Snapshot s = tb.snapshot(50);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(1));
        QCOMPARE(edges[0].kind, FlowKind::SetWake);
        QVERIFY(edges[0].handoff);
    }

    void failedWaitIsNotAHandoff() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.acquire(1, a, lock, 0).wait(2, b, lock, WaitReason::Lock);
        tb.wait_end(5, b, lock, WaitResult::Timeout).rec(5, b, Kind::TryFail, lock, 0, 1);
        tb.release(6, a, lock, 1).acquire(7, b, lock, 1);
        Snapshot s = tb.snapshot(10);
        auto edges = flows(s);
        QCOMPARE(edges.size(), std::size_t(1));
        QVERIFY(!edges[0].handoff);
    }
};

QTEST_GUILESS_MAIN(TestFlows)
#include "tst_flows.moc"
