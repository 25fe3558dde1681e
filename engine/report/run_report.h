// A finished run as the CLI reports it: a readable summary and one JSON
// object. Readers of the RunResult and its analysis; nothing here runs.
#pragma once

#include "analysis/stats.h"
#include "scenario/runner.h"

#include <nlohmann/json.hpp>

#include <string>

namespace il::report {

// The one derivation of a run every reader uses: analysis::analyze() of its
// trace, with the diagnostics the live monitor found (deadlocks, stalls)
// and those only a finished trace shows (starvation, convoys, herds, lost
// updates), in time order, each finding once.
analysis::Summary summarize(const scenario::RunResult& result);

// `summary` must be summarize(result).
// Keys: scenario, params, status, outcome {ok, message, ...the scenario's
// values}, duration_ns, events, dropped, budget, lanes, diagnostics, stats.
nlohmann::ordered_json run_json(const scenario::RunResult& result,
                                const analysis::Summary& summary);

// Outcome, duration, events recorded and dropped, lanes, the most contended
// locks, semaphores and queue levels, diagnostics.
std::string run_text(const scenario::RunResult& result, const analysis::Summary& summary);

// The statistics alone (the "stats" key of run_json).
nlohmann::ordered_json stats_json(const trace::Snapshot& snapshot,
                                  const analysis::Summary& summary);

} // namespace il::report
