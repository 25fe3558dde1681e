// The lock view's model on hand-made snapshots: owners, waiter order,
// permits, conditions, RLock depth, deadlock membership and handoffs.
#include "analysis/wait_for_graph.h"
#include "objects/lock_scene.h"

#include <QtTest>

using namespace il;
using trace::Kind;
using trace::ObjectKind;

namespace {

struct Builder {
    trace::Snapshot s;
    Builder() {
        s.lanes.emplace_back();
        s.objects.emplace_back();
    }
    trace::LaneId lane(const char* name) {
        trace::LaneInfo l;
        l.id = static_cast<trace::LaneId>(s.lanes.size());
        l.name = name;
        s.lanes.push_back(l);
        return l.id;
    }
    trace::ObjectId object(ObjectKind k, const char* name, std::int64_t cap = 0,
                           trace::ObjectId related = 0) {
        trace::ObjectInfo o;
        o.id = static_cast<trace::ObjectId>(s.objects.size());
        o.kind = k;
        o.name = name;
        o.capacity = cap;
        o.related = related;
        s.objects.push_back(o);
        return o.id;
    }
    void rec(std::int64_t t, trace::LaneId lane, trace::ObjectId obj, Kind k, std::int64_t a = 0,
             std::int32_t b = 0, std::uint16_t c = 0) {
        s.records.push_back({t, lane, obj, k, c, b, a});
    }
    void wait(std::int64_t t, trace::LaneId lane, trace::ObjectId obj, trace::WaitReason r) {
        rec(t, lane, obj, Kind::WaitBegin, 0, 0, static_cast<std::uint16_t>(r));
    }
    void wait_end(std::int64_t t, trace::LaneId lane, trace::ObjectId obj) {
        rec(t, lane, obj, Kind::WaitEnd, 0, 0, 0);
    }
    ui::RunDataPtr data(std::vector<analysis::Diagnostic> diags = {}) {
        s.start_ns = 0;
        s.end_ns = s.records.empty() ? 0 : s.records.back().t_ns + 10;
        auto d = std::make_shared<ui::RunData>();
        d->snapshot = s;
        d->summary = analysis::analyze(d->snapshot);
        d->summary.diagnostics = std::move(diags);
        return d;
    }
};

std::vector<trace::LaneId> waiter_lanes(const ui::LockNode& n) {
    std::vector<trace::LaneId> v;
    for (const auto& w : n.waiters)
        v.push_back(w.lane);
    return v;
}

} // namespace

class TestLockScene : public QObject {
    Q_OBJECT

    Builder b;
    trace::LaneId A = 0, B = 0, C = 0, D = 0, E = 0;
    trace::ObjectId L = 0, S = 0, M = 0, CV = 0, R = 0;

    void build() {
        using W = trace::WaitReason;
        A = b.lane("a");
        B = b.lane("b");
        C = b.lane("c");
        D = b.lane("d");
        E = b.lane("e");
        L = b.object(ObjectKind::Lock, "L");
        S = b.object(ObjectKind::Semaphore, "S", 2);
        M = b.object(ObjectKind::Lock, "M");
        CV = b.object(ObjectKind::Condition, "C", 0, M);
        R = b.object(ObjectKind::RLock, "R");
        // L: a holds, b then c queue; a hands to b, b hands to c.
        b.rec(10, A, L, Kind::Acquire, 0, 1);
        b.wait(20, B, L, W::Lock);
        b.wait(30, C, L, W::Lock);
        b.rec(40, A, L, Kind::Release, 1, 0);
        b.wait_end(41, B, L);
        b.rec(41, B, L, Kind::Acquire, 1, 1);
        // S: two permits, d and e take them, a waits and gets d's.
        b.rec(50, D, S, Kind::Acquire, 0, 1);
        b.rec(55, E, S, Kind::Acquire, 0, 0);
        b.wait(60, A, S, W::Semaphore);
        b.rec(70, D, S, Kind::Release, 1, 1);
        b.wait_end(71, A, S);
        b.rec(71, A, S, Kind::Acquire, 1, 0);
        b.rec(90, B, L, Kind::Release, 2, 0);
        b.wait_end(91, C, L);
        b.rec(91, C, L, Kind::Acquire, 2, 1);
        // Condition C over M: d waits, e notifies.
        b.rec(100, D, M, Kind::Acquire, 0, 1);
        b.wait(101, D, CV, W::Condition);
        b.rec(101, D, M, Kind::Release, 1, 0);
        b.rec(110, E, M, Kind::Acquire, 1, 1);
        b.rec(111, E, CV, Kind::Notify, 1, 1, 1);
        b.rec(112, E, M, Kind::Release, 2, 0);
        b.rec(113, D, CV, Kind::Wake, 1);
        b.wait_end(113, D, CV);
        b.rec(114, D, M, Kind::Acquire, 2, 1);
        // RLock re-entry.
        b.rec(120, E, R, Kind::Acquire, 0, 1);
        b.rec(121, E, R, Kind::Acquire, 0, 2);
        b.rec(122, E, R, Kind::Release, 0, 1);
        b.rec(123, E, R, Kind::Release, 1, 0);
    }

private slots:
    void initTestCase() { build(); }

