#include "analysis/starvation.h"

#include "analysis/liveness.h"
#include "analysis/text.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace il::analysis {

using trace::LaneId;
using trace::ObjectId;
using trace::ObjectKind;
using trace::WaitReason;

namespace {

struct Starved {
    LaneId lane = 0;
    ObjectId object = 0;  // what it waited on
    ObjectId counted = 0; // whose acquisitions overtook it (a condition's lock)
    std::int64_t longest = 0;
    std::size_t overtakes = 0;
    // Set when a group kept it out (see group_hold).
    const HoldInterval* group = nullptr;
    ObjectId companion = 0; // the group's entry lock (0: a relay)
    std::size_t entries = 0;
    std::int64_t t_ns = 0;
    std::size_t waits = 0;
};

// When each waited-for acquisition of an object was asked for: the start of
// the wait it ended, by the Acquire's record index (sorted).
using AskedAt = std::vector<std::pair<RecordIndex, std::int64_t>>;

AskedAt asked_at(const ObjectOwnership& o) {
    AskedAt v;
    for (const WaitSpan& w : o.waits)
        if (w.effect != WaitSpan::npos)
            v.emplace_back(w.effect, w.t0);
    std::sort(v.begin(), v.end());
    return v;
}

using HoldIt = std::vector<HoldInterval>::const_iterator;

// Acquisitions in [first, last) by lanes that asked after the wait began;
// `crossed` gets the t0 of the one that made the count reach the threshold.
std::size_t overtakes(const WaitSpan& w, HoldIt first, HoldIt last, const AskedAt& when,
                      std::int64_t& crossed) {
    std::size_t n = 0;
    for (HoldIt h = first; h != last; ++h) {
        if (h->lane == w.lane)
            continue;
        std::int64_t t = h->t0;
        if (h->waited) {
            auto it = std::lower_bound(when.begin(), when.end(),
                                       std::make_pair(h->acquire, std::int64_t(0)));
            if (it != when.end() && it->first == h->acquire)
                t = it->second;
        }
        if (t > w.t0 && ++n == kStarvationOvertakes)
            crossed = h->t0;
    }
    return n;
}

// A lock kept from a waiter by a group rather than by one lane's long
// critical section: holds by others cover most of the wait, and either a
// hold was a relay (taken by one lane, freed by another) or, during it,
// other lanes kept taking a companion lock the holder itself took while
// holding this one (the readers' entry lock in a reader-preferring
// readers-writers lock: the first reader in takes the resource, the last one
// out frees it, and every reader passes the entry lock).
struct Group {
    const HoldInterval* hold = nullptr; // the hold that overlaps the wait most
    ObjectId companion = 0;             // its busiest companion lock (0: a relay)
    std::size_t entries = 0;            // companion acquisitions by other lanes
    bool relay = false;
};

// Acquisitions of `c` by lanes other than `a` and `b` that began in [t0, t1],
// or 0 if lane `a` took none of them there.
std::size_t companion_entries(const ObjectOwnership& c, LaneId a, LaneId b, std::int64_t t0,
                              std::int64_t t1) {
    const auto by_t0 = [](std::int64_t t, const HoldInterval& h) { return t < h.t0; };
    auto first = std::upper_bound(c.holds.begin(), c.holds.end(), t0 - 1, by_t0);
    auto last = std::upper_bound(first, c.holds.end(), t1, by_t0);
    std::size_t others = 0;
    bool holder_took = false;
    for (auto h = first; h != last; ++h) {
        holder_took |= h->lane == a;
        others += h->lane != a && h->lane != b;
    }
    return holder_took ? others : 0;
}

std::optional<Group> group_hold(const WaitSpan& w, const ObjectOwnership& o, HoldIt last,
                                const Summary& sum) {
    // Holds start in order; the one in force when the wait began is the last
    // that started at or before it.
    HoldIt h = std::upper_bound(o.holds.begin(), last, w.t0,
                                [](std::int64_t t, const HoldInterval& x) { return t < x.t0; });
    if (h != o.holds.begin())
        --h;
    Group g;
    std::int64_t covered = 0, best_overlap = 0;
    for (; h != last; ++h) {
        if (h->lane == w.lane)
            continue;
        const std::int64_t a = std::max(h->t0, w.t0), b = std::min(h->t1, w.t1);
        if (b <= a)
            continue;
        covered += b - a;
        const bool relay = !h->open() && h->released_by != 0 && h->released_by != h->lane;
        std::size_t most = 0;
        ObjectId companion = 0;
        if (!relay) {
            for (const ObjectOwnership& c : sum.ownership) {
                if (c.object == o.object || c.counting)
                    continue;
                std::size_t n = companion_entries(c, h->lane, w.lane, a, b);
                if (n > most) {
                    most = n;
                    companion = c.object;
                }
            }
        }
        g.relay |= relay;
        g.entries += most;
        if (b - a > best_overlap) {
            best_overlap = b - a;
            g.hold = &*h;
            g.companion = relay ? 0 : companion;
        }
    }
    if (static_cast<double>(covered) < kStarvationGroupCover * static_cast<double>(w.duration()))
        return std::nullopt;
    if (!g.relay && g.entries < kStarvationOvertakes)
        return std::nullopt;
    if (g.relay)
        g.companion = 0;
    return g;
}

} // namespace

