// What each lane was doing at every instant: contiguous state intervals
// derived from its lifecycle, wait and sleep records. Pure functions; results
// are plain values.
#pragma once

#include "analysis/waits.h"
#include "trace/snapshot.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace il::analysis {

enum class LaneState : std::uint8_t {
    NotStarted, // before LaneStart (or before the lane's first record)
    Running,
    Ready,    // wants a CPU (woken, not yet running) or the GIL
    Blocked,  // in a WaitBegin..WaitEnd span (reason, object)
    Sleeping, // SleepBegin..SleepEnd
    Done,     // after LaneEnd
};
inline constexpr int kLaneStateCount = 6;

struct StateInterval {
    std::int64_t t0 = 0;
    std::int64_t t1 = 0; // exclusive
    LaneState state = LaneState::NotStarted;
    // Blocked, and Ready after a wake or for the GIL: the wait this belongs to.
    trace::WaitReason reason{};
    trace::ObjectId object = 0;

    std::int64_t duration() const { return t1 - t0; }
};

struct LaneTimeline {
    trace::LaneId lane = 0;
    // Contiguous, sorted, non-empty intervals covering time_range(snapshot).
    std::vector<StateInterval> intervals;
};

// One timeline per registered lane, index i holding lane i + 1.
//  * NotStarted until LaneStart (a lane without one starts at its first record).
//  * A wait is Blocked(reason, object) until its cause happened, then Ready
//    until WaitEnd (WaitSpan::ready_ns); a wait for the GIL is Ready throughout.
//  * Sleeping between SleepBegin and SleepEnd; past the requested duration
//    (SleepBegin.a) until SleepEnd it is Ready: the sleep is over and the
//    lane waits for a CPU, or for its event loop to resume it. Done from LaneEnd.
//  * Whatever is still open at the end lasts until the snapshot's end.
// `waits` must be wait_spans(snapshot). O(n).
std::vector<LaneTimeline> lane_timelines(const trace::Snapshot& snapshot,
                                         const std::vector<WaitSpan>& waits);
std::vector<LaneTimeline> lane_timelines(const trace::Snapshot& snapshot);

// The interval containing t (the last one also at its end), or nullptr
// outside the timeline. O(log n).
const StateInterval* state_at(const LaneTimeline& timeline, std::int64_t t);

// "not_started", "running", "ready", "blocked", "sleeping", "done".
std::string_view lane_state_name(LaneState s);

} // namespace il::analysis
