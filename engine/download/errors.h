// How the downloader sorts failures: FatalError ends the download at once
// (a 4xx, a file that changed size, a server that ignores Range mid-way);
// RetryableError is worth another try, as are the clients' ConnectionError,
// ProtocolError and il::TimeoutError (but not ConnectionRefusedError:
// nothing listens there). Plain exception types.
#pragma once

#include "net/message.h"

#include <stdexcept>
#include <string>

namespace il::download {

struct FatalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct RetryableError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "HTTP 404 Not Found".
std::string status_text(const net::ClientResponse& head);

// Statuses that may go away by themselves: 408, 429 and 5xx.
bool is_retryable_status(int status);

// Throws for an error status (>= 300): redirects and 4xx are fatal (a
// redirect names where it points: redirects are not followed), 408, 429
// and 5xx retryable. `what` says which request ("the probe", "part 2").
void throw_for_status(const net::ClientResponse& head, const std::string& what);

} // namespace il::download
