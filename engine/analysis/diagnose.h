// Every finding about a trace in one list: deadlocks (wait_for_graph.h)
// and liveness issues (liveness.h), the run's `diagnostics`.
// Pure function; the result is a plain value.
#pragma once

#include "analysis/diagnostic.h"
#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <vector>

namespace il::analysis {

// find_deadlocks + find_liveness_issues, sorted by t_ns (ties keep that
// order), without duplicates (same kind, lanes and objects in any order:
// one deadlock cycle is one finding). `summary` must be analyze(snapshot).
std::vector<Diagnostic> diagnose(const trace::Snapshot& snapshot, const Summary& summary);

// Two reports of one finding: the same kind over the same lanes and objects,
// in any order (a cycle may be written from any of its lanes).
bool same_finding(const Diagnostic& a, const Diagnostic& b);

} // namespace il::analysis
