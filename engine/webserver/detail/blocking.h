// Blocking socket I/O for lanes (the thread and pool models, and the load
// generator's raw clients), on non-blocking sockets and poll(), so that a
// blocked lane can always be woken: by its server's stop (which ends waits
// for a new request or connection), by a forced stop (which ends every
// wait) and by the session's stop (which forces).
//
// Recorded on the calling lane: every wait for the socket is a
// WaitBegin(Io, the socket's object) .. WaitEnd (Ok, Timeout, or Cancelled
// when a stop ended it); a reply's delay is a SleepBegin .. SleepEnd.
// Wakeups: any thread. A BlockingSocket: the one lane using it.
#pragma once

#include "run/session.h"
#include "thread/thread.h"
#include "trace/record.h"
#include "webserver/detail/core.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string_view>
#include <vector>

namespace il::webserver::detail {

class Wakeups {
public:
    explicit Wakeups(Session& session);
    ~Wakeups();
    Wakeups(const Wakeups&) = delete;
    Wakeups& operator=(const Wakeups&) = delete;

    void stop();  // graceful: idempotent
    void force(); // every wait ends; implies stop
    bool stopping() const { return stopping_.load(); }
    bool forced() const { return forced_.load(); }
    int stop_fd() const { return stop_fd_; }
    int force_fd() const { return force_fd_; }

private:
    int stop_fd_ = -1; // eventfds: readable for good once signalled
    int force_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> forced_{false};
    std::optional<std::stop_callback<std::function<void()>>> on_session_stop_;
};

enum class IoStatus {
    Ok,
    Closed,  // the peer closed (end of stream)
    Failed,  // reset or another socket error
    Stopped, // the server is stopping (waits that a stop ends)
    Forced,  // a forced stop or the session's stop
    Timeout,
};

class BlockingSocket {
public:
    // Takes ownership of `fd` (made non-blocking here).
    BlockingSocket(Session& session, const Wakeups& wake, int fd, trace::ObjectId object);
    ~BlockingSocket();
    BlockingSocket(const BlockingSocket&) = delete;
    BlockingSocket& operator=(const BlockingSocket&) = delete;

    // Reads at most `cap` bytes into `out` once some are there. `stop_ends_it`:
    // the server's graceful stop ends the wait too.
    IoStatus read_some(char* out, std::size_t cap, std::size_t& got, bool stop_ends_it,
                       std::chrono::nanoseconds timeout);
    // Writes all of `data`; `timeout` bounds each wait for room.
    IoStatus write_all(std::string_view data, std::chrono::nanoseconds timeout);
    // A recorded sleep that only a forced stop cuts short.
    IoStatus sleep(std::chrono::nanoseconds duration);
    // After an error reply: stop sending and read what the peer still sends
    // for a moment, so closing does not reset the connection before the peer
    // has read the reply.
    void linger();

    int fd() const { return fd_; }
    trace::ObjectId object() const { return object_; }

private:
    Session& session_;
    const Wakeups& wake_;
    int fd_;
    trace::ObjectId object_;
};

// Waits until `fd` is ready for `events` (POLLIN, POLLOUT), the deadline
// passes, or a stop ends it (the graceful one only if `stop_ends_it`).
IoStatus wait_fd(Session& session, const Wakeups& wake, int fd, short events,
                 trace::ObjectId object, bool stop_ends_it, Clock::time_point deadline);
// A recorded sleep that only a forced stop cuts short.
IoStatus sleep_for(Session& session, const Wakeups& wake, std::chrono::nanoseconds duration);

// Waits for a connection on `listen_fd` (a stop ends the wait) and accepts
// it: the new socket (TCP_NODELAY, non-blocking), or nullopt once stopping.
std::optional<int> accept_one(Session& session, const Wakeups& wake, int listen_fd,
                              trace::ObjectId listener);

// Serves one accepted connection on the calling lane until it closes:
// reads, replies (keep-alive, pipelining), refuses bad requests, counts.
void serve_connection(Core& core, const Wakeups& wake, BlockingSocket& socket,
                      std::uint64_t number);

// Joins every lane by `deadline` (requests in flight finish their replies);
// past it, forces the wakeups (every blocked socket wait ends, connections
// close) and joins the rest. The graceful half of a blocking model's stop.
void join_or_force(std::vector<std::unique_ptr<thread::Thread>>& lanes, Wakeups& wake,
                   Clock::time_point deadline);

// The Socket object of accepted connection `number`: "accepted #n".
trace::ObjectId connection_object(Session& session, std::uint64_t number);

} // namespace il::webserver::detail
