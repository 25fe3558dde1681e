// What a parent tells a worker at start: the task, its arguments, its lane,
// its trace buffer and its IPC objects. Written into a memfd the child reads
// once (no size limit, unlike argv). Plain values.
#pragma once

#include "process/shareable.h"
#include "trace/record.h"

#include <string>
#include <vector>

namespace il::process::detail {

struct Boot {
    std::string task;
    trace::LaneId lane = 0;
    trace::ObjectId lane_object = 0;
    int trace_fd = -1; // in the child
    std::vector<std::string> args;
    std::vector<Shareable> objects; // fds: the child's numbers
};

// An empty memfd (O_CLOEXEC) for the start data. Throws ProcessError.
int make_boot_fd();
// Writes `boot` into that memfd. Throws ProcessError.
void write_boot(int fd, const Boot& boot);
// Reads and closes `fd`. Throws ProcessError / WireError.
Boot read_boot(int fd);

} // namespace il::process::detail
