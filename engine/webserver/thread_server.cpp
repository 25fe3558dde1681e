// The thread-per-connection model: an acceptor lane, and a Thread lane per
// accepted connection that serves it until it closes (socketserver's
// ThreadingMixIn). Finished connection lanes are joined by the acceptor
// before each accept, so a long serve keeps only live threads.
#include "run/errors.h"
#include "thread/thread.h"
#include "webserver/detail/blocking.h"
#include "webserver/detail/models.h"

#include <memory>
#include <mutex>
#include <vector>

namespace il::webserver::detail {

namespace {

class ThreadServer final : public Server {
public:
    ThreadServer(Session& session, net::Router router, ServerOptions options, Listener l)
        : Server(l.port, l.address), core_(session, std::move(router), std::move(options), l.port),
          wake_(session), listener_object_(listener_object(session, l)),
          listener_(std::move(l.fd)) {
        acceptor_ = std::make_unique<thread::Thread>(session, "acceptor", [this] { accept(); });
        acceptor_->start();
    }
    ~ThreadServer() override { stop(); }

    Model model() const override { return Model::Thread; }
    ServerStats stats() const override {
        ServerStats s = core_.stats();
        s.live_threads = live_.load();
        return s;
    }

    void stop() override {
        if (stopped_)
            return;
        stopped_ = true;
        core_.stopping = true;
        wake_.stop();
        try {
            acceptor_->join(); // its wait for a connection ends at the stop
            // From here on only this lane touches conns_.
            const auto deadline = Clock::now() + core_.options.stop_grace;
            join_or_force(conns_, wake_, deadline);
        } catch (const Cancelled&) {
            wake_.force(); // the session stopped: every lane ends; the destructors join
        }
        conns_.clear();
        acceptor_.reset();
        listener_.reset();
    }

private:
    void accept() {
        while (auto fd = accept_one(core_.session, wake_, listener_.get(), listener_object_)) {
            reap();
            const std::uint64_t n = ++core_.connections;
            auto owned = std::make_shared<Fd>(*fd); // closed by the lane, or here if it never ran
            const trace::ObjectId object = connection_object(core_.session, n);
            auto t = std::make_unique<thread::Thread>(
                core_.session, "conn #" + std::to_string(n), [this, owned, object, n] {
                    struct Live {
                        std::atomic<std::uint64_t>& live;
                        ~Live() { --live; }
                    } live{live_};
                    BlockingSocket socket(core_.session, wake_, owned->release(), object);
                    serve_connection(core_, wake_, socket, n);
                });
            ++live_;
            try {
                t->start();
            } catch (const std::system_error&) { // no more threads: this client is dropped
                --live_;
                ++core_.aborted;
                continue;
            }
            std::lock_guard g(mutex_);
            conns_.push_back(std::move(t));
        }
    }

    // Joins the connection lanes that ended (no wait: they are done).
    void reap() {
        std::lock_guard g(mutex_);
        std::erase_if(conns_, [](const std::unique_ptr<thread::Thread>& t) {
            if (t->is_alive())
                return false;
            t->join();
            return true;
        });
    }

    Core core_;
    Wakeups wake_;
    const trace::ObjectId listener_object_;
    Fd listener_;
    std::unique_ptr<thread::Thread> acceptor_;
    std::mutex mutex_; // guards conns_ while the acceptor runs
    std::vector<std::unique_ptr<thread::Thread>> conns_;
    std::atomic<std::uint64_t> live_{0};
    bool stopped_ = false; // the owning lane only
};

} // namespace

std::unique_ptr<Server> start_thread_server(Session& session, net::Router router,
                                            ServerOptions options, Listener listener) {
    return std::make_unique<ThreadServer>(session, std::move(router), std::move(options),
                                          std::move(listener));
}

} // namespace il::webserver::detail
