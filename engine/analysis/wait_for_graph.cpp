#include "analysis/wait_for_graph.h"

#include <algorithm>

namespace il::analysis {

using trace::Kind;
using trace::LaneId;
using trace::ObjectId;
using trace::ObjectKind;
using trace::Record;

namespace {

bool is_lock(ObjectKind k) {
    return k == ObjectKind::Lock || k == ObjectKind::RLock;
}

bool is_semaphore(ObjectKind k) {
    return k == ObjectKind::Semaphore || k == ObjectKind::BoundedSemaphore;
}

} // namespace

WaitForGraph::WaitForGraph() = default;

std::vector<Diagnostic> WaitForGraph::set_registry(std::vector<trace::LaneInfo> lanes,
                                                   std::vector<trace::ObjectInfo> objects) {
    lanes_ = std::move(lanes);
    objects_ = std::move(objects);
    std::vector<Diagnostic> found;
    for (std::size_t id = 1; id < lane_states_.size(); ++id) {
        LaneState& ls = lane_states_[id];
        if (!ls.unknown_wait || ls.waits.empty() || !object_info(ls.waits.back().object))
            continue;
        ls.unknown_wait = false;
        OpenWait& w = ls.waits.back();
        if (!w.or_node && is_semaphore(object_info(w.object)->kind)) {
            w.or_node = true;
            ++or_waits_;
        }
        if (std::optional<Diagnostic> d = check_closing(static_cast<LaneId>(id)))
            found.push_back(std::move(*d));
    }
    return found;
}

const trace::LaneInfo* WaitForGraph::lane_info(LaneId id) const {
    return id > 0 && id < lanes_.size() ? &lanes_[id] : nullptr;
}

const trace::ObjectInfo* WaitForGraph::object_info(ObjectId id) const {
    return id > 0 && id < objects_.size() ? &objects_[id] : nullptr;
}

std::string WaitForGraph::lane_name(LaneId id) const {
    const trace::LaneInfo* l = lane_info(id);
    return l && !l->name.empty() ? l->name : "lane " + std::to_string(id);
}

std::string WaitForGraph::object_name(ObjectId id) const {
    const trace::ObjectInfo* o = object_info(id);
    return o && !o->name.empty() ? o->name : "object " + std::to_string(id);
}

WaitForGraph::LaneState& WaitForGraph::lane_state(LaneId id) {
    if (id >= lane_states_.size())
        lane_states_.resize(id + 1);
    return lane_states_[id];
}

WaitForGraph::ObjectState& WaitForGraph::object_state(ObjectId id) {
    if (id >= object_states_.size())
        object_states_.resize(id + 1);
    return object_states_[id];
}

std::optional<Diagnostic> WaitForGraph::feed(const Record& r) {
    if (r.lane == 0)
        return std::nullopt;
    last_t_ = std::max(last_t_, r.t_ns);
    LaneState& ls = lane_state(r.lane);
    if (!ls.live && !ls.ended && r.kind != Kind::LaneEnd) {
        ls.live = true;
        ++live_;
    }
    switch (r.kind) {
    case Kind::LaneEnd:
        if (ls.live)
            --live_;
        if (ls.sleeping)
            --sleeping_;
        ls.live = ls.sleeping = ls.deadlocked = ls.unknown_wait = false;
        ls.ended = true;
        while (!ls.waits.empty())
            close_wait(ls, ls.waits.size() - 1);
        break;
    case Kind::WaitBegin: {
        const auto reason = static_cast<trace::WaitReason>(r.c);
        // The same record fed twice (a monitor re-reading a batch) changes nothing.
        if (!ls.waits.empty() && ls.waits.back().object == r.object &&
            ls.waits.back().since == r.t_ns && ls.waits.back().reason == reason)
            return std::nullopt;
        const trace::ObjectInfo* info = object_info(r.object);
        open_wait(ls, {r.object, reason, r.b, r.t_ns, info && is_semaphore(info->kind)});
        ls.unknown_wait = info == nullptr;
        return check_closing(r.lane);
    }
    case Kind::WaitEnd: {
        auto it = std::find_if(ls.waits.rbegin(), ls.waits.rend(),
                               [&](const OpenWait& w) { return w.object == r.object; });
        if (it != ls.waits.rend())
            close_wait(ls, static_cast<std::size_t>(std::next(it).base() - ls.waits.begin()));
        // A wait that ended was not (or is no longer) part of a deadlock.
        ls.deadlocked = ls.unknown_wait = false;
        break;
    }
    case Kind::SleepBegin:
        if (!ls.sleeping) {
            ls.sleeping = true;
            ++sleeping_;
        }
        break;
    case Kind::SleepEnd:
        if (ls.sleeping) {
            ls.sleeping = false;
            --sleeping_;
        }
        break;
    case Kind::Acquire:
        on_acquire(r);
        break;
    case Kind::Release:
        on_release(r);
        break;
    case Kind::TaskStart:
        object_state(r.object).runner = r.lane;
        break;
    case Kind::TaskEnd: {
        ObjectState& o = object_state(r.object);
        if (o.runner == r.lane)
            o.runner = 0;
        break;
    }
    default:
        break;
    }
    return std::nullopt;
}

void WaitForGraph::on_acquire(const Record& r) {
    ObjectState& o = object_state(r.object);
    const trace::ObjectInfo* info = object_info(r.object);
    // Whoever held it before, this lane holds it now: if another lane's
    // Release has not arrived yet, it will be ignored when it does.
    o.owner = r.lane;
    if (info && is_lock(info->kind))
        return;
    auto it = std::find_if(o.permits.begin(), o.permits.end(),
                           [&](const Permit& p) { return p.lane == r.lane; });
    if (it == o.permits.end()) {
        o.permits.push_back({r.lane, 1});
    } else {
        // A second permit while holding one: not a lock-like use.
        o.shared_use = true;
        ++it->count;
    }
    o.free = r.b;
}

void WaitForGraph::on_release(const Record& r) {
    ObjectState& o = object_state(r.object);
    const trace::ObjectInfo* info = object_info(r.object);
    // b > 0 on a lock: an RLock's nested release, still owned.
    if (o.owner == r.lane && r.b <= 0)
        o.owner = 0;
    if (info && is_lock(info->kind))
        return;
    // release(n) raises the free permits by n.
    std::int64_t n = o.free >= 0 ? std::max<std::int64_t>(1, r.b - o.free) : 1;
    o.free = r.b;
    auto it = std::find_if(o.permits.begin(), o.permits.end(),
                           [&](const Permit& p) { return p.lane == r.lane; });
    if (it == o.permits.end() || it->count < n)
        o.shared_use = true; // released what it did not take: a signal, not a lock
    if (it == o.permits.end())
        return;
    it->count -= static_cast<std::int32_t>(std::min<std::int64_t>(it->count, n));
    if (it->count == 0) {
        *it = o.permits.back();
        o.permits.pop_back();
    }
}

void WaitForGraph::open_wait(LaneState& ls, const OpenWait& w) {
    ls.waits.push_back(w);
    or_waits_ += w.or_node;
}

void WaitForGraph::close_wait(LaneState& ls, std::size_t index) {
    or_waits_ -= ls.waits[index].or_node;
    ls.waits.erase(ls.waits.begin() + static_cast<std::ptrdiff_t>(index));
}

std::vector<BlockedLane> WaitForGraph::blocked() const {
    std::vector<BlockedLane> out;
    for (std::size_t id = 1; id < lane_states_.size(); ++id) {
        const LaneState& ls = lane_states_[id];
        if (!ls.live || ls.waits.empty())
            continue;
        const OpenWait& w = ls.waits.back();
        out.push_back({static_cast<LaneId>(id), w.object, w.reason, w.awaited, w.since});
    }
    return out;
}

std::vector<LaneId> WaitForGraph::holders(ObjectId object) const {
    std::vector<LaneId> out;
    holders_into(object, out);
    return out;
}

void WaitForGraph::holders_into(ObjectId object, std::vector<LaneId>& out) const {
    out.clear();
    const trace::ObjectInfo* info = object_info(object);
    if (info && info->kind == ObjectKind::Lane) {
        if (info->lane != 0 &&
            (info->lane >= lane_states_.size() || !lane_states_[info->lane].ended))
            out.push_back(info->lane);
        return;
    }
    if (object >= object_states_.size())
        return;
    const ObjectState& o = object_states_[object];
    if (info && info->kind == ObjectKind::Future) {
        if (o.runner)
            out.push_back(o.runner);
    } else if (info && is_semaphore(info->kind)) {
        for (const Permit& p : o.permits)
            out.push_back(p.lane);
    } else if (o.owner) {
        out.push_back(o.owner);
    }
}

void WaitForGraph::successors(LaneId lane, std::vector<LaneId>& out) const {
    out.clear();
    if (lane >= lane_states_.size() || lane_states_[lane].waits.empty())
        return;
    const OpenWait& w = lane_states_[lane].waits.back();
    const trace::ObjectInfo* info = object_info(w.object);
    if (!info)
        return;
    switch (info->kind) {
    case ObjectKind::Lock:
    case ObjectKind::RLock:
    case ObjectKind::Lane:
        holders_into(w.object, out);
        break;
    case ObjectKind::Future:
        // Several futures at once (wait, as_completed) is an OR/AND over
        // futures the record does not name: not an edge.
        if (w.awaited <= 1)
            holders_into(w.object, out);
        break;
    case ObjectKind::Semaphore:
    case ObjectKind::BoundedSemaphore:
        if (w.object < object_states_.size() && !object_states_[w.object].shared_use)
            holders_into(w.object, out);
        break;
    default:
        break; // no owner: never on a cycle
    }
}

std::optional<Diagnostic> WaitForGraph::check_closing(LaneId lane) {
    std::optional<Diagnostic> d = check(lane);
    // Only OR-nodes let a cycle that avoids `lane` become a deadlock now.
    if (!d && or_waits_ > 0 && lane_states_[lane].deadlocked)
        d = upstream(lane);
    return d;
}

std::optional<Diagnostic> WaitForGraph::upstream(LaneId lane) {
    // Who waits for whom, reversed, over every blocked lane: rare (only a
    // wait that joins a deadlock gets here), so a scan is fine.
    std::vector<std::vector<LaneId>> waiters_of(lane_states_.size());
    std::vector<LaneId> held_by;
    for (std::size_t id = 1; id < lane_states_.size(); ++id) {
        successors(static_cast<LaneId>(id), held_by);
        for (LaneId h : held_by)
            if (h < waiters_of.size())
                waiters_of[h].push_back(static_cast<LaneId>(id));
    }
    std::vector<char> seen(lane_states_.size(), 0);
    std::vector<LaneId> queue{lane};
    seen[lane] = 1;
    const std::int64_t closed_at = lane_states_[lane].waits.back().since;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        for (LaneId u : waiters_of[queue[q]]) {
            if (seen[u])
                continue;
            seen[u] = 1;
            queue.push_back(u);
            if (lane_states_[u].deadlocked)
                continue;
            if (std::optional<Diagnostic> d = check(u)) {
                d->t_ns = std::max(d->t_ns, closed_at);
                return d;
            }
        }
    }
    return std::nullopt;
}

