#include "analysis/liveness.h"

#include "analysis/starvation.h"
#include "analysis/text.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace il::analysis {

using trace::Kind;
using trace::LaneId;
using trace::ObjectId;
using trace::ObjectKind;
using trace::Record;
using trace::WaitReason;

namespace {

// ---- lock convoy ------------------------------------------------------

// The median time a contended lock sits free between a release and the
// next (waited-for) acquisition: the hand-over. Negative gaps (another
// lane's Acquire stamped a hair before the Release) count as 0.
double median_handover(const ObjectOwnership& o) {
    std::vector<std::int64_t> gaps;
    for (std::size_t k = 1; k < o.holds.size(); ++k) {
        const HoldInterval& prev = o.holds[k - 1];
        if (o.holds[k].waited && !prev.open())
            gaps.push_back(std::max<std::int64_t>(0, o.holds[k].t0 - prev.t1));
    }
    return gaps.empty() ? -1.0 : distribution(std::move(gaps)).median;
}

void find_convoys(const trace::Snapshot& s, const Summary& sum, std::vector<Diagnostic>& out) {
    for (const LockStats& l : sum.stats.locks) {
        if (l.acquisitions < kConvoyMinAcquisitions || l.contended_pct < kConvoyContendedPct)
            continue;
        if (l.wait.count == 0 || l.hold.count == 0 ||
            l.wait.median < kConvoyWaitToHold * l.hold.median)
            continue;
        const ObjectOwnership* o = sum.ownership_of(l.object);
        const double handover = o ? median_handover(*o) : -1.0;
        if (handover < 0 || l.hold.median < kConvoyHeldShare * (l.hold.median + handover))
            continue;
        Diagnostic d;
        d.kind = "lock_convoy";
        d.objects = {l.object};
        std::set<LaneId> lanes;
        for (const WaitSpan& w : o->waits)
            lanes.insert(w.lane);
        d.lanes.assign(lanes.begin(), lanes.end());
        for (const HoldInterval& h : o->holds)
            if (h.waited) {
                d.t_ns = h.t0;
                break;
            }
        char ratio[32] = "far longer than";
        if (l.hold.median > 0)
            std::snprintf(ratio, sizeof ratio, "%.1fx", l.wait.median / l.hold.median);
        d.message = "lock convoy on " + kind_label_of(s, l.object) + " " +
                    quoted_name(s, l.object) + ": " + percent_text(l.contended_pct / 100.0) +
                    " of " + std::to_string(l.acquisitions) +
                    " acquisitions had to queue, the median wait " +
                    duration_text(static_cast<std::int64_t>(l.wait.median)) + " is " + ratio +
                    " the median hold " + duration_text(static_cast<std::int64_t>(l.hold.median)) +
                    ", and it sits free only " +
                    duration_text(static_cast<std::int64_t>(handover)) + " between holders";
        out.push_back(std::move(d));
    }
}

// ---- thundering herd --------------------------------------------------

struct Herd {
    std::size_t events = 0;
    std::size_t woken = 0;
    std::size_t wasted = 0;
    std::int64_t t_ns = 0;
    std::set<LaneId> lanes; // lanes whose wake-up was wasted
    bool condition = false;
};

// Did the lane woken by records[wake] go straight back to waiting on the same
// object? Its wait's own steps (WaitEnd, taking the condition's lock back,
// reading state to test the predicate) are neutral; re-waiting on the object
// is a waste; anything else (a put, a get, a write, a sleep, a release of the
// lock that is not the next wait's, a wait on something else) is work.
bool wasted_wake(const std::vector<Record>& records, const std::vector<std::uint32_t>& mine,
                 std::size_t wake, ObjectId lock) {
    const ObjectId object = records[wake].object;
    auto pos = std::upper_bound(mine.begin(), mine.end(), static_cast<std::uint32_t>(wake));
    for (std::size_t n = 0; pos != mine.end() && n < kHerdScanLimit; ++pos, ++n) {
        const Record& r = records[*pos];
        const bool on_lock = lock != 0 && r.object == lock;
        switch (r.kind) {
        case Kind::WaitEnd:
        case Kind::Wake:
        case Kind::Read:
        case Kind::Mark:
        case Kind::TryFail:
        case Kind::Clear:
            continue;
        case Kind::Acquire:
            if (on_lock)
                continue;
            return false;
        case Kind::WaitBegin:
            if (r.object == object)
                return true;
            if (on_lock)
                continue;
            return false;
        case Kind::Release:
            if (!on_lock)
                return false;
            if (r.b > 0)
                continue; // an RLock's inner level
            // Condition::wait releases the lock right before it waits again;
            // any other release leaves the critical section with its work.
            return std::next(pos) != mine.end() &&
                   records[*std::next(pos)].kind == Kind::WaitBegin &&
                   records[*std::next(pos)].object == object;
        default:
            return false;
        }
    }
    return false;
}

void find_herds(const trace::Snapshot& s, const Summary& sum, std::vector<Diagnostic>& out) {
    const std::vector<Record>& records = s.records;
    // Wake-ups that ended a wait, by (object, the token of the Notify/Set).
    std::map<std::pair<ObjectId, std::int64_t>, std::vector<std::size_t>> woke;
    for (const WaitSpan& w : sum.waits) {
        if ((w.reason != WaitReason::Condition && w.reason != WaitReason::Event) ||
            w.effect == WaitSpan::npos)
            continue;
        const Record& e = records[w.effect];
        if (e.kind == Kind::Wake && e.object == w.object)
            woke[{w.object, e.a}].push_back(w.effect);
    }
    if (woke.empty())
        return;

    std::vector<std::vector<std::uint32_t>> by_lane; // built on the first herd
    std::map<ObjectId, Herd> herds;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        const trace::ObjectInfo* info = s.object(r.object);
        if (!info)
            continue;
        const bool notify_all =
            r.kind == Kind::Notify && r.b == -1 && info->kind == ObjectKind::Condition;
        const bool event_set = r.kind == Kind::Set && info->kind == ObjectKind::Event;
        if (!notify_all && !event_set)
            continue;
        auto it = woke.find({r.object, r.a});
        if (it == woke.end() || it->second.size() < kHerdMinWoken)
            continue;
        if (by_lane.empty()) {
            by_lane.resize(s.lanes.size());
            for (std::size_t k = 0; k < records.size(); ++k)
                if (records[k].lane < by_lane.size())
                    by_lane[records[k].lane].push_back(static_cast<std::uint32_t>(k));
        }
        const ObjectId lock = notify_all ? info->related : 0;
        std::vector<LaneId> wasted;
        for (std::size_t wake : it->second) {
            LaneId lane = records[wake].lane;
            if (lane < by_lane.size() && wasted_wake(records, by_lane[lane], wake, lock))
                wasted.push_back(lane);
        }
        const std::size_t woken = it->second.size();
        if (static_cast<double>(wasted.size()) <= kHerdWastedShare * static_cast<double>(woken))
            continue;
        Herd& h = herds[r.object];
        if (h.events++ == 0)
            h.t_ns = r.t_ns;
        h.woken += woken;
        h.wasted += wasted.size();
        h.lanes.insert(wasted.begin(), wasted.end());
        h.condition = notify_all;
    }

