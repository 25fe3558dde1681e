#include "net/server.h"

#include "net/errors.h"
#include "net/exchange.h"

#include <asio.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace il::net {

namespace {

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::vector<asio::const_buffer> one(std::string_view s) {
    return {asio::buffer(s.data(), s.size())};
}

// Chunked framing.
constexpr std::string_view kCrlf = "\r\n";

// One accepted connection. Everything here is touched only on the
// connection's strand (its socket's executor).
struct Conn {
    explicit Conn(tcp::socket s)
        : socket(std::move(s)), watchdog(socket.get_executor()), pace(socket.get_executor()) {}
    tcp::socket socket;
    asio::steady_timer watchdog; // closes the socket when an I/O step takes too long
    asio::steady_timer pace;     // latency and bandwidth waits
    bool busy = false;           // answering a request: stop() lets it finish

    void close() {
        asio::error_code ec;
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
        watchdog.cancel();
        pace.cancel();
    }
};

} // namespace

struct HttpServer::Impl {
    // First member: destroyed last, after everything that refers to it.
    asio::io_context ioc;
    const Router router;
    const ServerOptions options;
    tcp::acceptor acceptor;
    std::string origin;
    std::vector<std::thread> threads;

    std::atomic<bool> stopping{false};
    std::mutex mutex; // guards conns, accepting and stopped; changed is notified on their change
    std::condition_variable changed;
    std::set<std::shared_ptr<Conn>> conns;
    bool accepting = true;
    bool stopped = false;

    std::atomic<std::uint64_t> requests{0}, bad_requests{0}, connections{0}, aborted{0},
        bytes_sent{0};

    Impl(Router r, ServerOptions o)
        : router(std::move(r)), options(o), acceptor(asio::make_strand(ioc)) {
        const tcp::endpoint where(asio::ip::address_v4::loopback(), options.port);
        asio::error_code ec;
        acceptor.open(where.protocol(), ec);
        if (!ec)
            acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        if (!ec)
            acceptor.bind(where, ec);
        if (!ec)
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            throw ServerError("cannot listen on 127.0.0.1:" + std::to_string(options.port) + ": " +
                              ec.message());
        origin = "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
        asio::co_spawn(acceptor.get_executor(), accept_loop(), asio::detached);
        const int n = std::max(1, options.threads);
        for (int i = 0; i < n; ++i)
            threads.emplace_back([this] { ioc.run(); });
    }

    awaitable<void> accept_loop() {
        for (;;) {
            asio::error_code ec;
            tcp::socket s = co_await acceptor.async_accept(asio::make_strand(ioc),
                                                           asio::redirect_error(use_awaitable, ec));
            if (stopping.load() || !acceptor.is_open())
                break;
            if (ec)
                continue; // a peer that gave up before accept: not our problem
            // Head and body go out in separate writes: without this, Nagle's
            // algorithm holds the body for the peer's delayed ACK (40 ms).
            s.set_option(tcp::no_delay(true), ec);
            auto c = std::make_shared<Conn>(std::move(s));
            {
                std::lock_guard g(mutex);
                conns.insert(c);
            }
            ++connections;
            asio::co_spawn(c->socket.get_executor(), serve(c), asio::detached);
        }
        std::lock_guard g(mutex);
        accepting = false;
        changed.notify_all();
    }

    // Arms the watchdog for one I/O step: past the idle timeout, the socket
    // is closed and the step fails.
    void arm(const std::shared_ptr<Conn>& c) {
        c->watchdog.expires_after(options.idle_timeout);
        c->watchdog.async_wait([w = std::weak_ptr<Conn>(c)](asio::error_code ec) {
            if (auto c = w.lock(); c && !ec)
                c->close();
        });
    }

    // (Buffers are passed as a vector, never a braced list: g++ 12 cannot keep
    // an initializer_list's array in a coroutine frame.)
    awaitable<bool> write(const std::shared_ptr<Conn>& c, std::vector<asio::const_buffer> b,
                          std::size_t n) {
        asio::error_code ec;
        arm(c);
        co_await asio::async_write(c->socket, b, asio::redirect_error(use_awaitable, ec));
        c->watchdog.cancel();
        if (ec)
            co_return false;
        bytes_sent += n;
        co_return true;
    }

    awaitable<bool> wait_until(const std::shared_ptr<Conn>& c, Clock::time_point when) {
        if (Clock::now() >= when)
            co_return true;
        asio::error_code ec;
        c->pace.expires_at(when);
        co_await c->pace.async_wait(asio::redirect_error(use_awaitable, ec));
        co_return !ec && c->socket.is_open();
    }

