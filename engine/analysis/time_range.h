// The time span every analysis result covers: from the start of recording
// (or the first record, if earlier) to the snapshot's end (or the last record,
// if later), so hand-made snapshots without start/end still make sense.
// Pure function of a snapshot; no state.
#pragma once

#include "trace/snapshot.h"

#include <algorithm>
#include <cstdint>

namespace il::analysis {

struct TimeRange {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::int64_t length() const { return end - begin; }
};

inline TimeRange time_range(const trace::Snapshot& s) {
    TimeRange r{s.start_ns, std::max(s.start_ns, s.end_ns)};
    if (!s.records.empty()) {
        r.begin = std::min(r.begin, s.records.front().t_ns);
        r.end = std::max(r.end, s.records.back().t_ns);
    }
    return r;
}

} // namespace il::analysis
