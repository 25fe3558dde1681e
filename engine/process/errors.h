// The process runtime's exceptions, named after Python's where it has one.
#pragma once

#include "run/errors.h"

#include <stdexcept>
#include <string>

namespace il::process {

// Connection.recv() on a connection whose other end is closed (Python's EOFError).
struct EOFError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// send() to a connection or queue whose reading end is gone (Python's BrokenPipeError).
struct BrokenPipeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Use of a closed Connection or Queue (Python's OSError "handle is closed" / ValueError).
struct ClosedError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A process died while holding a cross-process Lock (or inside an object's
// internal lock): the waiter gets this instead of hanging.
struct OwnerDiedError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The worker executable could not be found or started, or the OS refused a
// resource (shared memory, pipes) the runtime needs.
struct ProcessError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace il::process
