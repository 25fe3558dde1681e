#include "objects/lock_scene.h"

#include "analysis/diagnose.h"

#include <algorithm>
#include <limits>

namespace il::ui {

using trace::Kind;
using trace::ObjectKind;

namespace {

bool shown_kind(ObjectKind k) {
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore ||
           k == ObjectKind::BoundedSemaphore || k == ObjectKind::Condition;
}

// Cycle order (wait_for_graph.h): lanes[i] waits for objects[i], which is
// held by lanes[i + 1] (the last by lanes[0]).
bool waits_in_cycle(const analysis::Diagnostic& d, trace::LaneId lane, trace::ObjectId object) {
    for (std::size_t i = 0; i < d.lanes.size() && i < d.objects.size(); ++i)
        if (d.lanes[i] == lane && d.objects[i] == object)
            return true;
    return false;
}
bool holds_in_cycle(const analysis::Diagnostic& d, trace::LaneId lane, trace::ObjectId object) {
    const std::size_t n = std::min(d.lanes.size(), d.objects.size());
    for (std::size_t i = 0; i < n; ++i)
        if (d.objects[i] == object && d.lanes[(i + 1) % n] == lane)
            return true;
    return false;
}

// Far enough back to find a cycle's WaitBegin among records of other lanes
// at the same instant, short enough to stay instant on a huge trace.
constexpr std::size_t kClosingScan = 1 << 16;
// How far a live diagnostic's time may run ahead of or behind the snapshot's
// (clock calibrations differ by nanoseconds; this is generous). Lanes on a
// cycle record nothing more once it closed, so no later wait is mistaken.
constexpr std::int64_t kClockSkewNs = 10'000;

} // namespace

LockScene::LockScene(RunDataPtr data) : data_(std::move(data)) {
    if (!data_)
        return;
    const trace::Snapshot& s = data_->snapshot;
    const analysis::Summary& sum = data_->summary;
    slot_.assign(s.objects.size(), -1);
    for (std::size_t id = 1; id < s.objects.size(); ++id) {
        if (!shown_kind(s.objects[id].kind))
            continue;
        const auto object = static_cast<trace::ObjectId>(id);
        slot_[id] = static_cast<std::int32_t>(entries_.size());
        objects_.push_back(object);
        Entry e;
        e.object = object;
        e.ownership = sum.ownership_of(object);
        e.level = sum.level_of(object);
        entries_.push_back(std::move(e));
    }
    if (entries_.empty())
        return;

    // Condition waits, in WaitBegin order (summary.waits is).
    std::vector<std::vector<std::int64_t>> t0(entries_.size()), t1(entries_.size());
    constexpr std::int64_t forever = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = 0; i < sum.waits.size(); ++i) {
        const analysis::WaitSpan& w = sum.waits[i];
        if (w.reason != trace::WaitReason::Condition || w.object >= slot_.size() ||
            slot_[w.object] < 0)
            continue;
        const auto k = static_cast<std::size_t>(slot_[w.object]);
        entries_[k].waits.push_back(static_cast<std::uint32_t>(i));
        t0[k].push_back(w.t0);
        t1[k].push_back(w.open() ? forever : w.t1);
    }
    for (std::size_t k = 0; k < entries_.size(); ++k)
        if (!entries_[k].waits.empty())
            entries_[k].wait_index = analysis::IntervalIndex(std::move(t0[k]), std::move(t1[k]));

    for (std::size_t i = 0; i < s.records.size(); ++i) {
        const trace::ObjectId o = s.records[i].object;
        if (o < slot_.size() && slot_[o] >= 0)
            entries_[static_cast<std::size_t>(slot_[o])].records.push_back(i);
    }

    for (std::size_t i = 0; i < sum.flows.size(); ++i) {
        const analysis::Flow& f = sum.flows[i];
        if (f.kind != analysis::FlowKind::ReleaseAcquire || !f.handoff || f.to >= s.records.size())
            continue;
        handoffs_.push_back(i);
        handoff_t_.push_back(s.records[f.to].t_ns);
    }

    for (const analysis::Diagnostic& d : sum.diagnostics)
        if (d.kind == "deadlock")
            add_deadlock(d);
    std::stable_sort(deadlocks_.begin(), deadlocks_.end(),
                     [](const auto& a, const auto& b) { return a.t < b.t; });
}

