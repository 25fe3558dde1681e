// `interleave run`: validates parameters, runs the scenario with Ctrl-C and
// --timeout wired to its stop, writes the requested files, prints the report.
#pragma once

#include "args.h"

#include "scenario/scenario.h"

namespace il::cli {

// Blocks SIGINT and SIGTERM in the calling thread (call first thing in main).
void block_stop_signals();
// Returns the process exit status.
int run_command(const scenario::Scenario& scenario, const Args& args);

} // namespace il::cli
