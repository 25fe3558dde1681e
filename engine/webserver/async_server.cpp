// The event-loop model: one coro::Loop on a lane of its own ("async server"
// waits in it). An acceptor task accepts connections and creates a task
// per connection ("conn #n"); every accept, read, write and /sleep delay is
// an await, so while one task waits the loop runs the others. CPU work in
// the handler (/work) runs on the loop itself and holds everyone up.
//
// Everything below the constructor runs on the loop's thread; stop() only
// posts begin_stop() there and joins the lane.
#include "coro/event.h"
#include "coro/io.h"
#include "coro/loop.h"
#include "coro/sleep.h"
#include "coro/wait_for.h"
#include "run/errors.h"
#include "thread/thread.h"
#include "webserver/detail/blocking.h"
#include "webserver/detail/models.h"

#include <asio.hpp>

#include <map>
#include <memory>
#include <vector>

namespace il::webserver::detail {

namespace {

using asio::ip::tcp;

struct AsyncConn {
    AsyncConn(tcp::socket s, trace::ObjectId id, std::uint64_t n)
        : socket(std::move(s)), watchdog(socket.get_executor()), object(id), number(n) {}
    tcp::socket socket;
    // Closes the socket when an I/O step outlives `deadline`. Steps only move
    // the deadline; the timer, armed at most once at a time, re-arms itself
    // for a later deadline when it fires: no timer traffic per step.
    asio::steady_timer watchdog;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    bool watching = false;     // the watchdog's wait is pending
    bool count_timeout = true; // a timeout now counts in timed_out (not while lingering)
    trace::ObjectId object;
    std::uint64_t number;
    bool busy = false;      // answering a request: a graceful stop lets it finish
    bool timed_out = false; // the watchdog closed it
    coro::TaskHandle<void> task;

    void close() {
        asio::error_code ec;
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
        watchdog.cancel();
    }
};

class AsyncServer final : public Server {
public:
    AsyncServer(Session& session, net::Router router, ServerOptions options, Listener l)
        : Server(l.port, l.address), core_(session, std::move(router), std::move(options), l.port),
          listener_object_(listener_object(session, l)), loop_(session, "server loop"),
          acceptor_(loop_.context()), stop_requested_(session, "stop requested"),
          all_closed_(session, "connections closed") {
        acceptor_.assign(tcp::v4(), l.fd.release());
        thread_ = std::make_unique<thread::Thread>(session, "async server", [this] { run(); });
        thread_->start();
    }
    ~AsyncServer() override { stop(); }

    Model model() const override { return Model::Async; }
    ServerStats stats() const override { return core_.stats(); }

    void stop() override {
        if (stopped_)
            return;
        stopped_ = true;
        asio::post(loop_.context(), [this] { begin_stop(); });
        try {
            thread_->join();         // bounded: the server task gives connections stop_grace
        } catch (const Cancelled&) { // the session stopped: the loop cancels everything
        }
        thread_.reset();
    }

private:
    void run() {
        try {
            loop_.run(serve_all().named("server"));
        } catch (...) {
            loop_.close();
            throw;
        }
        loop_.close();
    }

    // On the loop thread, outside any task: stops accepting and ends the
    // reads of idle connections; busy ones finish their reply first.
    void begin_stop() {
        if (core_.stopping.exchange(true))
            return;
        asio::error_code ec;
        acceptor_.close(ec);
        for (auto& [n, c] : conns_)
            if (!c->busy)
                c->socket.cancel(ec);
        stop_requested_.set();
    }

    coro::Task<void> serve_all() {
        coro::TaskHandle<void> acceptor = loop_.create_task(accept(), "acceptor");
        co_await stop_requested_.wait();
        co_await acceptor;
        if (conns_.empty())
            co_return;
        bool in_time = true;
        try {
            co_await coro::wait_for(all_closed_.wait(), core_.options.stop_grace);
        } catch (const TimeoutError&) {
            in_time = false;
        }
        if (!in_time) { // past the grace: cancel what is left and wait for it to unwind
            for (auto& [n, c] : conns_)
                c->task.cancel();
            co_await all_closed_.wait();
        }
    }

    coro::Task<void> accept() {
        for (;;) {
            auto [ec, socket] = co_await acceptor_.async_accept(coro::io_nothrow(listener_object_));
            if (core_.stopping || ec == asio::error::operation_aborted)
                co_return;
            if (ec) { // out of descriptors or memory: wait a little instead of spinning
                co_await coro::sleep(std::chrono::milliseconds(10));
                continue;
            }
            // Replies can go out in several writes: without this, Nagle's
            // algorithm holds a later piece for the peer's delayed ACK (40 ms).
            socket.set_option(tcp::no_delay(true), ec);
            const std::uint64_t n = ++core_.connections;
            auto c = std::make_shared<AsyncConn>(std::move(socket),
                                                 connection_object(core_.session, n), n);
            conns_[n] = c;
            c->task = loop_.create_task(serve(c), "conn #" + std::to_string(n));
        }
    }

