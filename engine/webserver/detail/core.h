// What every server model shares: the router, options and counters (Core),
// the listening socket (listen_loopback), the sans-I/O half of serving one
// connection (Conversation: bytes in, replies out) and the bytes of a reply
// (ReplyBytes). The models only move bytes: blocking reads and writes on
// lanes (thread, pool) or awaits on the event loop (async).
// Core's counters are atomics: any lane may touch them. A Conversation and
// a ReplyBytes belong to the one lane or task serving their connection.
#pragma once

#include "net/exchange.h"
#include "net/request_parser.h"
#include "net/router.h"
#include "run/session.h"
#include "webserver/server.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace il::webserver::detail {

using Clock = std::chrono::steady_clock;

struct Core {
    Core(Session& s, net::Router r, ServerOptions o, std::uint16_t port)
        : session(s), router(std::move(r)), options(std::move(o)),
          origin("http://127.0.0.1:" + std::to_string(port)) {}

    Session& session;
    const net::Router router;
    const ServerOptions options;
    const std::string origin;
    std::atomic<bool> stopping{false}; // stop() began: no new connections or requests

    std::atomic<std::uint64_t> requests{0}, bad_requests{0}, connections{0}, open{0}, in_flight{0},
        aborted{0}, timed_out{0}, closed_unserved{0};

    // The counters every model reports the same way.
    ServerStats stats() const;
};

// Owns a file descriptor: closes it when destroyed.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    Fd& operator=(Fd&& o) noexcept {
        std::swap(fd_, o.fd_);
        return *this;
    }
    ~Fd() { reset(); }
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }
    void reset();

private:
    int fd_ = -1;
};

// A listening socket on 127.0.0.1 (non-blocking, close-on-exec).
struct Listener {
    Fd fd;
    std::uint16_t port = 0;
    std::string address; // as getsockname reports it
};
// Throws net::ServerError naming the port and what to do.
Listener listen_loopback(std::uint16_t port);

// A reply to one request, ready to send.
struct Reply {
    net::Prepared prepared;
    bool bad = false; // the parser refused the request: close after sending
    std::string method;
    std::string target;
    Clock::time_point parsed;
};

// One connection's requests: feed it what arrives, take replies while it
// has them. A bad request's reply is the last: the connection then closes.
class Conversation {
public:
    Conversation(Core& core, std::uint64_t number);
    Conversation(const Conversation&) = delete;
    Conversation& operator=(const Conversation&) = delete;

    void received(const char* data, std::size_t n) { pending_.append(data, n); }
    // The reply to the next whole (or refused) request buffered, or nullopt
    // when more bytes are needed. `keep_alive`: the server would keep the
    // connection open after it (false once stopping).
    std::optional<Reply> next(bool keep_alive);
    // Some bytes of a request arrived but not all of it.
    bool mid_request() const;
    // Counts the reply and logs it; `sent`: it went out whole. Every reply
    // next() gave must be done() exactly once (in_flight counts the gap).
    void done(const Reply& reply, bool sent);
    std::uint64_t number() const { return number_; }

private:
    Core& core_;
    std::uint64_t number_;
    net::RequestParser parser_;
    std::string pending_; // received, not yet parsed
    bool refused_ = false;
};

// The bytes of a reply in pieces of at most kPiece bytes: the head and as
// much body as fits first (so a small reply is one write), then the body
// (chunked framing when the reply is chunked). Honours HEAD and a
// failure-injecting drop_after (cut(): close after the last piece).
class ReplyBytes {
public:
    static constexpr std::size_t kPiece = 64 * 1024;
    explicit ReplyBytes(const net::Prepared& p);
    // The next piece into `out` (replacing it); false when all was given.
    bool next(std::string& out);
    bool cut() const { return stop_at_ < p_.length; }

private:
    const net::Prepared& p_;
    std::uint64_t stop_at_; // body bytes to send
    std::uint64_t sent_ = 0;
    bool head_done_ = false;
    bool last_chunk_done_ = false;
};

} // namespace il::webserver::detail