    for (const auto& [object, h] : herds) {
        Diagnostic d;
        d.kind = "thundering_herd";
        d.objects = {object};
        d.lanes.assign(h.lanes.begin(), h.lanes.end());
        d.t_ns = h.t_ns;
        d.message = "thundering herd on " + kind_label_of(s, object) + " " +
                    quoted_name(s, object) + ": " + std::to_string(h.events) + " " +
                    (h.condition ? "notify_all" : "set") + (h.events == 1 ? " call" : " calls") +
                    " woke " + std::to_string(h.woken) + " lanes, and " + std::to_string(h.wasted) +
                    " of those wake-ups found nothing to do and went back to waiting";
        out.push_back(std::move(d));
    }
}

// ---- lost updates -----------------------------------------------------

struct Lost {
    std::size_t writes = 0; // read-modify-writes that erased updates
    std::int64_t net = 0;   // sum of Write.b over read-modify-writes
    std::int64_t t_ns = 0;  // the first of them
    std::set<LaneId> lanes; // whose writes erased updates
};

void find_lost_updates(const trace::Snapshot& s, std::vector<Diagnostic>& out) {
    // Per (variable, lane): it read the variable since its last write.
    std::unordered_map<std::uint64_t, bool> read_since;
    std::map<ObjectId, Lost> lost;
    for (const Record& r : s.records) {
        if (r.kind != Kind::Read && r.kind != Kind::Write)
            continue;
        const std::uint64_t key = (std::uint64_t(r.object) << 32) | r.lane;
        if (r.kind == Kind::Read) {
            read_since[key] = true;
            continue;
        }
        auto it = read_since.find(key);
        const bool rmw = it != read_since.end() && it->second;
        if (it != read_since.end())
            it->second = false;
        if (!rmw)
            continue; // a blind store: what it replaced was never its lane's to keep
        Lost& l = lost[r.object];
        l.net += r.b;
        if (r.b <= 0)
            continue;
        if (l.writes++ == 0)
            l.t_ns = r.t_ns;
        l.lanes.insert(r.lane);
    }
    for (const auto& [object, l] : lost) {
        if (l.writes == 0)
            continue;
        Diagnostic d;
        d.kind = "lost_update";
        d.objects = {object};
        d.lanes.assign(l.lanes.begin(), l.lanes.end());
        d.t_ns = l.t_ns;
        d.message = "lost updates on " + kind_label_of(s, object) + " " + quoted_name(s, object) +
                    ": " + std::to_string(l.writes) + (l.writes == 1 ? " write" : " writes") +
                    " based on a stale read erased other lanes' updates; " + std::to_string(l.net) +
                    " updates lost in all";
        out.push_back(std::move(d));
    }
}

} // namespace

std::vector<Diagnostic> find_liveness_issues(const trace::Snapshot& snapshot,
                                             const Summary& summary) {
    std::vector<Diagnostic> out = find_starvation(snapshot, summary);
    find_convoys(snapshot, summary, out);
    find_herds(snapshot, summary, out);
    find_lost_updates(snapshot, out);
    return out;
}

} // namespace il::analysis
