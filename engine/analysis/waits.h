// Blocked spans: every WaitBegin paired with its lane's WaitEnd on the same
// object, with what ended the wait and when the waiter was woken. Lane
// states, lock waiter queues and wait-time statistics all read these.
// Pure functions; results are plain values.
#pragma once

#include "analysis/record_index.h"

#include "analysis/flows.h"
#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::analysis {

struct WaitSpan {
    static constexpr RecordIndex npos = kNoRecordIndex;

    trace::LaneId lane = 0;
    trace::ObjectId object = 0;
    trace::WaitReason reason{};
    trace::WaitResult result = trace::WaitResult::Ok; // Ok while still open
    std::int32_t awaited = 0;                         // WaitBegin.b
    std::int64_t t0 = 0;                              // WaitBegin
    std::int64_t t1 = 0; // WaitEnd, or the end of the snapshot while still waiting
    // When the cause that ended the wait happened (inside [t0, t1]), else t1.
    // [ready_ns, t1) is wake-up latency: woken, not yet running.
    std::int64_t ready_ns = 0;
    RecordIndex begin = 0;     // record index of WaitBegin
    RecordIndex end = npos;    // record index of WaitEnd; npos while still waiting
    RecordIndex effect = npos; // the lane's Acquire/Wake/Get/Joined that ended the wait
    RecordIndex cause = npos;  // the record that caused `effect` (flows), if any

    bool open() const { return end == npos; }
    std::int64_t duration() const { return t1 - t0; }
};

// All spans in WaitBegin order. A wait's effect is the lane's effect record on
// the waited object inside the span (a Wake just before WaitEnd) or among the
// effect records right after WaitEnd (an Acquire); failing both, any effect
// inside the span. Only successful waits (WaitResult::Ok) have one.
// `edges` must be flows(snapshot). O(n + w log n) for w waits.
std::vector<WaitSpan> wait_spans(const trace::Snapshot& snapshot, const std::vector<Flow>& edges);
std::vector<WaitSpan> wait_spans(const trace::Snapshot& snapshot);

} // namespace il::analysis
