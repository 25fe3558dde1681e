// The web-server project's load generator: C concurrent keep-alive clients
// (Thread lanes "client k", each with its own blocking net::HttpClient)
// share N requests, each timed from send to last byte; the result is the
// throughput and the latency percentiles. Optionally S slow clients
// ("slow client k") send each of their requests a byte at a time with a
// delay between bytes, over a connection opened before the fast clients
// start: a thread per connection gives each a thread of its own, a pool
// lends each a worker for as long as it dawdles (the others queue), an
// event loop just awaits their bytes.
//
// Every reply is checked: status 200 and the body `expect` gives for its
// target (webserver::expected_body by default). A failed request (wrong
// reply, refused, reset, timed out) is counted with a sample of its reason
// and the client goes on. Recorded: the clients' lanes, their socket waits,
// a "go" Event all fast clients start on, the slow clients' sleeps.
#pragma once

#include "run/session.h"
#include "webserver/latency.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace il::webserver {

struct LoadOptions {
    std::string origin;                         // "http://127.0.0.1:PORT"
    int clients = 16;                           // concurrent keep-alive clients, 1..1024
    std::int64_t requests = 1000;               // in all, shared out among the clients (>= 1)
    std::vector<std::string> targets{"/hello"}; // each client requests them in turn
    int slow_clients = 0;                       // 0..1024
    int slow_requests = 2;                      // requests per slow client, 1..1000
    std::chrono::nanoseconds slow_byte_delay = std::chrono::milliseconds(2);
    std::chrono::nanoseconds timeout = std::chrono::seconds(30); // per client step
    // The body a reply to `target` must have; nullopt: any body (status 200 only).
    std::function<std::optional<std::string>(std::string_view target)> expect;
};

struct LoadResult {
    std::int64_t requests = 0;              // fast clients' requests answered correctly
    std::int64_t errors = 0;                // and those that were not
    std::vector<std::string> error_samples; // the first few reasons
    std::int64_t wall_ns = 0;               // from "go" to the last fast client's end
    double throughput_rps = 0;              // requests / wall
    Percentiles latency;                    // of the fast clients' correct requests
    std::uint64_t connections = 0;          // TCP connections the fast clients opened
    std::int64_t slow_requests = 0;
    std::int64_t slow_errors = 0;
    Percentiles slow_latency; // from a slow request's first byte to its reply
};

// Runs the load on the calling lane's session and waits for every client.
// Throws il::ValueError for options out of range, il::Cancelled when the
// session stops.
LoadResult run_load(Session& session, const LoadOptions& options);

} // namespace il::webserver