std::vector<Diagnostic> find_starvation(const trace::Snapshot& s, const Summary& sum) {
    std::vector<Diagnostic> out;
    const std::int64_t run = sum.range.length();
    if (run <= 0)
        return out;
    const std::int64_t min_wait =
        std::max(kStarvationMinWaitNs,
                 static_cast<std::int64_t>(std::ceil(kStarvationShare * static_cast<double>(run))));
    std::map<std::pair<ObjectId, LaneId>, Starved> found;
    std::map<ObjectId, AskedAt> asked;

    for (const WaitSpan& w : sum.waits) {
        if (w.duration() < min_wait)
            continue;
        ObjectId target = 0;
        if (w.reason == WaitReason::Lock || w.reason == WaitReason::Semaphore) {
            target = w.object;
        } else if (w.reason == WaitReason::Condition) {
            const trace::ObjectInfo* info = s.object(w.object);
            if (info && info->kind == ObjectKind::Condition)
                target = info->related;
        }
        const ObjectOwnership* o = target ? sum.ownership_of(target) : nullptr;
        if (!o)
            continue;
        // Acquisitions that began inside the wait (holds are sorted by t0).
        const auto by_t0 = [](std::int64_t t, const HoldInterval& h) { return t < h.t0; };
        HoldIt first = std::upper_bound(o->holds.begin(), o->holds.end(), w.t0, by_t0);
        HoldIt last = std::upper_bound(first, o->holds.end(), w.t1, by_t0);

        std::size_t n = 0;
        std::int64_t crossed = 0;
        if (static_cast<std::size_t>(last - first) >= kStarvationOvertakes) {
            auto [slot, fresh] = asked.try_emplace(target);
            if (fresh)
                slot->second = asked_at(*o);
            n = overtakes(w, first, last, slot->second, crossed);
        }
        std::optional<Group> group;
        if (n < kStarvationOvertakes) {
            n = 0;
            if (w.reason == WaitReason::Lock && o->kind == ObjectKind::Lock)
                group = group_hold(w, *o, last, sum);
            if (!group)
                continue;
        }
        Starved& f = found[{w.object, w.lane}];
        ++f.waits;
        if (w.duration() > f.longest) {
            f.lane = w.lane;
            f.object = w.object;
            f.counted = target;
            f.longest = w.duration();
            f.overtakes = n;
            f.group = group ? group->hold : nullptr;
            f.companion = group ? group->companion : 0;
            f.entries = group ? group->entries : 0;
            f.t_ns = std::max(crossed, w.t0 + min_wait);
        }
    }

    for (const auto& [key, f] : found) {
        Diagnostic d;
        d.kind = "starvation";
        d.lanes = {f.lane};
        d.objects = {f.object};
        if (f.counted != f.object)
            d.objects.push_back(f.counted);
        d.t_ns = f.t_ns;
        d.message = "starvation: " + lane_name(s, f.lane) + " waited " + duration_text(f.longest) +
                    " (" + percent_text(static_cast<double>(f.longest) / static_cast<double>(run)) +
                    " of the run) on " + kind_label_of(s, f.object) + " " +
                    quoted_name(s, f.object);
        if (f.group && f.companion == 0)
            d.message += " while other lanes kept it among themselves (taken by " +
                         lane_name(s, f.group->lane) + ", freed by " +
                         lane_name(s, f.group->released_by) + ")";
        else if (f.group)
            d.message += " while " + lane_name(s, f.group->lane) +
                         " kept it for a group: other lanes took " + quoted_name(s, f.companion) +
                         ", which " + lane_name(s, f.group->lane) +
                         " also took while holding it, " + times_text(f.entries);
        else
            d.message += " while lanes that came after it " +
                         (f.counted == f.object ? std::string("got it")
                                                : "took its lock " + quoted_name(s, f.counted)) +
                         " " + times_text(f.overtakes);
        if (f.waits > 1)
            d.message += " (" + std::to_string(f.waits) + " such waits)";
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace il::analysis