    void nodesInIdOrder() {
        ui::LockScene scene(b.data());
        QVERIFY(!scene.empty());
        QCOMPARE(scene.objects(), (std::vector<trace::ObjectId>{L, S, M, CV, R}));
        auto nodes = scene.nodes_at(0);
        QCOMPARE(nodes.size(), std::size_t(5));
        QCOMPARE(nodes[0].name, std::string("L"));
        QCOMPARE(nodes[3].kind, ObjectKind::Condition);
    }

    void lockOwnerAndWaiterOrder() {
        ui::LockScene scene(b.data());
        ui::LockNode n = scene.node_at(L, 35);
        QCOMPARE(n.owner, A);
        QCOMPARE(n.depth, 1);
        QCOMPARE(waiter_lanes(n), (std::vector<trace::LaneId>{B, C}));
        QCOMPARE(n.waiters[0].since, std::int64_t(20));
        QCOMPARE(n.waiters[0].waited_ns, std::int64_t(15));
        QCOMPARE(n.waiters[1].waited_ns, std::int64_t(5));
        n = scene.node_at(L, 40); // released, b not yet running
        QCOMPARE(n.owner, trace::LaneId(0));
        n = scene.node_at(L, 41);
        QCOMPARE(n.owner, B);
        QCOMPARE(waiter_lanes(n), (std::vector<trace::LaneId>{C}));
        n = scene.node_at(L, 95);
        QCOMPARE(n.owner, C);
        QVERIFY(n.waiters.empty());
        QVERIFY(!n.in_deadlock);
    }

    void semaphorePermits() {
        ui::LockScene scene(b.data());
        ui::LockNode n = scene.node_at(S, 5);
        QCOMPARE(n.capacity, std::int64_t(2));
        QCOMPARE(n.free_permits, std::int64_t(2));
        QVERIFY(n.holders.empty());
        n = scene.node_at(S, 65);
        QCOMPARE(n.free_permits, std::int64_t(0));
        QCOMPARE(n.holders.size(), std::size_t(2));
        QCOMPARE(n.holders[0].lane, D);
        QCOMPARE(n.holders[1].lane, E);
        QCOMPARE(n.owner, trace::LaneId(0));
        QCOMPARE(waiter_lanes(n), (std::vector<trace::LaneId>{A}));
        n = scene.node_at(S, 70);
        QCOMPARE(n.free_permits, std::int64_t(1));
        QCOMPARE(n.holders.size(), std::size_t(1));
        n = scene.node_at(S, 72);
        QCOMPARE(n.free_permits, std::int64_t(0));
        QCOMPARE(n.holders.size(), std::size_t(2));
        QCOMPARE(n.holders[1].lane, A);
        QVERIFY(n.waiters.empty());
    }

    void conditionWaitersAndLock() {
        ui::LockScene scene(b.data());
        ui::LockNode n = scene.node_at(CV, 105);
        QCOMPARE(n.lock, M);
        QCOMPARE(n.lock_owner, trace::LaneId(0));
        QCOMPARE(waiter_lanes(n), (std::vector<trace::LaneId>{D}));
        QVERIFY(!n.waiters[0].woken);
        n = scene.node_at(CV, 110);
        QCOMPARE(n.lock_owner, E);
        n = scene.node_at(CV, 112);
        QCOMPARE(waiter_lanes(n), (std::vector<trace::LaneId>{D}));
        QVERIFY(n.waiters[0].woken);
        n = scene.node_at(CV, 115);
        QVERIFY(n.waiters.empty());
        QCOMPARE(n.lock_owner, D);
    }

    void rlockDepth() {
        ui::LockScene scene(b.data());
        QCOMPARE(scene.node_at(R, 120).depth, 1);
        QCOMPARE(scene.node_at(R, 121).depth, 2);
        QCOMPARE(scene.node_at(R, 121).holders.at(0).count, 2);
        QCOMPARE(scene.node_at(R, 122).depth, 1);
        QCOMPARE(scene.node_at(R, 122).owner, E);
        QCOMPARE(scene.node_at(R, 123).owner, trace::LaneId(0));
    }

