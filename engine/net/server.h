// The loopback HTTP/1.1 server: the "remote side" of the I/O scenarios.
//
// Listens on 127.0.0.1 only (an ephemeral port unless one is given), on its
// own threads with its own asio io_context; it records nothing (it stands for
// a machine across the network). Keep-alive and pipelining, GET and HEAD,
// single byte ranges, a per-response latency and a per-connection bandwidth
// limit. Requests are parsed by RequestParser (http-parser): a malformed one
// gets 400, an oversized head 431, an oversized body 413, and the connection
// is closed; a peer that vanishes mid-request is cleaned up. Content comes
// from a Router (router.h), so any handler can be served.
//
// Thread-safety: every member function may be called from any thread.
// stop() (also the destructor) lets in-flight responses finish for up to
// `stop_grace`, then closes what is left; it never hangs.
#pragma once

#include "net/request_parser.h"
#include "net/router.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace il::net {

struct ServerOptions {
    std::uint16_t port = 0;              // 0: an ephemeral port
    int threads = 1;                     // threads running the io_context
    std::chrono::nanoseconds latency{0}; // added before every response
    std::uint64_t bandwidth = 0;         // bytes per second per connection; 0: unlimited
    ParserLimits limits;
    // A connection idle (or stuck reading or writing) this long is closed.
    std::chrono::nanoseconds idle_timeout = std::chrono::seconds(30);
    std::chrono::nanoseconds stop_grace = std::chrono::seconds(2);
};

struct ServerStats {
    std::uint64_t requests = 0;         // responses sent to parsed requests (any status)
    std::uint64_t bad_requests = 0;     // requests refused by the parser (400, 413, 431, 505)
    std::uint64_t connections = 0;      // accepted so far
    std::uint64_t open_connections = 0; // open now
    std::uint64_t aborted = 0;          // peers that left mid-request, or responses cut short
    std::uint64_t bytes_sent = 0;
};

class HttpServer {
public:
    // Binds and starts serving at once. Throws ServerError if it cannot listen.
    explicit HttpServer(Router router, ServerOptions options = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    std::uint16_t port() const;
    std::string origin() const; // "http://127.0.0.1:PORT"
    std::string url(std::string_view path) const { return origin() + std::string(path); }
    ServerStats stats() const;
    const ServerOptions& options() const;

    // Stops accepting, finishes or closes every connection, joins the threads.
    // Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace il::net
