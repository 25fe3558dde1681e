// Starvation: a lane kept waiting on a lock, a semaphore or a condition
// while other lanes got it again and again (or a group kept it). One part of
// find_liveness_issues (liveness.h), whose header holds the thresholds.
// Pure function; results are plain values.
#pragma once

#include "analysis/diagnostic.h"
#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <vector>

namespace il::analysis {

// The "starvation" findings of find_liveness_issues, by object then lane.
// `summary` must be analyze(snapshot).
std::vector<Diagnostic> find_starvation(const trace::Snapshot& snapshot, const Summary& summary);

} // namespace il::analysis