    void handoffsInRange() {
        ui::LockScene scene(b.data());
        auto h = scene.handoffs(35, 41);
        QCOMPARE(h.size(), std::size_t(1));
        QCOMPARE(h[0].object, L);
        QCOMPARE(h[0].from, A);
        QCOMPARE(h[0].to, B);
        QCOMPARE(h[0].t, std::int64_t(41));
        QCOMPARE(b.s.records[h[0].acquire].kind, Kind::Acquire);
        QCOMPARE(b.s.records[h[0].release].kind, Kind::Release);
        QVERIFY(scene.handoffs(41, 69).empty()); // (after, upto]: 41 excluded
        h = scene.handoffs(0, 200);
        // L a->b, S d->a, L b->c. Not M: e found it free, and d's Acquire
        // after its condition wait did not wait on M itself.
        QCOMPARE(h.size(), std::size_t(3));
        QCOMPARE(h[0].to, B);
        QCOMPARE(h[1].object, S);
        QCOMPARE(h[1].from, D);
        QCOMPARE(h[1].to, A);
        QCOMPARE(h[2].to, C);
        QCOMPARE(scene.handoffs(0, 200, 2).size(), std::size_t(2));

        // Where the animation starts: the releasing lane still holds it.
        ui::LockNode before = scene.node_before(h[0], 35); // a still owns L
        QCOMPARE(before.owner, A);
        QCOMPARE(waiter_lanes(before), (std::vector<trace::LaneId>{B, C}));
        before = scene.node_before(h[0], 40); // a let go at 40
        QCOMPARE(before.owner, A);
        QCOMPARE(before.holders.at(0).since, std::int64_t(10));
        QCOMPARE(waiter_lanes(before), (std::vector<trace::LaneId>{B, C}));
        before = scene.node_before(h[1], 70); // d released its permit at 70
        QCOMPARE(before.holders.size(), std::size_t(2));
        QCOMPARE(before.holders[0].lane, D);
        QCOMPARE(before.holders[0].since, std::int64_t(50));
        QCOMPARE(before.holders[1].lane, E);
        QCOMPARE(waiter_lanes(before), (std::vector<trace::LaneId>{A}));
    }

    void lastRecord() {
        ui::LockScene scene(b.data());
        std::size_t i = scene.last_record(L, 35);
        QCOMPARE(b.s.records[i].t_ns, std::int64_t(30));
        QCOMPARE(b.s.records[i].lane, C);
        QCOMPARE(scene.last_record(L, 5), ui::LockScene::kNoRecord);
        QCOMPARE(scene.last_record(9999, 5), ui::LockScene::kNoRecord);
    }

    void deadlockMembership() {
        Builder d;
        const auto p = d.lane("p"), q = d.lane("q"), r = d.lane("r");
        const auto X = d.object(ObjectKind::Lock, "X");
        const auto Y = d.object(ObjectKind::Lock, "Y");
        const auto Z = d.object(ObjectKind::Lock, "Z");
        d.rec(10, p, X, Kind::Acquire, 0, 1);
        d.rec(11, q, Y, Kind::Acquire, 0, 1);
        d.rec(12, r, Z, Kind::Acquire, 0, 1);
        d.wait(20, p, Y, trace::WaitReason::Lock);
        d.wait(30, q, X, trace::WaitReason::Lock);
        d.rec(30, r, Z, Kind::Release, 1, 0);
        d.wait(40, r, X, trace::WaitReason::Lock);
        auto found = analysis::find_deadlocks(d.s);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].t_ns, std::int64_t(30));
        ui::LockScene scene(d.data(found));
        QCOMPARE(scene.deadlocks().size(), std::size_t(1));
        QVERIFY(scene.deadlock_at(29) == nullptr);
        QVERIFY(scene.deadlock_at(30) != nullptr);

        QVERIFY(!scene.node_at(X, 29).in_deadlock);
        ui::LockNode x = scene.node_at(X, 45);
        QVERIFY(x.in_deadlock);
        QCOMPARE(x.owner, p);
        QVERIFY(x.holders.at(0).in_cycle);
        QCOMPARE(waiter_lanes(x), (std::vector<trace::LaneId>{q, r}));
        QVERIFY(x.waiters[0].in_cycle);
        QVERIFY(!x.waiters[1].in_cycle); // r queues behind, it is not on the cycle
        ui::LockNode y = scene.node_at(Y, 45);
        QVERIFY(y.in_deadlock);
        QVERIFY(y.waiters.at(0).in_cycle);
        QVERIFY(!scene.node_at(Z, 45).in_deadlock);

        // The record that closed it: q's WaitBegin on X at 30, though r's
        // Release shares the instant.
        std::size_t i = scene.closing_record(*scene.deadlocks()[0].diagnostic);
        QCOMPARE(i, std::size_t(4));
        QCOMPARE(scene.deadlocks()[0].record, i);
        QCOMPARE(scene.deadlocks()[0].t, std::int64_t(30));
        QCOMPARE(d.s.records[i].kind, Kind::WaitBegin);
        QCOMPARE(d.s.records[i].lane, q);
    }

    void emptyRun() {
        Builder e;
        e.lane("solo");
        e.object(ObjectKind::Queue, "q", 3);
        ui::LockScene scene(e.data());
        QVERIFY(scene.empty());
        QVERIFY(scene.nodes_at(5).empty());
        QVERIFY(ui::LockScene().empty());
    }
};

QTEST_MAIN(TestLockScene)
#include "tst_lock_scene.moc"
