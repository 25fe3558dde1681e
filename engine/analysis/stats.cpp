#include "analysis/stats.h"

#include <algorithm>

namespace il::analysis {

using trace::Kind;
using trace::ObjectKind;
using trace::WaitReason;

namespace {

double pct(std::size_t part, std::size_t whole) {
    return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::vector<LaneStats> lane_stats(const trace::Snapshot& snapshot,
                                  const std::vector<WaitSpan>& waits,
                                  const std::vector<LaneTimeline>& timelines) {
    std::vector<LaneStats> out(timelines.size());
    for (std::size_t i = 0; i < timelines.size(); ++i) {
        LaneStats& s = out[i];
        s.lane = timelines[i].lane;
        for (const StateInterval& iv : timelines[i].intervals)
            s.time_ns[static_cast<int>(iv.state)] += iv.duration();
        for (int st = 0; st < kLaneStateCount; ++st)
            if (st != static_cast<int>(LaneState::NotStarted) &&
                st != static_cast<int>(LaneState::Done))
                s.alive_ns += s.time_ns[st];
        s.utilisation = s.alive_ns > 0 ? static_cast<double>(s.time(LaneState::Running)) /
                                             static_cast<double>(s.alive_ns)
                                       : 0.0;
    }
    auto slot = [&](trace::LaneId lane) -> LaneStats* {
        return lane >= 1 && lane <= out.size() ? &out[lane - 1] : nullptr;
    };
    for (const WaitSpan& w : waits)
        if (LaneStats* s = slot(w.lane))
            ++s->waits;
    for (const trace::Record& r : snapshot.records)
        if (r.kind == Kind::SleepBegin)
            if (LaneStats* s = slot(r.lane))
                ++s->sleeps;
    return out;
}

// Finished durations of the waits in `waits` with this reason.
std::vector<std::int64_t> wait_durations(const std::vector<WaitSpan>& waits, WaitReason reason) {
    std::vector<std::int64_t> d;
    for (const WaitSpan& w : waits)
        if (!w.open() && w.reason == reason)
            d.push_back(w.duration());
    return d;
}

void count_acquisitions(const ObjectOwnership& o, std::size_t& acquisitions,
                        std::size_t& contended) {
    acquisitions = o.holds.size();
    contended = static_cast<std::size_t>(std::count_if(
        o.holds.begin(), o.holds.end(), [](const HoldInterval& h) { return h.waited; }));
}

} // namespace

Stats statistics(const trace::Snapshot& snapshot, const std::vector<WaitSpan>& waits,
                 const std::vector<LaneTimeline>& timelines,
                 const std::vector<ObjectOwnership>& owners,
                 const std::vector<LevelSeries>& levels) {
    Stats st;
    st.lanes = lane_stats(snapshot, waits, timelines);

    for (const ObjectOwnership& o : owners) {
        if (o.counting) {
            SemaphoreStats s;
            s.object = o.object;
            s.kind = o.kind;
            if (const trace::ObjectInfo* info = snapshot.object(o.object))
                s.capacity = info->capacity;
            count_acquisitions(o, s.acquisitions, s.contended);
            s.contended_pct = pct(s.contended, s.acquisitions);
            s.wait = distribution(wait_durations(o.waits, WaitReason::Semaphore));
            s.min_free = s.capacity;
            for (const LevelSeries& l : levels)
                if (l.object == o.object)
                    s.min_free = l.min;
            st.semaphores.push_back(std::move(s));
        } else {
            LockStats s;
            s.object = o.object;
            s.kind = o.kind;
            count_acquisitions(o, s.acquisitions, s.contended);
            s.contended_pct = pct(s.contended, s.acquisitions);
            s.wait = distribution(wait_durations(o.waits, WaitReason::Lock));
            std::vector<std::int64_t> holds;
            holds.reserve(o.holds.size());
            for (const HoldInterval& h : o.holds)
                if (!h.open())
                    holds.push_back(h.duration());
            s.hold = distribution(std::move(holds));
            st.locks.push_back(std::move(s));
        }
    }

    // Queues: counts from the records, waits grouped per queue, fill from levels.
    std::vector<std::int32_t> slot(snapshot.objects.size(), -1);
    for (const LevelSeries& l : levels) {
        if (l.kind != ObjectKind::Queue)
            continue;
        slot[l.object] = static_cast<std::int32_t>(st.queues.size());
        QueueStats q;
        q.object = l.object;
        q.capacity = l.capacity;
        q.max_fill = l.max;
        q.mean_fill = l.mean;
        q.time_full_ns = l.time_full_ns;
        q.time_empty_ns = l.time_empty_ns;
        st.queues.push_back(q);
    }
    for (const trace::Record& r : snapshot.records) {
        if (r.object >= slot.size() || slot[r.object] < 0)
            continue;
        QueueStats& q = st.queues[slot[r.object]];
        q.puts += r.kind == Kind::Put;
        q.gets += r.kind == Kind::Get;
    }
    std::vector<std::vector<std::int64_t>> gets(st.queues.size()), puts(st.queues.size());
    for (const WaitSpan& w : waits) {
        if (w.open() || w.object >= slot.size() || slot[w.object] < 0)
            continue;
        if (w.reason == WaitReason::QueueGet)
            gets[slot[w.object]].push_back(w.duration());
        else if (w.reason == WaitReason::QueuePut)
            puts[slot[w.object]].push_back(w.duration());
    }
    for (std::size_t i = 0; i < st.queues.size(); ++i) {
        st.queues[i].get_wait = distribution(std::move(gets[i]));
        st.queues[i].put_wait = distribution(std::move(puts[i]));
    }
    return st;
}

Summary analyze(const trace::Snapshot& snapshot) {
    // Each result is trimmed to its size as soon as it is made: vectors grown
    // by doubling hold up to twice what they need, and a 10-million-event
    // Summary must stay within what the views can afford.
    Summary s;
    s.range = time_range(snapshot);
    s.flows = flows(snapshot);
    s.flows.shrink_to_fit();
    s.waits = wait_spans(snapshot, s.flows);
    s.waits.shrink_to_fit();
    s.timelines = lane_timelines(snapshot, s.waits);
    for (LaneTimeline& t : s.timelines)
        t.intervals.shrink_to_fit();
    s.ownership = ownership(snapshot, s.waits);
    for (ObjectOwnership& o : s.ownership) {
        o.holds.shrink_to_fit();
        o.waits.shrink_to_fit();
    }
    s.levels = levels(snapshot);
    for (LevelSeries& l : s.levels)
        l.points.shrink_to_fit();
    s.stats = statistics(snapshot, s.waits, s.timelines, s.ownership, s.levels);
    s.loops = loop_runs(snapshot);
    return s;
}

const LaneTimeline* Summary::timeline(trace::LaneId lane) const {
    return lane >= 1 && lane <= timelines.size() ? &timelines[lane - 1] : nullptr;
}

namespace {
template <class T> const T* find_by_object(const std::vector<T>& v, trace::ObjectId id) {
    auto it = std::lower_bound(v.begin(), v.end(), id,
                               [](const T& x, trace::ObjectId y) { return x.object < y; });
    return it != v.end() && it->object == id ? &*it : nullptr;
}
} // namespace

const LoopLane* Summary::loop_of(trace::LaneId lane) const {
    auto it = std::lower_bound(loops.begin(), loops.end(), lane,
                               [](const LoopLane& l, trace::LaneId v) { return l.loop < v; });
    return it != loops.end() && it->loop == lane ? &*it : nullptr;
}

const ObjectOwnership* Summary::ownership_of(trace::ObjectId object) const {
    return find_by_object(ownership, object);
}

const LevelSeries* Summary::level_of(trace::ObjectId object) const {
    return find_by_object(levels, object);
}

} // namespace il::analysis
