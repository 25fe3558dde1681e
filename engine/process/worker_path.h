// Where the worker executable (interleave-worker) is, for any parent: the
// CLI, the GUI, tests and benchmarks. Thread-safe.
#pragma once

#include <string>

namespace il::process {

// The first that exists and is executable: $INTERLEAVE_WORKER, then
// interleave-worker next to this executable (/proc/self/exe), then the path
// the build put it at. Throws ProcessError naming every place tried.
std::string worker_path();

} // namespace il::process
