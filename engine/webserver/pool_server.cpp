// The thread-pool model: an acceptor lane puts accepted connections into a
// bounded queue; worker lanes take them off and each serves one connection
// until it closes (so a keep-alive connection holds its worker, and a slow
// client holds one for as long as it dawdles). A full queue blocks the
// acceptor in put(): later clients wait in the kernel's listen backlog.
#include "run/errors.h"
#include "sync/queue.h"
#include "thread/thread.h"
#include "webserver/detail/blocking.h"
#include "webserver/detail/models.h"

#include <memory>
#include <vector>

namespace il::webserver::detail {

namespace {

// A queued connection; number 0 is the "no more work" marker stop() sends.
struct Accepted {
    Fd fd;
    std::uint64_t number = 0;
    trace::ObjectId object = 0;
};

class PoolServer final : public Server {
public:
    PoolServer(Session& session, net::Router router, ServerOptions options, Listener l)
        : Server(l.port, l.address), core_(session, std::move(router), std::move(options), l.port),
          wake_(session), listener_object_(listener_object(session, l)), listener_(std::move(l.fd)),
          queue_(session, "accepted connections", core_.options.queue_size) {
        for (int i = 1; i <= core_.options.pool_workers; ++i)
            workers_.push_back(std::make_unique<thread::Thread>(
                session, "worker " + std::to_string(i), [this] { work(); }));
        acceptor_ = std::make_unique<thread::Thread>(session, "acceptor", [this] { accept(); });
        for (auto& w : workers_)
            w->start();
        acceptor_->start();
    }
    ~PoolServer() override { stop(); }

    Model model() const override { return Model::Pool; }
    ServerStats stats() const override { return core_.stats(); }

    void stop() override {
        if (stopped_)
            return;
        stopped_ = true;
        core_.stopping = true;
        wake_.stop();
        try {
            const auto deadline = Clock::now() + core_.options.stop_grace;
            auto left = [&] { return std::max(deadline - Clock::now(), Clock::duration::zero()); };
            // The acceptor may wait in put() for room: the workers make it,
            // closing what they take from now on.
            if (!acceptor_->join(left()))
                wake_.force();
            acceptor_->join();
            // One end marker per worker, behind every queued connection. The
            // queue may be full while workers finish replies: past the grace,
            // force them (a full queue then drains at once).
            std::size_t sent = 0;
            try {
                for (; sent < workers_.size(); ++sent)
                    queue_.put(Accepted{}, left());
            } catch (const QueueFull&) {
                wake_.force();
            }
            for (; sent < workers_.size(); ++sent)
                queue_.put(Accepted{});
            join_or_force(workers_, wake_, deadline);
        } catch (const Cancelled&) {
            wake_.force(); // the session stopped: every lane ends; the destructors join
        }
        workers_.clear();
        acceptor_.reset();
        listener_.reset();
    }

private:
    void accept() {
        while (auto fd = accept_one(core_.session, wake_, listener_.get(), listener_object_)) {
            const std::uint64_t n = ++core_.connections;
            queue_.put(Accepted{Fd(*fd), n, connection_object(core_.session, n)});
        }
    }

    void work() {
        for (;;) {
            Accepted a = queue_.get();
            if (a.number == 0)
                return;
            if (core_.stopping) { // queued when the server stopped: closed unread
                ++core_.closed_unserved;
                continue;
            }
            BlockingSocket socket(core_.session, wake_, a.fd.release(), a.object);
            serve_connection(core_, wake_, socket, a.number);
        }
    }

    Core core_;
    Wakeups wake_;
    const trace::ObjectId listener_object_;
    Fd listener_;
    sync::Queue<Accepted> queue_; // bounded: its level is the backlog of connections
    std::vector<std::unique_ptr<thread::Thread>> workers_;
    std::unique_ptr<thread::Thread> acceptor_;
    bool stopped_ = false; // the owning lane only
};

} // namespace

std::unique_ptr<Server> start_pool_server(Session& session, net::Router router,
                                          ServerOptions options, Listener listener) {
    return std::make_unique<PoolServer>(session, std::move(router), std::move(options),
                                        std::move(listener));
}

} // namespace il::webserver::detail
