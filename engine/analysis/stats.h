// Numbers per lane, lock, semaphore and queue, and `analyze`, the one
// derivation of a snapshot that views, exporters and the CLI all read.
// Pure functions; results are plain values built from std types.
#pragma once

#include "analysis/diagnostic.h"
#include "analysis/distribution.h"
#include "analysis/flows.h"
#include "analysis/levels.h"
#include "analysis/loop_runs.h"
#include "analysis/ownership.h"
#include "analysis/states.h"
#include "analysis/time_range.h"
#include "analysis/waits.h"
#include "trace/snapshot.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::analysis {

struct LaneStats {
    trace::LaneId lane = 0;
    std::array<std::int64_t, kLaneStateCount> time_ns{}; // indexed by LaneState
    std::int64_t alive_ns = 0;                           // every state but NotStarted and Done
    double utilisation = 0;                              // running / alive, 0..1
    std::size_t waits = 0;                               // blocked spans begun (WaitBegin)
    std::size_t sleeps = 0;

    std::int64_t time(LaneState s) const { return time_ns[static_cast<int>(s)]; }
};

// Wait and hold distributions count finished spans only: a wait or hold still
// open at the end of the snapshot has no length yet.
struct LockStats {
    trace::ObjectId object = 0;
    trace::ObjectKind kind = trace::ObjectKind::Lock;
    std::size_t acquisitions = 0; // free -> held (an RLock's re-entries do not count)
    std::size_t contended = 0;    // acquisitions that had to wait
    double contended_pct = 0;     // 0..100
    Distribution wait;            // ns, waits with WaitReason::Lock
    Distribution hold;            // ns, acquisition to release
};

struct SemaphoreStats {
    trace::ObjectId object = 0;
    trace::ObjectKind kind = trace::ObjectKind::Semaphore;
    std::int64_t capacity = 0; // initial permits
    std::size_t acquisitions = 0;
    std::size_t contended = 0;
    double contended_pct = 0;
    Distribution wait; // ns
    std::int64_t min_free = 0;
};

struct QueueStats {
    trace::ObjectId object = 0;
    std::int64_t capacity = 0; // 0 = unbounded
    std::size_t puts = 0;
    std::size_t gets = 0;
    std::int64_t max_fill = 0;
    double mean_fill = 0; // time-weighted
    std::int64_t time_full_ns = 0;
    std::int64_t time_empty_ns = 0;
    Distribution get_wait; // ns, waits with WaitReason::QueueGet
    Distribution put_wait; // ns, waits with WaitReason::QueuePut
};

struct Stats {
    std::vector<LaneStats> lanes; // by lane id
    std::vector<LockStats> locks; // Lock, RLock and Conditions' locks, by object id
    std::vector<SemaphoreStats> semaphores;
    std::vector<QueueStats> queues;
};

Stats statistics(const trace::Snapshot& snapshot, const std::vector<WaitSpan>& waits,
                 const std::vector<LaneTimeline>& timelines,
                 const std::vector<ObjectOwnership>& owners,
                 const std::vector<LevelSeries>& levels);

// Everything derived from one snapshot, computed once.
struct Summary {
    TimeRange range;
    std::vector<Flow> flows;
    std::vector<WaitSpan> waits;
    std::vector<LaneTimeline> timelines; // index i holds lane i + 1
    std::vector<ObjectOwnership> ownership;
    std::vector<LevelSeries> levels;
    Stats stats;
    std::vector<LoopLane> loops; // event loop lanes and the coroutine steps they ran
    // Findings for people (deadlocks, ...). analyze() finds none yet; a
    // detector may append here, and exporters show what is present.
    std::vector<Diagnostic> diagnostics;

    // nullptr when the lane or object has no such entry. O(log n).
    const LaneTimeline* timeline(trace::LaneId lane) const;
    const ObjectOwnership* ownership_of(trace::ObjectId object) const;
    const LevelSeries* level_of(trace::ObjectId object) const;
    const LoopLane* loop_of(trace::LaneId lane) const;
};

// O(n log n) in the number of records.
Summary analyze(const trace::Snapshot& snapshot);

} // namespace il::analysis
