// `interleave open FILE.ilrun`: a saved run's report and files, as `run`
// would have written them.
#pragma once

#include "args.h"

namespace il::cli {

// Returns the exit status (see run_output.h); a file that is not a saved
// run, or cannot be read, throws InputError (exit status 2).
int open_command(const Args& args);

} // namespace il::cli
