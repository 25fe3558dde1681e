#include "analysis/flows.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace il::analysis {

using trace::Kind;
using trace::Record;

namespace {

// Where to find a cause: sorted by (object, token, index) so an effect's
// cause is one binary search away.
struct CauseKey {
    trace::ObjectId object;
    std::uint32_t index;
    std::int64_t token;
};

bool key_less(const CauseKey& x, const CauseKey& y) {
    return std::tie(x.object, x.token, x.index) < std::tie(y.object, y.token, y.index);
}

constexpr std::size_t npos = static_cast<std::size_t>(-1);

std::size_t find_cause(const std::vector<CauseKey>& keys, const std::vector<Record>& records,
                       std::size_t effect) {
    const Record& e = records[effect];
    CauseKey probe{e.object, 0, e.a};
    auto same_key = [](const CauseKey& x, const CauseKey& y) {
        return std::tie(x.object, x.token) < std::tie(y.object, y.token);
    };
    auto [lo, hi] = std::equal_range(keys.begin(), keys.end(), probe, same_key);
    if (lo == hi)
        return npos;
    // Tokens are unique per object by contract; if a malformed trace repeats
    // one, the latest cause before the effect is the one that enabled it.
    auto after = std::partition_point(lo, hi, [&](const CauseKey& k) { return k.index < effect; });
    if (after != lo)
        return std::prev(after)->index;
    // Equal timestamps from two threads may merge in either order.
    return records[lo->index].t_ns <= e.t_ns ? lo->index : npos;
}

FlowKind flow_kind_of(Kind cause) {
    switch (cause) {
    case Kind::Release:
        return FlowKind::ReleaseAcquire;
    case Kind::Notify:
        return FlowKind::NotifyWake;
    case Kind::Set:
        return FlowKind::SetWake;
    case Kind::Put:
        return FlowKind::PutGet;
    case Kind::Send:
        return FlowKind::SendReceive;
    default:
        return FlowKind::LaneEndJoined;
    }
}

} // namespace

std::vector<Flow> flows(const trace::Snapshot& snapshot) {
    const std::vector<Record>& records = snapshot.records;
    std::vector<CauseKey> keys;
    std::size_t causes = 0;
    for (const Record& r : records)
        causes += trace::is_cause(r.kind) && r.a != 0;
    keys.reserve(causes);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (trace::is_cause(r.kind) && r.a != 0)
            keys.push_back({r.object, static_cast<std::uint32_t>(i), r.a});
    }
    std::sort(keys.begin(), keys.end(), key_less);

    // Per lane: the object it is waiting on (or just stopped waiting on with
    // success), until it does anything else. An effect on that object is a
    // handoff, and so is any effect recorded inside a wait (as_completed
    // waits on one future and is woken by another).
    struct LaneWait {
        trace::ObjectId object = 0;
        bool inside = false;
    };
    std::vector<LaneWait> pending(snapshot.lanes.size());
    std::vector<Flow> out;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        const bool known = r.lane < pending.size();
        if (trace::is_effect(r.kind)) {
            bool waited = known && r.object != 0 &&
                          (pending[r.lane].object == r.object || pending[r.lane].inside);
            if (known && pending[r.lane].object == r.object)
                pending[r.lane].object = 0;
            if (r.a != 0) {
                std::size_t cause = find_cause(keys, records, i);
                if (cause != npos)
                    out.push_back({RecordIndex(cause), RecordIndex(i),
                                   flow_kind_of(records[cause].kind), waited});
            }
            continue;
        }
        if (!known)
            continue;
        LaneWait& w = pending[r.lane];
        if (r.kind == Kind::WaitBegin) {
            w = {r.object, true};
        } else if (r.kind == Kind::WaitEnd) {
            w.inside = false;
            if (r.c != static_cast<std::uint16_t>(trace::WaitResult::Ok) || r.object != w.object)
                w.object = 0;
        } else {
            w = {};
        }
    }
    return out;
}

const Flow* flow_to(const std::vector<Flow>& edges, std::size_t effect) {
    auto it = std::lower_bound(edges.begin(), edges.end(), effect,
                               [](const Flow& f, std::size_t e) { return f.to < e; });
    return it != edges.end() && it->to == effect ? &*it : nullptr;
}

std::string_view flow_kind_name(FlowKind k) {
    switch (k) {
    case FlowKind::ReleaseAcquire:
        return "release_acquire";
    case FlowKind::NotifyWake:
        return "notify_wake";
    case FlowKind::SetWake:
        return "set_wake";
    case FlowKind::PutGet:
        return "put_get";
    case FlowKind::LaneEndJoined:
        return "lane_end_joined";
    case FlowKind::SendReceive:
        return "send_receive";
    }
    return "unknown";
}

} // namespace il::analysis
