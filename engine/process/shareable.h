// What a child needs to rebuild an IPC object the parent made: the object's
// kind, its numbers (trace object ids, sizes) and its file descriptors.
// Process::start dups the descriptors into the child; there TaskContext hands
// the Shareable (with the child's descriptor numbers) to the object's attach
// constructor `T(Session&, const Shareable&)`. A plain value; the
// descriptors are borrowed from the object, which must outlive start().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace il::process {

struct Shareable {
    std::string kind;               // "queue", "connection", "value", ... (checked on attach)
    std::vector<std::int64_t> ints; // the object's meaning
    std::vector<int> fds;           // in the parent: its descriptors; in the child: the copies
};

} // namespace il::process