    // Sends one prepared response; false if the connection broke or was cut.
    awaitable<bool> send(const std::shared_ptr<Conn>& c, const Prepared& p) {
        const auto delay = options.latency + p.delay;
        if (delay.count() > 0 && !co_await wait_until(c, Clock::now() + delay))
            co_return false;
        if (!co_await write(c, one(p.head), p.head.size()))
            co_return false;
        if (p.head_only)
            co_return true;
        const std::uint64_t bw = options.bandwidth;
        // About 50 writes a second when limited, so the pace is smooth.
        const std::size_t slice =
            bw ? static_cast<std::size_t>(std::clamp<std::uint64_t>(bw / 50, 256, 64 * 1024))
               : 64 * 1024;
        const std::uint64_t stop_at = std::min(p.length, p.drop_after.value_or(p.length));
        std::vector<char> data(slice);
        const auto start = Clock::now();
        std::uint64_t sent = 0;
        while (sent < stop_at) {
            const std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(slice, stop_at - sent));
            p.body->read(p.offset + sent, data.data(), n);
            std::vector<asio::const_buffer> b;
            std::string size_line; // (no arrays in coroutine frames: g++ 12 rejects them)
            if (p.chunked) {
                size_line = chunk_size_line(n);
                b.push_back(asio::buffer(size_line));
            }
            b.push_back(asio::buffer(data.data(), n));
            if (p.chunked)
                b.push_back(asio::buffer(kCrlf));
            if (bw) { // these bytes may leave once the limit allows all sent so far
                const auto due =
                    start + std::chrono::nanoseconds(static_cast<std::int64_t>(
                                static_cast<double>(sent + n) * 1e9 / static_cast<double>(bw)));
                if (!co_await wait_until(c, due))
                    co_return false;
            }
            if (!co_await write(c, b, n))
                co_return false;
            sent += n;
        }
        if (stop_at < p.length) { // failure injection: drop the connection mid-body
            ++aborted;
            co_return false;
        }
        if (p.chunked && !co_await write(c, one(kLastChunk), 0))
            co_return false;
        co_return true;
    }

    // After an error answer: stop sending, and drain what the peer still
    // sends for a moment, so closing does not reset the connection before the
    // peer has read the answer.
    awaitable<void> linger(const std::shared_ptr<Conn>& c) {
        asio::error_code ec;
        c->socket.shutdown(tcp::socket::shutdown_send, ec);
        c->watchdog.expires_after(std::chrono::milliseconds(500));
        c->watchdog.async_wait([w = std::weak_ptr<Conn>(c)](asio::error_code e) {
            if (auto c = w.lock(); c && !e)
                c->close();
        });
        std::vector<char> sink(4096);
        for (std::size_t total = 0; total < 1024 * 1024;) {
            std::size_t n = co_await c->socket.async_read_some(
                asio::buffer(sink), asio::redirect_error(use_awaitable, ec));
            if (ec)
                break;
            total += n;
        }
        c->watchdog.cancel();
    }

    awaitable<void> serve_requests(const std::shared_ptr<Conn>& c) {
        RequestParser parser(options.limits);
        std::string pending;
        std::vector<char> buf(16 * 1024);
        for (;;) {
            while (parser.state() == RequestParser::State::NeedMore) {
                if (pending.empty()) {
                    if (stopping.load())
                        co_return; // idle or mid-request while stopping: close
                    asio::error_code ec;
                    arm(c);
                    std::size_t n = co_await c->socket.async_read_some(
                        asio::buffer(buf), asio::redirect_error(use_awaitable, ec));
                    c->watchdog.cancel();
                    if (ec) {
                        if (parser.in_progress())
                            ++aborted;
                        co_return;
                    }
                    pending.append(buf.data(), n);
                }
                pending.erase(0, parser.feed(pending.data(), pending.size()));
            }
            c->busy = true;
            Prepared p;
            if (parser.state() == RequestParser::State::Error) {
                ++bad_requests;
                p = prepare_error(parser.error_status(), parser.error_text());
            } else {
                Request req = parser.take();
                req.origin = origin;
                p = prepare(req, router.handle(req), !stopping.load());
            }
            const bool ok = co_await send(c, p);
            c->busy = false;
            if (!ok)
                co_return;
            if (parser.state() == RequestParser::State::Error) {
                co_await linger(c);
                co_return;
            }
            ++requests;
            if (!p.keep_alive)
                co_return;
        }
    }

    awaitable<void> serve(std::shared_ptr<Conn> c) {
        try {
            co_await serve_requests(c);
        } catch (...) {
            // A failure on one connection closes that connection only.
        }
        c->close();
        std::lock_guard g(mutex);
        conns.erase(c);
        changed.notify_all();
    }

    void stop() {
        {
            std::lock_guard g(mutex);
            if (stopped)
                return;
            stopped = true;
        }
        stopping = true;
        asio::post(acceptor.get_executor(), [this] {
            asio::error_code ec;
            acceptor.close(ec);
        });
        close_connections(false);
        std::unique_lock g(mutex);
        auto idle = [&] { return conns.empty() && !accepting; };
        if (!changed.wait_for(g, options.stop_grace, idle)) {
            g.unlock();
            close_connections(true);
            g.lock();
            changed.wait_for(g, std::chrono::seconds(1), idle);
        }
        g.unlock();
        ioc.stop();
        for (std::thread& t : threads)
            t.join();
    }

    // Closes idle connections (all of them when `force`) on their strands.
    void close_connections(bool force) {
        std::lock_guard g(mutex);
        for (const auto& c : conns)
            asio::post(c->socket.get_executor(), [c, force] {
                if (force || !c->busy)
                    c->close();
            });
    }
};

HttpServer::HttpServer(Router router, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(router), options)) {}

HttpServer::~HttpServer() {
    stop();
}

std::uint16_t HttpServer::port() const {
    return static_cast<std::uint16_t>(
        std::stoi(impl_->origin.substr(impl_->origin.rfind(':') + 1)));
}

std::string HttpServer::origin() const {
    return impl_->origin;
}

const ServerOptions& HttpServer::options() const {
    return impl_->options;
}

ServerStats HttpServer::stats() const {
    ServerStats s;
    s.requests = impl_->requests.load();
    s.bad_requests = impl_->bad_requests.load();
    s.connections = impl_->connections.load();
    s.aborted = impl_->aborted.load();
    s.bytes_sent = impl_->bytes_sent.load();
    std::lock_guard g(impl_->mutex);
    s.open_connections = impl_->conns.size();
    return s;
}

void HttpServer::stop() {
    impl_->stop();
}

} // namespace il::net
