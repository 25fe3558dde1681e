// posix_spawn of the worker executable with an explicit set of descriptors.
//
// Every descriptor the runtime opens is O_CLOEXEC, so a child gets exactly
// the ones listed here (dup2'ed to the listed numbers) and stdin/out/err.
// Spawns run on one long-lived thread of the process: the worker's
// PR_SET_PDEATHSIG fires when the *thread* that spawned it ends, and lanes
// that start processes may end long before those processes do.
// Thread-safe.
#pragma once

#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace il::process::detail {

struct SpawnRequest {
    std::string path;
    std::vector<std::string> argv;        // argv[0] included
    std::vector<std::pair<int, int>> fds; // (descriptor here, number in the child)
};

// The child's pid. Throws ProcessError naming the executable and the reason.
pid_t spawn(const SpawnRequest& request);

// The smallest descriptor number above every one in `fds` and above 2: child
// numbers from there up never overwrite a descriptor still to be copied.
int first_free_child_fd(const std::vector<int>& fds);

} // namespace il::process::detail
