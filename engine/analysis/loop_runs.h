// Which coroutine an event loop ran when: the loop lane's Resume .. Suspend
// pairs (trace/record.h), so the timeline can say what the loop thread is
// doing and the loop diagnostics can measure how long a step held the loop.
// Pure functions; results are plain values.
#pragma once

#include "analysis/record_index.h"
#include "trace/snapshot.h"

#include <cstdint>
#include <vector>

namespace il::analysis {

// One step of one coroutine on the loop: from Resume to the matching Suspend.
struct LoopRun {
    std::int64_t t0 = 0;
    std::int64_t t1 = 0;    // exclusive; the snapshot's end if it never suspended
    trace::LaneId task = 0; // the coroutine's lane
    bool finished = false;  // the coroutine returned in this step
    bool open = false;      // no Suspend yet: still running at the snapshot's end
    RecordIndex resume = 0; // the Resume record, in Snapshot::records

    std::int64_t duration() const { return t1 - t0; }
};

// Every step a loop lane ran, in time order (steps never overlap: one loop
// runs one coroutine at a time).
struct LoopLane {
    trace::LaneId loop = 0;
    std::vector<LoopRun> runs;
};

// One entry per lane that recorded a Resume, sorted by lane id. A Resume
// whose object is not a lane's object is ignored (a malformed trace). O(n).
std::vector<LoopLane> loop_runs(const trace::Snapshot& snapshot);

// The step running at t on that loop, or nullptr between steps. O(log n).
const LoopRun* run_at(const LoopLane& loop, std::int64_t t);

} // namespace il::analysis
