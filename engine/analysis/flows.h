// Cause -> effect edges of a trace (the arrows a timeline draws): every effect
// record whose token names a cause record on the same object. Pure functions;
// results are plain values.
#pragma once

#include "analysis/record_index.h"

#include "trace/snapshot.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace il::analysis {

// Named after the pair of record kinds; decided by the cause's kind.
enum class FlowKind : std::uint8_t {
    ReleaseAcquire, // a lock or semaphore handed over
    NotifyWake,     // Condition.notify woke a waiter
    SetWake,        // an Event / Future / Barrier trip woke a waiter
    PutGet,         // an item went through a queue
    LaneEndJoined,  // join() returned because the lane ended (or an awaited task finished)
    SendReceive,    // a message went from one process to another
};

struct Flow {
    RecordIndex from = 0; // index of the cause record in Snapshot::records
    RecordIndex to = 0;   // index of the effect record
    FlowKind kind = FlowKind::ReleaseAcquire;
    // The effect lane was waiting when the cause came (a WaitBegin on that
    // object right before the effect, or the effect recorded inside a wait):
    // a handoff. Otherwise it found the thing free (or ready) and took it.
    bool handoff = false;
};

// All edges, sorted by `to`. Effects with token 0 and tokens with no cause
// record (dropped, or a malformed trace) have none. O(n log n).
std::vector<Flow> flows(const trace::Snapshot& snapshot);

// The edge that ends at record `effect`, or nullptr. `edges` sorted by `to`.
const Flow* flow_to(const std::vector<Flow>& edges, std::size_t effect);

std::string_view flow_kind_name(FlowKind k);

} // namespace il::analysis
