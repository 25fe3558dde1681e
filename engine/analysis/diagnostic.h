// A finding about a trace that a reader should see (a deadlock cycle, a lost
// update, a starved lane): plain value, produced by analysis, shown by views
// and exported as instant events. Immutable once made; no thread-safety needs.
#pragma once

#include "trace/record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace il::analysis {

struct Diagnostic {
    std::string kind;    // stable, lower-case id, e.g. "deadlock"
    std::string message; // one sentence for people
    std::vector<trace::LaneId> lanes;
    std::vector<trace::ObjectId> objects;
    std::int64_t t_ns = 0; // when it became true (CLOCK_MONOTONIC, like records)
};

} // namespace il::analysis
