// Probes for the web-server project: send exact bytes (a malformed or an
// oversized request) on a new connection, read the one reply with the HTTP
// clients' parser, and optionally check that the server then closed the
// connection. Recorded on the calling lane (an Io wait on the probe's
// socket object "probe"). Thread-compatible; the requests are pure.
#pragma once

#include "net/request_parser.h"
#include "run/session.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace il::webserver {

struct ProbeResult {
    int status = 0;      // 0: no reply
    std::string error;   // why there was no reply
    bool closed = false; // the server closed the connection after replying
};

// Throws net::ConnectionRefusedError if nothing listens on `port`.
ProbeResult probe(Session& session, std::uint16_t port, std::string_view bytes, bool wait_for_close,
                  std::chrono::nanoseconds timeout = std::chrono::seconds(10));

// A request http-parser refuses: a header line without a colon (400).
std::string malformed_request();
// A request whose head is larger than `limits` allow (431).
std::string oversized_head_request(const net::ParserLimits& limits);
// A request announcing a body larger than `limits` allow (413); the body
// itself is not sent.
std::string oversized_body_request(const net::ParserLimits& limits);

} // namespace il::webserver
