// The errors of loopback networking, named after Python's: ConnectionError
// and ConnectionRefusedError (socket errors), a URL that cannot be fetched
// (ValueError, as urllib raises), a reply that is not HTTP (http.client's
// BadStatusLine / IncompleteRead family) and a server that cannot start.
// Timeouts throw il::TimeoutError and a stopped run il::Cancelled
// (run/errors.h). Plain exception types, thread-compatible.
#pragma once

#include "run/errors.h"

#include <stdexcept>
#include <string>

namespace il::net {

// A connection failed, was reset or closed before a whole reply arrived.
struct ConnectionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Nothing listens at the address (ECONNREFUSED).
struct ConnectionRefusedError : ConnectionError {
    using ConnectionError::ConnectionError;
};

// A URL that cannot be fetched: the message says what is allowed.
struct UrlError : il::ValueError {
    using il::ValueError::ValueError;
};

// The peer sent something that is not a valid HTTP reply, or too much of it.
struct ProtocolError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A server could not start (the port is taken, ...).
struct ServerError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace il::net