std::optional<Diagnostic> WaitForGraph::check(LaneId lane) {
    // 1. The lanes reachable from `lane` along waits-for -> held-by edges.
    if (++epoch_ == 0) { // wrapped: forget every old mark
        std::fill(mark_.begin(), mark_.end(), 0);
        epoch_ = 1;
    }
    if (mark_.size() < lane_states_.size()) {
        mark_.resize(lane_states_.size(), 0);
        index_.resize(lane_states_.size(), 0);
    }
    nodes_.clear();
    succ_begin_.clear();
    succ_.clear();
    alive_.clear();
    auto reach = [&](LaneId l) {
        if (l >= mark_.size()) {
            mark_.resize(l + 1, 0);
            index_.resize(l + 1, 0);
        }
        if (mark_[l] != epoch_) {
            mark_[l] = epoch_;
            index_[l] = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back(l);
        }
        return index_[l];
    };
    reach(lane);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        succ_begin_.push_back(static_cast<std::uint32_t>(succ_.size()));
        successors(nodes_[i], holders_scratch_);
        // Deadlocked only if blocked on an owned object whose every holder is.
        alive_.push_back(!holders_scratch_.empty());
        if (i == 0 && holders_scratch_.empty())
            return std::nullopt; // the new wait is not an edge (or on a free object)
        for (LaneId h : holders_scratch_)
            succ_.push_back(reach(h));
    }
    const std::size_t n = nodes_.size();
    succ_begin_.push_back(static_cast<std::uint32_t>(succ_.size()));

    // 2. The greatest set of reached lanes that are all blocked on objects
    // held only by lanes of the set (locks: one holder; semaphores: all of
    // them): drop lanes that can progress, then whoever waits on them.
    pred_begin_.assign(n + 1, 0);
    for (std::uint32_t s : succ_)
        ++pred_begin_[s + 1];
    for (std::size_t i = 0; i < n; ++i)
        pred_begin_[i + 1] += pred_begin_[i];
    pred_.assign(succ_.size(), 0);
    work_.assign(pred_begin_.begin(), pred_begin_.end() - 1); // fill cursors
    for (std::uint32_t i = 0; i < n; ++i)
        for (std::uint32_t k = succ_begin_[i]; k < succ_begin_[i + 1]; ++k)
            pred_[work_[succ_[k]]++] = i;
    work_.clear();
    for (std::uint32_t i = 0; i < n; ++i)
        if (!alive_[i])
            work_.push_back(i);
    while (!work_.empty()) {
        std::uint32_t j = work_.back();
        work_.pop_back();
        for (std::uint32_t k = pred_begin_[j]; k < pred_begin_[j + 1]; ++k) {
            std::uint32_t p = pred_[k];
            if (alive_[p]) {
                alive_[p] = 0;
                work_.push_back(p);
            }
        }
    }
    if (!alive_[0])
        return std::nullopt;

    // 3. A cycle through a lane that was not deadlocked before (a cycle of
    // old ones was reported when it closed): the new waiter first. Every successor of a deadlocked
    // lane is deadlocked, so the search stays inside the set.
    std::vector<LaneId> cycle;
    for (std::uint32_t start = 0; start < n && cycle.empty(); ++start) {
        if (!alive_[start] || lane_states_[nodes_[start]].deadlocked)
            continue;
        parent_.assign(n, -1);
        work_.assign(1, start);
        std::int64_t last = -1; // the node whose successor is `start`
        for (std::size_t q = 0; q < work_.size() && last < 0; ++q) {
            std::uint32_t u = work_[q];
            for (std::uint32_t k = succ_begin_[u]; k < succ_begin_[u + 1]; ++k) {
                std::uint32_t v = succ_[k];
                if (v == start) {
                    last = u;
                    break;
                }
                if (parent_[v] < 0 && v != start) {
                    parent_[v] = static_cast<std::int32_t>(u);
                    work_.push_back(v);
                }
            }
        }
        if (last < 0)
            continue;
        for (std::int64_t v = last; v != start; v = parent_[v])
            cycle.push_back(nodes_[v]);
        cycle.push_back(nodes_[start]);
        std::reverse(cycle.begin(), cycle.end());
    }
    for (std::uint32_t i = 0; i < n; ++i)
        if (alive_[i])
            lane_states_[nodes_[i]].deadlocked = true;
    if (cycle.empty())
        return std::nullopt; // it joined a deadlock found before
    // Closed by this wait, even when an OR-node's cycle does not run through it.
    Diagnostic d = describe(cycle);
    d.t_ns = std::max(d.t_ns, lane_states_[lane].waits.back().since);
    return d;
}

