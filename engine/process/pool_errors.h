// ProcessPoolExecutor's errors, and how a call's exception crosses back from
// the worker: by kind name and message, rebuilt as the same engine or
// standard exception type (Python re-raises the unpickled exception).
#pragma once

#include "run/errors.h"

#include <exception>
#include <string>
#include <utility>

namespace il::process {

// concurrent.futures.process.BrokenProcessPool (a RuntimeError): a worker
// died, so every pending call fails with this and the pool takes no more.
struct BrokenProcessPool : RuntimeError {
    using RuntimeError::RuntimeError;
};

// A worker's exception of a type the parent cannot rebuild: its type name
// (as typeid gives it, demangled) and its message.
struct RemoteError : std::runtime_error {
    RemoteError(std::string type, const std::string& message)
        : std::runtime_error(message), type_(std::move(type)) {}
    const std::string& type() const { return type_; }

private:
    std::string type_;
};

// The exception in flight as (kind, message): "ValueError", "runtime_error",
// ... or its demangled type name for anything else.
std::pair<std::string, std::string> describe_exception(std::exception_ptr e);
// The inverse: a known kind becomes that type again, anything else a RemoteError.
std::exception_ptr rebuild_exception(const std::string& kind, const std::string& message);

} // namespace il::process