void LockScene::add_deadlock(const analysis::Diagnostic& d) {
    for (const LockDeadlock& seen : deadlocks_)
        if (analysis::same_finding(*seen.diagnostic, d))
            return;
    LockDeadlock k;
    k.diagnostic = &d;
    k.t = d.t_ns;
    k.record = closing_record(d);
    if (k.record != kNoRecord)
        k.t = std::max(k.t, data_->snapshot.records[k.record].t_ns);
    deadlocks_.push_back(k);
}

std::vector<const analysis::Diagnostic*> LockScene::closed_at(std::int64_t t) const {
    std::vector<const analysis::Diagnostic*> out;
    for (const LockDeadlock& d : deadlocks_)
        if (d.t <= t)
            out.push_back(d.diagnostic);
    return out;
}

const LockScene::Entry* LockScene::entry(trace::ObjectId object) const {
    if (object >= slot_.size() || slot_[object] < 0)
        return nullptr;
    return &entries_[static_cast<std::size_t>(slot_[object])];
}

std::vector<LockNode> LockScene::nodes_at(std::int64_t t) const {
    const std::vector<const analysis::Diagnostic*> closed = closed_at(t);
    std::vector<LockNode> out;
    out.reserve(entries_.size());
    for (const Entry& e : entries_)
        out.push_back(build(e, t, closed));
    return out;
}

LockNode LockScene::node_at(trace::ObjectId object, std::int64_t t) const {
    const Entry* e = entry(object);
    if (!e)
        return {};
    return build(*e, t, closed_at(t));
}

std::int32_t LockScene::depth_at(const Entry& e, std::int64_t t) const {
    // The depth after the last Acquire/Release at or before t (both carry it in b).
    const auto& records = data_->snapshot.records;
    auto it = std::upper_bound(e.records.begin(), e.records.end(), t,
                               [&](std::int64_t x, std::size_t i) { return x < records[i].t_ns; });
    while (it != e.records.begin()) {
        const trace::Record& r = records[*--it];
        if (r.kind == Kind::Acquire || r.kind == Kind::Release)
            return r.b;
    }
    return 0;
}

LockNode LockScene::build(const Entry& e, std::int64_t t,
                          const std::vector<const analysis::Diagnostic*>& closed) const {
    const trace::Snapshot& s = data_->snapshot;
    const trace::ObjectInfo& info = s.objects[e.object];
    LockNode n;
    n.object = e.object;
    n.kind = info.kind;
    n.name = info.name;
    n.capacity = info.capacity;

    if (e.ownership) {
        analysis::OwnershipState st = analysis::state_at(*e.ownership, t);
        n.owner = st.owner;
        for (const analysis::Holder& h : st.holders)
            n.holders.push_back({h.lane, h.since, h.count, false});
        for (const analysis::Waiter& w : st.waiters)
            n.waiters.push_back({w.lane, w.since, t - w.since, false, false});
    }
    if (n.kind == ObjectKind::RLock && n.owner != 0) {
        n.depth = std::max(1, depth_at(e, t));
        if (!n.holders.empty())
            n.holders.front().count = n.depth;
    } else if (n.owner != 0) {
        n.depth = 1;
    }
    if (n.counting())
        n.free_permits = e.level ? analysis::value_at(*e.level, t) : n.capacity;
    if (n.kind == ObjectKind::Condition) {
        n.lock = info.related;
        if (const Entry* lock = entry(info.related); lock && lock->ownership)
            n.lock_owner = analysis::state_at(*lock->ownership, t).owner;
        if (!e.waits.empty()) {
            for (std::uint32_t k : e.wait_index.active_at(t)) {
                const analysis::WaitSpan& w = data_->summary.waits[e.waits[k]];
                n.waiters.push_back({w.lane, w.t0, t - w.t0, w.ready_ns <= t, false});
            }
        }
    }

    for (const analysis::Diagnostic* d : closed) {
        if (std::find(d->objects.begin(), d->objects.end(), n.object) == d->objects.end())
            continue;
        n.in_deadlock = true;
        for (LockWaiterItem& w : n.waiters)
            w.in_cycle = w.in_cycle || waits_in_cycle(*d, w.lane, n.object);
        for (LockHolderItem& h : n.holders)
            h.in_cycle = h.in_cycle || holds_in_cycle(*d, h.lane, n.object);
    }
    return n;
}

