#include "analysis/ownership.h"

#include "analysis/time_range.h"

#include <algorithm>
#include <limits>

namespace il::analysis {

using trace::Kind;
using trace::ObjectKind;
using trace::Record;

namespace {

// One object's walk through its records.
struct Walk {
    std::int64_t open_hold = -1;        // locks: the current hold
    std::vector<std::uint32_t> permits; // semaphores: open holds, oldest first
    std::int64_t free = 0;              // semaphores: free permits last seen
};

bool is_owned_kind(ObjectKind k) {
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore ||
           k == ObjectKind::BoundedSemaphore;
}

void close(HoldInterval& h, const Record& r, std::size_t i) {
    h.t1 = r.t_ns;
    h.release = i;
    h.released_by = r.lane;
}

void on_lock_record(ObjectOwnership& o, Walk& w, const Record& r, std::size_t i, bool waited) {
    if (r.kind == Kind::Acquire) {
        if (w.open_hold >= 0) {
            HoldInterval& h = o.holds[w.open_hold];
            if (h.lane == r.lane) { // re-entry
                h.max_depth = std::max(h.max_depth, r.b);
                return;
            }
            // Taken while another lane held it: the trace lost a Release.
            close(h, r, i);
            h.released_by = 0;
        }
        w.open_hold = static_cast<std::int64_t>(o.holds.size());
        HoldInterval h;
        h.lane = r.lane;
        h.t0 = r.t_ns;
        h.acquire = i;
        h.waited = waited;
        h.max_depth = std::max(1, r.b);
        o.holds.push_back(h);
    } else if (r.kind == Kind::Release && w.open_hold >= 0) {
        // An RLock is free again only when its depth returns to 0.
        if (o.kind == ObjectKind::RLock && r.b > 0)
            return;
        close(o.holds[w.open_hold], r, i);
        w.open_hold = -1;
    }
}

void on_semaphore_record(ObjectOwnership& o, Walk& w, const Record& r, std::size_t i, bool waited) {
    if (r.kind == Kind::Acquire) {
        w.permits.push_back(static_cast<std::uint32_t>(o.holds.size()));
        HoldInterval h;
        h.lane = r.lane;
        h.t0 = r.t_ns;
        h.acquire = i;
        h.waited = waited;
        o.holds.push_back(h);
        w.free = r.b;
    } else if (r.kind == Kind::Release) {
        // release(n) frees n permits: the rise in free permits says how many.
        std::int64_t n = std::max<std::int64_t>(1, r.b - w.free);
        w.free = r.b;
        for (; n > 0 && !w.permits.empty(); --n) {
            // Approximate attribution: the releasing lane's oldest permit,
            // else the oldest permit anyone holds.
            auto it = std::find_if(w.permits.begin(), w.permits.end(),
                                   [&](std::uint32_t k) { return o.holds[k].lane == r.lane; });
            if (it == w.permits.end())
                it = w.permits.begin();
            close(o.holds[*it], r, i);
            w.permits.erase(it);
        }
    } else if (r.kind == Kind::TryFail) {
        w.free = r.b;
    }
}

} // namespace

std::vector<ObjectOwnership> ownership(const trace::Snapshot& snapshot,
                                       const std::vector<WaitSpan>& waits) {
    const std::vector<Record>& records = snapshot.records;
    const std::vector<trace::ObjectInfo>& objects = snapshot.objects;
    const TimeRange range = time_range(snapshot);

    std::vector<bool> condition_lock(objects.size(), false);
    for (const trace::ObjectInfo& o : objects)
        if (o.kind == ObjectKind::Condition && o.related > 0 && o.related < objects.size())
            condition_lock[o.related] = true;

    std::vector<std::int32_t> slot(objects.size(), -1);
    std::vector<ObjectOwnership> out;
    std::vector<Walk> walks;
    for (std::size_t id = 1; id < objects.size(); ++id) {
        ObjectKind k = objects[id].kind;
        if (!is_owned_kind(k) && !condition_lock[id])
            continue;
        slot[id] = static_cast<std::int32_t>(out.size());
        ObjectOwnership o;
        o.object = static_cast<trace::ObjectId>(id);
        o.kind = k;
        o.counting = k == ObjectKind::Semaphore || k == ObjectKind::BoundedSemaphore;
        out.push_back(std::move(o));
        Walk w;
        w.free = objects[id].capacity;
        walks.push_back(w);
    }

    // Acquires that ended a wait of their lane on the same object.
    std::vector<std::size_t> waited;
    for (const WaitSpan& s : waits) {
        if (s.object >= slot.size() || slot[s.object] < 0)
            continue;
        // The emulated GIL is a Lock whose waits say Gil (so lane states call them Ready).
        if (s.reason == trace::WaitReason::Lock || s.reason == trace::WaitReason::Semaphore ||
            s.reason == trace::WaitReason::Gil)
            out[slot[s.object]].waits.push_back(s);
        if (s.effect != WaitSpan::npos && records[s.effect].object == s.object)
            waited.push_back(s.effect);
    }
    std::sort(waited.begin(), waited.end());

    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (r.object >= slot.size() || slot[r.object] < 0)
            continue;
        if (r.kind != Kind::Acquire && r.kind != Kind::Release && r.kind != Kind::TryFail)
            continue;
        ObjectOwnership& o = out[slot[r.object]];
        bool w = r.kind == Kind::Acquire && std::binary_search(waited.begin(), waited.end(), i);
        if (o.counting)
            on_semaphore_record(o, walks[slot[r.object]], r, i, w);
        else
            on_lock_record(o, walks[slot[r.object]], r, i, w);
    }

    constexpr std::int64_t forever = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> t0, t1;
    for (ObjectOwnership& o : out) {
        t0.clear();
        t1.clear();
        for (HoldInterval& h : o.holds) {
            if (h.open())
                h.t1 = std::max(range.end, h.t0);
            t0.push_back(h.t0);
            t1.push_back(h.open() ? forever : h.t1);
        }
        o.hold_index = IntervalIndex(t0, t1);
        t0.clear();
        t1.clear();
        for (const WaitSpan& s : o.waits) {
            t0.push_back(s.t0);
            t1.push_back(s.open() ? forever : s.t1);
        }
        o.wait_index = IntervalIndex(t0, t1);
    }
    return out;
}

std::vector<ObjectOwnership> ownership(const trace::Snapshot& snapshot) {
    return ownership(snapshot, wait_spans(snapshot));
}

OwnershipState state_at(const ObjectOwnership& object, std::int64_t t) {
    OwnershipState st;
    std::vector<std::uint32_t> active;
    object.hold_index.active_at(t, active);
    for (std::uint32_t k : active) {
        const HoldInterval& h = object.holds[k];
        auto it = std::find_if(st.holders.begin(), st.holders.end(),
                               [&](const Holder& x) { return x.lane == h.lane; });
        if (object.counting && it != st.holders.end()) {
            ++it->count;
            continue;
        }
        st.holders.push_back({h.lane, h.t0, object.counting ? 1 : h.max_depth});
    }
    if (!object.counting && !st.holders.empty())
        st.owner = st.holders.front().lane;
    object.wait_index.active_at(t, active);
    st.waiters.reserve(active.size());
    for (std::uint32_t k : active)
        st.waiters.push_back({object.waits[k].lane, object.waits[k].t0});
    return st;
}

} // namespace il::analysis
