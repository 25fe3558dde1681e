// Step 1 of a download: learn the file's size and whether the server
// serves byte ranges, from a HEAD and, when that does not settle it, a GET
// with "Range: bytes=0-0" (whose body is not read when the server answers
// 200 with the whole file). Transient failures are tried again, at most
// `retries` more times. Runs on the calling lane; thread-compatible.
#pragma once

#include "net/client_options.h"
#include "run/session.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace il::download {

struct ProbeResult {
    std::optional<std::uint64_t> size; // nullopt: the server does not say (a chunked reply)
    bool ranges = false;               // byte ranges work (a 206 seen, or advertised)
    std::string how;                   // "HEAD: 1000 bytes, Accept-Ranges: bytes", for the result
};

// Throws FatalError (an HTTP error, a malformed 206, a refused connection,
// or the last transient failure once the tries are spent) and il::Cancelled.
ProbeResult probe(Session& session, const std::string& url, const net::ClientOptions& client,
                  int retries, std::chrono::nanoseconds retry_delay);

} // namespace il::download
