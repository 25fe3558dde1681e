// Findings about event loops and their tasks, exact because the loop
// records every resumption (coro::Loop): Resume .. Suspend on the loop's
// lane brackets the time one task had the loop to itself.
// Pure functions of a Snapshot; results are plain values.
#pragma once

#include "analysis/diagnostic.h"
#include "trace/snapshot.h"

#include <cstdint>
#include <vector>

namespace il::analysis {

// A task that keeps the loop this long between two awaits blocks every
// other task. asyncio's debug mode warns at 100 ms; a healthy coroutine
// step takes microseconds, and 50 ms stays clear of a loaded machine
// preempting the loop thread for a few scheduler ticks.
inline constexpr std::int64_t kLoopBlockedNs = 50'000'000;

// One Resume .. Suspend span longer than the threshold.
struct LoopBlock {
    trace::LaneId loop_lane = 0;
    trace::LaneId task_lane = 0;
    std::int64_t t0 = 0; // Resume
    std::int64_t t1 = 0; // Suspend (or the snapshot's end while it still runs)
    // Other tasks of that loop that became ready before t1 and were resumed
    // only after it (ready: the cause that ended their wait, their sleep's
    // due time, or their yield), and the longest such delay.
    std::vector<trace::LaneId> delayed;
    std::int64_t max_delay_ns = 0;

    std::int64_t duration() const { return t1 - t0; }
};

// Every span of every loop lane longer than `threshold_ns`, in time order. O(n log n).
std::vector<LoopBlock> loop_blocks(const trace::Snapshot& snapshot,
                                   std::int64_t threshold_ns = kLoopBlockedNs);

// Kinds, each in time order:
//  * "loop_blocked": one per LoopBlock: "task 'blocker' blocked the event
//    loop 'event loop' for 180 ms; 3 other tasks were ready and waited (up
//    to 175 ms)". lanes: the task, the loop lane, the delayed tasks;
//    objects: the task's lane object (and the Loop object of that name).
//    t_ns: Resume + threshold (when it became true).
//  * "task_never_finished": a coroutine lane that ran (LaneStart) and ended
//    Abandoned (its loop closed first) or, in a finished snapshot, never
//    ended: "task 'consumer-2' never finished: it was still waiting on
//    queue 'jobs' (queue_get) when its loop closed". t_ns: that moment.
//  * "task_never_awaited": a coroutine lane that ended Abandoned without
//    ever running: "coroutine 'fetch-3' was never awaited ...".
std::vector<Diagnostic> find_loop_issues(const trace::Snapshot& snapshot,
                                         std::int64_t threshold_ns = kLoopBlockedNs);

} // namespace il::analysis