    // The next I/O step of `c` may take up to `limit`.
    void arm(const std::shared_ptr<AsyncConn>& c, std::chrono::nanoseconds limit,
             bool count = true) {
        c->deadline = Clock::now() + limit;
        c->count_timeout = count;
        if (!c->watching)
            watch(c);
    }
    // The step ended in time.
    static void disarm(AsyncConn& c) { c.deadline = Clock::time_point::max(); }

    static void watch(const std::shared_ptr<AsyncConn>& c) {
        c->watching = true;
        c->watchdog.expires_at(c->deadline);
        c->watchdog.async_wait([w = std::weak_ptr<AsyncConn>(c)](asio::error_code ec) {
            const auto c = w.lock();
            if (!c)
                return;
            c->watching = false;
            if (ec || c->deadline == Clock::time_point::max())
                return; // closed, or no step running: the next arm() starts it again
            if (Clock::now() < c->deadline) {
                watch(c); // the deadline moved on since
                return;
            }
            c->timed_out = c->count_timeout;
            c->close();
        });
    }

    coro::Task<void> serve(std::shared_ptr<AsyncConn> c) {
        ++core_.open;
        struct Cleanup { // also runs when the loop closes with the task unfinished
            AsyncServer& server;
            AsyncConn& c;
            ~Cleanup() {
                c.close();
                --server.core_.open;
                c.task = {}; // the task's handle would keep its frame, which keeps c
                server.conns_.erase(c.number);
                if (server.core_.stopping && server.conns_.empty())
                    server.all_closed_.set();
            }
        } cleanup{*this, *c};
        const auto idle = core_.options.idle_timeout;
        Conversation conversation(core_, c->number);
        std::vector<char> buf(16 * 1024);
        std::string piece;
        try {
            for (;;) {
                while (auto reply = conversation.next(!core_.stopping)) {
                    c->busy = true;
                    if (reply->prepared.delay.count() > 0)
                        co_await coro::sleep(reply->prepared.delay);
                    ReplyBytes bytes(reply->prepared);
                    bool ok = true;
                    while (ok && bytes.next(piece)) {
                        arm(c, idle);
                        auto [ec, n] = co_await asio::async_write(c->socket, asio::buffer(piece),
                                                                  coro::io_nothrow(c->object));
                        disarm(*c);
                        ok = !ec;
                    }
                    c->busy = false;
                    conversation.done(*reply, ok && !bytes.cut());
                    if (!ok || bytes.cut())
                        co_return;
                    if (reply->bad) {
                        co_await linger(c, buf);
                        co_return;
                    }
                    if (!reply->prepared.keep_alive)
                        co_return;
                }
                if (core_.stopping)
                    co_return; // idle, or a request only half here: close
                arm(c, idle);
                auto [ec, n] = co_await c->socket.async_read_some(asio::buffer(buf),
                                                                  coro::io_nothrow(c->object));
                disarm(*c);
                if (ec) {
                    if (c->timed_out)
                        ++core_.timed_out;
                    else if (ec != asio::error::operation_aborted && conversation.mid_request())
                        ++core_.aborted;
                    co_return;
                }
                conversation.received(buf.data(), n);
            }
        } catch (...) {    // cancelled past the grace, or the session stopped
            if (c->busy) { // the reply in hand is never done(): count it here
                --core_.in_flight;
                ++core_.aborted;
            }
            throw;
        }
    }

    // After an error reply: stop sending and read what the peer still sends
    // for a moment, so closing does not reset the connection before the peer
    // has read the reply.
    coro::Task<void> linger(std::shared_ptr<AsyncConn> c, std::vector<char>& buf) {
        asio::error_code ec;
        c->socket.shutdown(tcp::socket::shutdown_send, ec);
        arm(c, std::chrono::milliseconds(500), false);
        for (std::size_t total = 0; total < 1024 * 1024;) {
            auto [e, n] =
                co_await c->socket.async_read_some(asio::buffer(buf), coro::io_nothrow(c->object));
            if (e)
                break;
            total += n;
        }
        disarm(*c);
    }

    Core core_;
    const trace::ObjectId listener_object_;
    coro::Loop loop_; // destroyed after everything below that lives on its io_context
    tcp::acceptor acceptor_;
    coro::Event stop_requested_;
    coro::Event all_closed_; // set when the last connection closes after the stop
    std::map<std::uint64_t, std::shared_ptr<AsyncConn>> conns_; // open connections
    std::unique_ptr<thread::Thread> thread_;
    bool stopped_ = false; // the owning lane only
};

} // namespace

std::unique_ptr<Server> start_async_server(Session& session, net::Router router,
                                           ServerOptions options, Listener listener) {
    return std::make_unique<AsyncServer>(session, std::move(router), std::move(options),
                                         std::move(listener));
}

} // namespace il::webserver::detail
