// One immutable picture of a run for the views: its trace snapshot, the
// analysis of it, and (once over) the outcome. Shared read-only between the
// GUI thread and whoever built it; never modified after it is published.
#pragma once

#include "analysis/stats.h"
#include "scenario/runner.h"
#include "trace/snapshot.h"

#include <memory>
#include <string>

namespace il::ui {

struct RunData {
    std::string scenario; // id
    std::string params;   // "name=value ..." as the user chose them
    trace::Snapshot snapshot;
    // analyze(snapshot), with every diagnostic (live monitor + post-run
    // findings) in summary.diagnostics, by time.
    analysis::Summary summary;
    bool live = false; // the run is still going: a later RunData will replace this one
    // Meaningful once !live.
    scenario::RunStatus status = scenario::RunStatus::Finished;
    scenario::Outcome outcome;
    std::string error;
    std::int64_t duration_ns = 0;
    std::int64_t cpu_ns = 0;
    // What the run was given and what the live monitor found, kept so the
    // run can be saved as it was (summary.diagnostics adds later findings).
    scenario::Params typed_params;
    std::vector<analysis::Diagnostic> live_diagnostics;
};

using RunDataPtr = std::shared_ptr<const RunData>;

// Builds the RunData of a finished run (analysis included). Slow for big
// traces: call it off the GUI thread.
RunDataPtr make_run_data(scenario::RunResult result, std::string params);
// Gives the heap pages an analysis freed back to the system (glibc keeps
// them otherwise: analysing 10 million events leaves ~150 MB of them).
// make_run_data calls it; costs a few ms.
void release_unused_memory();
// A finished run as the engine would have returned it (to save it).
scenario::RunResult run_result_of(const RunData& data);
// "name=value" of each typed parameter, and the same joined by spaces (an
// opened run's parameters for the form and the title).
std::vector<std::string> assignments_of(const scenario::Params& params);
std::string params_text(const scenario::Params& params);
// Of a snapshot taken while the run goes on (live diagnostics so far).
RunDataPtr make_live_data(std::string scenario, std::string params, trace::Snapshot snapshot,
                          std::vector<analysis::Diagnostic> live_diagnostics);

} // namespace il::ui
