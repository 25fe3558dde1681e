// `interleave sweep ID PARAM=FROM..TO[:STEP]`: runs the scenario over the
// range (R repeats each), progress on stderr, then the table (or --json),
// --csv and --chart files.
#pragma once

#include "args.h"

#include "scenario/scenario.h"

namespace il::cli {

// 0 when every run's outcome held, 1 otherwise (or cancelled with Ctrl-C).
int sweep_command(const scenario::Scenario& scenario, const Args& args);

} // namespace il::cli
