// An immutable, time-ordered copy of a trace: the only thing analysis,
// exporters and views ever read. Plain values; can be built by hand in tests.
#pragma once

#include "trace/record.h"
#include "trace/registry.h"

#include <cstdint>
#include <vector>

namespace il::trace {

struct Snapshot {
    std::vector<Record> records;     // ordered by t_ns (ties keep recording order)
    std::vector<LaneInfo> lanes;     // index == LaneId; [0] is a placeholder
    std::vector<ObjectInfo> objects; // index == ObjectId; [0] is a placeholder
    std::int64_t start_ns = 0;       // when recording began (CLOCK_MONOTONIC)
    std::int64_t end_ns = 0;         // when this snapshot was taken or the run ended
    std::uint64_t dropped = 0;       // records lost to the event budget
    std::uint64_t budget = 0;        // the session's event budget
    bool finished = false;           // the run is over; nothing more will be recorded

    const ObjectInfo* object(ObjectId id) const {
        return id > 0 && id < objects.size() ? &objects[id] : nullptr;
    }
    const LaneInfo* lane(LaneId id) const {
        return id > 0 && id < lanes.size() ? &lanes[id] : nullptr;
    }
};

} // namespace il::trace
