// Small wording helpers shared by the analyses that write messages for
// people (stall, liveness). Pure functions.
#pragma once

#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace il::analysis {

// A duration the way a person reads it: "3.0 s", "250 ms", "1.3 ms", "12 us",
// "800 ns".
std::string duration_text(std::int64_t ns);

// "38%": a share 0..1 as a whole percentage.
std::string percent_text(double share);

// "1 time", "12 times".
std::string times_text(std::size_t n);

// "lock", "RLock", "bounded semaphore", "queue", ...: what a person calls it.
std::string kind_label(trace::ObjectKind kind);
// The same for an object of a snapshot ("object" when unknown).
std::string kind_label_of(const trace::Snapshot& s, trace::ObjectId id);

// The registry name, or "lane 7" when it has none.
std::string lane_name(const trace::Snapshot& s, trace::LaneId id);
// "'jobs'": the registry name in quotes, or "'object 12'".
std::string quoted_name(const trace::Snapshot& s, trace::ObjectId id);

} // namespace il::analysis
