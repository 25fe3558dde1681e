#include "analysis/states.h"

#include "analysis/time_range.h"

#include <algorithm>
#include <cstdint>

namespace il::analysis {

using trace::Kind;
using trace::Record;

namespace {

struct Current {
    LaneState state = LaneState::NotStarted;
    trace::WaitReason reason{};
    trace::ObjectId object = 0;
    bool operator==(const Current&) const = default;
};

// One lane's walk through its records.
struct LaneWalk {
    bool started = false;
    bool ended = false;
    bool sleeping = false;
    std::int64_t sleep_due = 0;      // when the current sleep was asked to end
    std::vector<std::uint32_t> open; // wait spans, innermost last
    Current cur;
    std::int64_t since = 0;
};

void emit(LaneTimeline& tl, const Current& c, std::int64_t t0, std::int64_t t1) {
    if (t1 <= t0)
        return;
    if (!tl.intervals.empty()) {
        StateInterval& last = tl.intervals.back();
        if (last.t1 == t0 && last.state == c.state && last.reason == c.reason &&
            last.object == c.object) {
            last.t1 = t1;
            return;
        }
    }
    tl.intervals.push_back({t0, t1, c.state, c.reason, c.object});
}

Current derive(const LaneWalk& w, const std::vector<WaitSpan>& spans) {
    if (w.ended)
        return {LaneState::Done, {}, 0};
    if (!w.started)
        return {LaneState::NotStarted, {}, 0};
    if (!w.open.empty()) {
        const WaitSpan& s = spans[w.open.back()];
        LaneState st = s.reason == trace::WaitReason::Gil ? LaneState::Ready : LaneState::Blocked;
        return {st, s.reason, s.object};
    }
    if (w.sleeping)
        return {LaneState::Sleeping, {}, 0};
    return {LaneState::Running, {}, 0};
}

void move_to(LaneTimeline& tl, LaneWalk& w, const Current& next, std::int64_t t) {
    if (next == w.cur)
        return;
    t = std::max(t, w.since);
    emit(tl, w.cur, w.since, t);
    w.cur = next;
    w.since = t;
}

} // namespace

std::vector<LaneTimeline> lane_timelines(const trace::Snapshot& snapshot,
                                         const std::vector<WaitSpan>& waits) {
    const std::vector<Record>& records = snapshot.records;
    const TimeRange range = time_range(snapshot);
    const std::size_t lane_count = snapshot.lanes.size();

    std::vector<LaneTimeline> out(lane_count > 0 ? lane_count - 1 : 0);
    std::vector<LaneWalk> walks(lane_count);
    for (std::size_t l = 1; l < lane_count; ++l) {
        out[l - 1].lane = static_cast<trace::LaneId>(l);
        walks[l].since = range.begin;
    }

    // Spans in WaitEnd order, to find the span a WaitEnd closes while walking.
    std::vector<std::uint32_t> by_end;
    by_end.reserve(waits.size());
    for (std::size_t k = 0; k < waits.size(); ++k)
        if (!waits[k].open())
            by_end.push_back(static_cast<std::uint32_t>(k));
    std::sort(by_end.begin(), by_end.end(),
              [&](std::uint32_t x, std::uint32_t y) { return waits[x].end < waits[y].end; });
    std::size_t next_begin = 0, next_end = 0;

    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (r.lane == 0 || r.lane >= lane_count)
            continue;
        LaneWalk& w = walks[r.lane];
        LaneTimeline& tl = out[r.lane - 1];
        w.started = true;
        switch (r.kind) {
        case Kind::LaneEnd:
            w.ended = true;
            break;
        case Kind::SleepBegin:
            w.sleeping = true;
            w.sleep_due = r.a > 0 ? r.t_ns + r.a : INT64_MAX;
            break;
        case Kind::SleepEnd:
            // Slept past its due time: the rest waited for a CPU, or for its
            // event loop to come back to it (a coroutine's sleep).
            if (w.cur.state == LaneState::Sleeping && w.sleep_due < r.t_ns)
                move_to(tl, w, {LaneState::Ready, {}, 0}, w.sleep_due);
            w.sleeping = false;
            break;
        case Kind::WaitBegin:
            while (next_begin < waits.size() && waits[next_begin].begin < i)
                ++next_begin;
            if (next_begin < waits.size() && waits[next_begin].begin == i)
                w.open.push_back(static_cast<std::uint32_t>(next_begin));
            break;
        case Kind::WaitEnd: {
            while (next_end < by_end.size() && waits[by_end[next_end]].end < i)
                ++next_end;
            if (next_end == by_end.size() || waits[by_end[next_end]].end != i)
                break;
            std::uint32_t k = by_end[next_end];
            auto it = std::find(w.open.begin(), w.open.end(), k);
            if (it == w.open.end())
                break;
            const WaitSpan& s = waits[k];
            // Woken before WaitEnd: the rest of the span is wake-up latency.
            if (k == w.open.back() && w.cur.state == LaneState::Blocked && s.ready_ns < s.t1)
                move_to(tl, w, {LaneState::Ready, s.reason, s.object}, s.ready_ns);
            w.open.erase(it);
            break;
        }
        default:
            break;
        }
        move_to(tl, w, derive(w, waits), r.t_ns);
    }

    for (std::size_t l = 1; l < lane_count; ++l) {
        LaneWalk& w = walks[l];
        if (w.cur.state == LaneState::Sleeping && w.sleep_due < range.end)
            move_to(out[l - 1], w, {LaneState::Ready, {}, 0}, w.sleep_due);
        emit(out[l - 1], w.cur, w.since, range.end);
    }
    return out;
}

std::vector<LaneTimeline> lane_timelines(const trace::Snapshot& snapshot) {
    return lane_timelines(snapshot, wait_spans(snapshot));
}

const StateInterval* state_at(const LaneTimeline& timeline, std::int64_t t) {
    const auto& v = timeline.intervals;
    auto it = std::upper_bound(v.begin(), v.end(), t,
                               [](std::int64_t x, const StateInterval& s) { return x < s.t0; });
    if (it == v.begin())
        return nullptr;
    --it;
    // The end of the last interval still answers, so a playhead parked at
    // the end of a live trace shows the current states.
    bool last = std::next(it) == v.end();
    return t < it->t1 || (last && t == it->t1) ? &*it : nullptr;
}

std::string_view lane_state_name(LaneState s) {
    switch (s) {
    case LaneState::NotStarted:
        return "not_started";
    case LaneState::Running:
        return "running";
    case LaneState::Ready:
        return "ready";
    case LaneState::Blocked:
        return "blocked";
    case LaneState::Sleeping:
        return "sleeping";
    case LaneState::Done:
        return "done";
    }
    return "unknown";
}

} // namespace il::analysis
