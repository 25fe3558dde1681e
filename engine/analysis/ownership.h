// Who holds each lock or semaphore and who waits for it, at every moment:
// derived once from Acquire/Release and the wait spans, then queried at any
// time t by views (the lock view, tooltips) and statistics.
// Pure functions; results are plain values, const queries thread-safe.
#pragma once

#include "analysis/record_index.h"

#include "analysis/interval_index.h"
#include "analysis/waits.h"
#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::analysis {

// One lane holding the object (a lock) or one permit (a semaphore).
struct HoldInterval {
    static constexpr RecordIndex npos = kNoRecordIndex;

    trace::LaneId lane = 0; // who acquired
    std::int64_t t0 = 0;    // Acquire
    std::int64_t t1 = 0;    // Release, or the end of the snapshot while held
    RecordIndex acquire = 0;
    RecordIndex release = npos;    // npos while held
    trace::LaneId released_by = 0; // Python lets any lane release a Lock or a Semaphore
    bool waited = false;           // the Acquire ended a wait of its lane on this object
    std::int32_t max_depth = 1;    // RLock: deepest re-entry during the hold

    bool open() const { return release == npos; }
    std::int64_t duration() const { return t1 - t0; }
};

struct ObjectOwnership {
    trace::ObjectId object = 0;
    trace::ObjectKind kind = trace::ObjectKind::Lock; // Lock, RLock, (Bounded)Semaphore
    bool counting = false;                            // a semaphore: several holders at once
    // Locks: a hold runs from the Acquire that took a free lock to the Release
    // that freed it (for an RLock, depth 0 -> n to n -> 0; re-entries extend it).
    // Semaphores: one hold per permit acquired.
    std::vector<HoldInterval> holds; // by t0
    // Waits on this object with reason Lock or Semaphore, by arrival.
    std::vector<WaitSpan> waits;
    IntervalIndex hold_index; // over holds
    IntervalIndex wait_index; // over waits
};

struct Holder {
    trace::LaneId lane = 0;
    std::int64_t since = 0; // the earliest of its current holds
    std::int32_t count = 1; // permits (semaphore) or re-entry depth bound (RLock)
};

struct Waiter {
    trace::LaneId lane = 0;
    std::int64_t since = 0;
};

// "State of object X at time t".
struct OwnershipState {
    trace::LaneId owner = 0;     // a lock's holder, 0 when free (and for semaphores)
    std::vector<Holder> holders; // by since
    std::vector<Waiter> waiters; // in arrival order: the order they began to wait
};

// One entry per Lock, RLock, Semaphore and BoundedSemaphore object, and per
// object a Condition names as its lock, by object id.
// `waits` must be wait_spans(snapshot). O(n + w log w).
std::vector<ObjectOwnership> ownership(const trace::Snapshot& snapshot,
                                       const std::vector<WaitSpan>& waits);
std::vector<ObjectOwnership> ownership(const trace::Snapshot& snapshot);

// Holders and waiters at t (a hold [t0, t1) contains t; a wait likewise).
OwnershipState state_at(const ObjectOwnership& object, std::int64_t t);

} // namespace il::analysis
