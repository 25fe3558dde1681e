// `interleave run`: validates parameters, runs the scenario with Ctrl-C and
// --timeout wired to its stop, then writes the requested files and prints the
// report (run_output.h).
#pragma once

#include "args.h"

#include "scenario/scenario.h"

namespace il::cli {

// Returns the process exit status.
int run_command(const scenario::Scenario& scenario, const Args& args);

} // namespace il::cli