std::vector<LockHandoff> LockScene::handoffs(std::int64_t after, std::int64_t upto,
                                             std::size_t limit) const {
    std::vector<LockHandoff> out;
    if (!data_ || upto <= after)
        return out;
    const auto& records = data_->snapshot.records;
    auto it = std::upper_bound(handoff_t_.begin(), handoff_t_.end(), after);
    for (; it != handoff_t_.end() && *it <= upto && out.size() < limit; ++it) {
        const analysis::Flow& f = data_->summary.flows[handoffs_[it - handoff_t_.begin()]];
        const trace::Record& rel = records[f.from];
        const trace::Record& acq = records[f.to];
        if (!entry(acq.object))
            continue;
        out.push_back({acq.object, rel.lane, acq.lane, acq.t_ns, f.from, f.to});
    }
    return out;
}

LockNode LockScene::node_before(const LockHandoff& h, std::int64_t t) const {
    LockNode n = node_at(h.object, t);
    const Entry* e = entry(h.object);
    if (!e || !e->ownership)
        return n;
    if (std::any_of(n.holders.begin(), n.holders.end(),
                    [&](const LockHolderItem& x) { return x.lane == h.from; }))
        return n;
    // The hold the Release ended: holds are by t0, and it began before it.
    const auto& holds = e->ownership->holds;
    const std::int64_t released = data_->snapshot.records[h.release].t_ns;
    auto it =
        std::upper_bound(holds.begin(), holds.end(), released,
                         [](std::int64_t x, const analysis::HoldInterval& k) { return x < k.t0; });
    std::int64_t since = released;
    for (int steps = 0; it != holds.begin() && steps < 64; ++steps)
        if ((--it)->release == h.release) {
            since = it->t0;
            break;
        }
    LockHolderItem held{h.from, since, 1, false};
    if (!n.counting()) {
        n.owner = h.from;
        n.depth = 1;
        n.holders = {held};
        return n;
    }
    auto at = std::upper_bound(n.holders.begin(), n.holders.end(), since,
                               [](std::int64_t x, const LockHolderItem& k) { return x < k.since; });
    n.holders.insert(at, held);
    return n;
}

const LockDeadlock* LockScene::deadlock_at(std::int64_t t) const {
    const LockDeadlock* found = nullptr;
    for (const LockDeadlock& d : deadlocks_)
        if (d.t <= t)
            found = &d;
    return found;
}

std::size_t LockScene::last_record(trace::ObjectId object, std::int64_t t) const {
    const Entry* e = entry(object);
    if (!e)
        return kNoRecord;
    const auto& records = data_->snapshot.records;
    auto it = std::upper_bound(e->records.begin(), e->records.end(), t,
                               [&](std::int64_t x, std::size_t i) { return x < records[i].t_ns; });
    return it == e->records.begin() ? kNoRecord : *std::prev(it);
}

std::size_t LockScene::closing_record(const analysis::Diagnostic& d) const {
    if (!data_ || d.lanes.empty())
        return kNoRecord;
    const auto& records = data_->snapshot.records;
    auto end = std::upper_bound(records.begin(), records.end(), d.t_ns + kClockSkewNs,
                                [](std::int64_t x, const trace::Record& r) { return x < r.t_ns; });
    std::size_t i = static_cast<std::size_t>(end - records.begin());
    const std::size_t stop = i > kClosingScan ? i - kClosingScan : 0;
    std::size_t fallback = kNoRecord;
    while (i > stop) {
        const trace::Record& r = records[--i];
        auto lane = std::find(d.lanes.begin(), d.lanes.end(), r.lane);
        if (lane == d.lanes.end())
            continue;
        if (fallback == kNoRecord && r.t_ns <= d.t_ns)
            fallback = i;
        const auto k = static_cast<std::size_t>(lane - d.lanes.begin());
        if (r.kind == Kind::WaitBegin && k < d.objects.size() && d.objects[k] == r.object)
            return i;
    }
    return fallback;
}

} // namespace il::ui