Diagnostic WaitForGraph::describe(const std::vector<LaneId>& cycle) const {
    Diagnostic d;
    d.kind = "deadlock";
    d.lanes = cycle;
    std::string msg = "deadlock: " + lane_name(cycle.front());
    for (std::size_t i = 0; i < cycle.size(); ++i) {
        const OpenWait& w = lane_states_[cycle[i]].waits.back();
        const LaneId next = cycle[(i + 1) % cycle.size()];
        d.objects.push_back(w.object);
        d.t_ns = std::max(d.t_ns, w.since);
        if (i > 0)
            msg += ", which";
        const trace::ObjectInfo* info = object_info(w.object);
        const ObjectKind kind = info ? info->kind : ObjectKind::Lock;
        std::string holder = lane_name(next) + (cycle.size() == 1 ? " itself" : "");
        if (kind == ObjectKind::Lane) {
            msg += " waits to join " + holder;
            continue;
        }
        if (is_semaphore(kind)) {
            // An OR-node: name every holder, the cycle's own first.
            for (LaneId h : holders(w.object))
                if (h != next)
                    holder += " and " + lane_name(h);
        }
        msg += " waits for " + object_name(w.object) +
               (kind == ObjectKind::Future ? " run by " : " held by ") + holder;
    }
    d.message = std::move(msg);
    return d;
}

std::vector<Diagnostic> find_deadlocks(const trace::Snapshot& snapshot) {
    WaitForGraph g;
    std::vector<Diagnostic> out = g.set_registry(snapshot.lanes, snapshot.objects);
    for (const Record& r : snapshot.records)
        if (std::optional<Diagnostic> d = g.feed(r))
            out.push_back(std::move(*d));
    return out;
}

} // namespace il::analysis
