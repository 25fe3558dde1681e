// A run that stopped making progress: every live lane blocked and nothing
// recorded for a while. The run's monitor asks is_stalled() once no record
// arrived for its quiet period, and reports stall_diagnostic().
// Pure functions of a WaitForGraph (read-only; the caller owns the graph).
#pragma once

#include "analysis/diagnostic.h"
#include "analysis/wait_for_graph.h"

#include <cstdint>
#include <string>

namespace il::analysis {

// True when at least one lane is blocked and every live lane is blocked on
// something only another lane can end: no lane is running, sleeping (it will
// wake by itself), waiting for I/O (the outside world may answer) or for the
// GIL (someone holds it and runs). A lane that is neither blocked nor
// sleeping may be computing without recording anything, so it keeps the run
// "not stalled" however long the quiet lasts: this rule never calls slow
// work stuck, at the price of missing a lane stuck in an unrecorded loop.
// A timed wait looks like any other wait: a quiet period shorter than a
// scenario's timeouts could call it stuck (the monitor's default is 3 s).
bool is_stalled(const WaitForGraph& graph);

// kind "stall": "no progress for 3.0 s: consumer-1 waits on queue 'jobs'
// (get), main waits to join consumer-1". lanes/objects: every blocked lane
// and what it waits on, by lane id. t_ns: the last record fed (the last
// progress), or now_ns - quiet_ns before any record.
Diagnostic stall_diagnostic(const WaitForGraph& graph, std::int64_t now_ns, std::int64_t quiet_ns);

// "waits on queue 'jobs' (get)", "waits for lock 'l' held by worker-2",
// "waits to join worker-1": one blocked lane's wait, for messages and views.
std::string describe_wait(const WaitForGraph& graph, const BlockedLane& b);

} // namespace il::analysis
