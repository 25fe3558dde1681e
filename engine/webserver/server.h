// The web-server project's server: one Router (handler.h) served by one of
// three models (model.h), recorded in a Session so the timeline shows how
// each model spends its lanes:
//
//   thread  an acceptor lane starts a Thread lane per accepted connection
//           ("conn #n"), which serves that connection until it closes.
//   pool    an acceptor lane puts accepted connections into a bounded
//           sync::Queue ("accepted connections", maxsize queue_size: its
//           fill level is in the queue views); `pool_workers` worker lanes
//           take them off and each serves one connection until it closes.
//           When the queue is full the acceptor blocks in put() (a QueuePut
//           wait), leaving further clients in the kernel's listen backlog:
//           nobody is refused, they wait, as with Python's queue.put().
//   async   a coro::Loop on a lane of its own ("async server" awaits it): an
//           acceptor task creates a task per connection; every read, write,
//           accept and /sleep is an await, so one thread serves them all.
//
// All three parse with net::RequestParser and answer with net::prepare /
// prepare_error (the same bytes in every model). Keep-alive and pipelining;
// a malformed request gets 400, an oversized head 431, an oversized body
// 413, and that connection closes while the others go on; a client that
// disconnects mid-request or mid-response is cleaned up. A connection idle
// (or stuck reading or writing) for `idle_timeout` is closed. Listens on
// 127.0.0.1 only.
//
// stop() (also the destructor): stops accepting, lets requests in flight
// finish for up to `stop_grace` (their replies say Connection: close; idle
// keep-alive connections and half-received requests are closed at once;
// pool connections still queued are closed unserved), then closes what is
// left and joins every lane. It never hangs: past the grace only /work's CPU
// burst (at most 1 s) can delay it. A stopped session does the same at once.
//
// Thread-safety: port(), origin(), stats() may be called from any thread;
// stop() from the lane that started the server.
#pragma once

#include "net/request_parser.h"
#include "net/router.h"
#include "run/session.h"
#include "webserver/model.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace il::webserver {

// One answered request, for `serve`'s log. Bad requests have method "-"
// and the parser's reason as target.
struct RequestLogEntry {
    std::string method;
    std::string target;
    int status = 0;
    std::int64_t duration_ns = 0; // from the whole request parsed to the reply written
    std::uint64_t connection = 0; // the connection's number, from 1
};
// Called on the serving lane after each reply: must be thread-safe.
using RequestLog = std::function<void(const RequestLogEntry&)>;

struct ServerOptions {
    std::uint16_t port = 0;     // 0: an ephemeral port
    int pool_workers = 4;       // pool: worker lanes, 1..256
    std::size_t queue_size = 8; // pool: accepted connections waiting for a worker, 1..10000
    net::ParserLimits limits;   // 8 KiB head (431), 1 MiB body (413)
    std::chrono::nanoseconds idle_timeout = std::chrono::seconds(10);
    std::chrono::nanoseconds stop_grace = std::chrono::seconds(2);
    RequestLog log;
};

struct ServerStats {
    std::uint64_t requests = 0;     // replies to parsed requests (any status)
    std::uint64_t bad_requests = 0; // requests refused by the parser (400, 413, 431, 505)
    std::uint64_t connections = 0;  // accepted so far
    std::uint64_t open_connections = 0;
    std::uint64_t in_flight = 0;       // requests being answered now
    std::uint64_t aborted = 0;         // peers gone mid-request or mid-response
    std::uint64_t timed_out = 0;       // connections closed after idle_timeout
    std::uint64_t closed_unserved = 0; // pool: queued connections closed by stop()
    std::uint64_t live_threads = 0;    // thread: connection lanes still running
};

class Server {
public:
    virtual ~Server() = default;
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    virtual Model model() const = 0;
    std::uint16_t port() const { return port_; }
    // The address the listening socket is bound to, as the kernel reports it.
    std::string listen_address() const { return address_; }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string url(std::string_view target) const { return origin() + std::string(target); }
    virtual ServerStats stats() const = 0;
    // Idempotent; see above.
    virtual void stop() = 0;

protected:
    Server(std::uint16_t port, std::string address) : port_(port), address_(std::move(address)) {}

private:
    std::uint16_t port_;
    std::string address_;
};

// Binds 127.0.0.1:options.port and starts serving `router` with `model`.
// Throws net::ServerError when it cannot listen ("port P is in use; choose
// another or 0 for any free port") and il::ValueError for options out of
// range. The server must not outlive `session`.
std::unique_ptr<Server> start_server(Session& session, Model model, net::Router router,
                                     ServerOptions options = {});

} // namespace il::webserver
