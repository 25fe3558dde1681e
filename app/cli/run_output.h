// What `run` and `open` do with a finished run: write the files asked for
// (--trace, --csv, --chart, --save) and print the report. Shared so a saved
// run gives the same files and summary as the run that made it.
#pragma once

#include "args.h"

#include "scenario/runner.h"

namespace il::cli {

// Returns the exit status: 0 the outcome holds and every file was written,
// 1 otherwise. A file that cannot be written is reported on stderr and the
// others are still written.
int write_and_report(const scenario::RunResult& result, const Args& args);

} // namespace il::cli
