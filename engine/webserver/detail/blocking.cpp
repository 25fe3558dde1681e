#include "webserver/detail/blocking.h"

#include "trace/registry.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace il::webserver::detail {

namespace {

using trace::Kind;
using trace::WaitResult;

int make_eventfd() {
    const int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd < 0)
        throw std::runtime_error(std::string("cannot make an eventfd: ") + std::strerror(errno));
    return fd;
}

void signal(int fd) {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(fd, &one, sizeof one);
}

WaitResult result_of(IoStatus s) {
    switch (s) {
    case IoStatus::Timeout:
        return WaitResult::Timeout;
    case IoStatus::Stopped:
    case IoStatus::Forced:
        return WaitResult::Cancelled;
    default:
        return WaitResult::Ok;
    }
}

} // namespace

Wakeups::Wakeups(Session& session) : stop_fd_(make_eventfd()), force_fd_(make_eventfd()) {
    on_session_stop_.emplace(session.stop_token(), std::function<void()>([this] { force(); }));
}

Wakeups::~Wakeups() {
    on_session_stop_.reset(); // before the fds it writes to go away
    ::close(stop_fd_);
    ::close(force_fd_);
}

void Wakeups::stop() {
    if (!stopping_.exchange(true))
        signal(stop_fd_);
}

void Wakeups::force() {
    stop();
    if (!forced_.exchange(true))
        signal(force_fd_);
}

BlockingSocket::BlockingSocket(Session& session, const Wakeups& wake, int fd,
                               trace::ObjectId object)
    : session_(session), wake_(wake), fd_(fd), object_(object) {
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

BlockingSocket::~BlockingSocket() {
    ::close(fd_);
}

IoStatus wait_fd(Session& session, const Wakeups& wake, int fd, short events,
                 trace::ObjectId object, bool stop_ends_it, Clock::time_point deadline) {
    trace::Recorder& rec = session.recorder();
    rec.record(Kind::WaitBegin, object, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Io));
    pollfd fds[3] = {{fd, events, 0}, {wake.force_fd(), POLLIN, 0}, {wake.stop_fd(), POLLIN, 0}};
    IoStatus status = IoStatus::Ok;
    for (;;) {
        if (wake.forced()) {
            status = IoStatus::Forced;
            break;
        }
        if (stop_ends_it && wake.stopping()) {
            status = IoStatus::Stopped;
            break;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0 && Clock::now() >= deadline) {
            status = IoStatus::Timeout;
            break;
        }
        const int ms = deadline == Clock::time_point::max()
                           ? -1
                           : static_cast<int>(std::clamp<std::int64_t>(left.count(), 1, 1 << 30));
        const int r = ::poll(fds, stop_ends_it ? 3 : 2, ms);
        if (r < 0 && errno != EINTR) {
            status = IoStatus::Failed;
            break;
        }
        if (r > 0 && fds[0].revents)
            break; // ready, or an error the next call reports
    }
    rec.record(Kind::WaitEnd, object, 0, 0, static_cast<std::uint16_t>(result_of(status)));
    return status;
}

IoStatus BlockingSocket::read_some(char* out, std::size_t cap, std::size_t& got, bool stop_ends_it,
                                   std::chrono::nanoseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    got = 0;
    for (;;) {
        const ssize_t n = ::recv(fd_, out, cap, 0);
        if (n > 0) {
            got = static_cast<std::size_t>(n);
            return IoStatus::Ok;
        }
        if (n == 0)
            return IoStatus::Closed;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return IoStatus::Failed;
        if (IoStatus s = wait_fd(session_, wake_, fd_, POLLIN, object_, stop_ends_it, deadline);
            s != IoStatus::Ok)
            return s;
    }
}

IoStatus BlockingSocket::write_all(std::string_view data, std::chrono::nanoseconds timeout) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n >= 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return IoStatus::Failed;
        if (IoStatus s =
                wait_fd(session_, wake_, fd_, POLLOUT, object_, false, Clock::now() + timeout);
            s != IoStatus::Ok)
            return s;
    }
    return IoStatus::Ok;
}

IoStatus sleep_for(Session& session, const Wakeups& wake, std::chrono::nanoseconds duration) {
    trace::Recorder& rec = session.recorder();
    rec.record(Kind::SleepBegin, 0, duration.count());
    const auto deadline = Clock::now() + duration;
    IoStatus status = IoStatus::Ok;
    pollfd poke{wake.force_fd(), POLLIN, 0};
    for (;;) {
        if (wake.forced()) {
            status = IoStatus::Forced;
            break;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            break;
        // Rounded up to whole ms: a sleep never ends early.
        ::poll(&poke, 1, static_cast<int>((left.count() + 999) / 1000));
    }
    rec.record(Kind::SleepEnd, 0);
    return status;
}

IoStatus BlockingSocket::sleep(std::chrono::nanoseconds duration) {
    return sleep_for(session_, wake_, duration);
}

void BlockingSocket::linger() {
    ::shutdown(fd_, SHUT_WR);
    const auto deadline = Clock::now() + std::chrono::milliseconds(500);
    std::vector<char> sink(4096);
    for (std::size_t total = 0; total < 1024 * 1024;) {
        const ssize_t n = ::recv(fd_, sink.data(), sink.size(), 0);
        if (n > 0) {
            total += static_cast<std::size_t>(n);
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return;
        if (errno == EINTR)
            continue;
        if (wait_fd(session_, wake_, fd_, POLLIN, object_, false, deadline) != IoStatus::Ok)
            return;
    }
}

std::optional<int> accept_one(Session& session, const Wakeups& wake, int listen_fd,
                              trace::ObjectId listener) {
    for (;;) {
        if (wake.stopping())
            return std::nullopt;
        const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            const int one = 1;
            // Replies can go out in several writes: without this, Nagle's
            // algorithm holds a later piece for the peer's delayed ACK (40 ms).
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        IoStatus s = IoStatus::Ok;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            s = wait_fd(session, wake, listen_fd, POLLIN, listener, true, Clock::time_point::max());
        else // out of descriptors or memory: wait a little instead of spinning
            s = sleep_for(session, wake, std::chrono::milliseconds(10));
        if (s != IoStatus::Ok)
            return std::nullopt;
    }
}

trace::ObjectId connection_object(Session& session, std::uint64_t number) {
    return session.registry().add_object(trace::ObjectKind::Socket,
                                         "accepted #" + std::to_string(number));
}

void serve_connection(Core& core, const Wakeups& wake, BlockingSocket& socket,
                      std::uint64_t number) {
    ++core.open;
    struct Closed {
        Core& core;
        ~Closed() { --core.open; }
    } closed{core};
    const auto idle = core.options.idle_timeout;
    Conversation conversation(core, number);
    std::vector<char> buf(16 * 1024);
    std::string piece;
    for (;;) {
        while (auto reply = conversation.next(!wake.stopping())) {
            bool ok = true;
            if (reply->prepared.delay.count() > 0)
                ok = socket.sleep(reply->prepared.delay) == IoStatus::Ok;
            ReplyBytes bytes(reply->prepared);
            while (ok && bytes.next(piece))
                ok = socket.write_all(piece, idle) == IoStatus::Ok;
            conversation.done(*reply, ok && !bytes.cut());
            if (!ok || bytes.cut())
                return;
            if (reply->bad) {
                socket.linger();
                return;
            }
            if (!reply->prepared.keep_alive)
                return;
        }
        if (wake.stopping())
            return; // idle, or a request only half here: close
        std::size_t got = 0;
        const IoStatus s = socket.read_some(buf.data(), buf.size(), got, true, idle);
        if (s == IoStatus::Timeout)
            ++core.timed_out;
        if ((s == IoStatus::Closed || s == IoStatus::Failed) && conversation.mid_request())
            ++core.aborted;
        if (s != IoStatus::Ok)
            return;
        conversation.received(buf.data(), got);
    }
}

void join_or_force(std::vector<std::unique_ptr<thread::Thread>>& lanes, Wakeups& wake,
                   Clock::time_point deadline) {
    for (auto& lane : lanes)
        if (!lane->join(std::max(deadline - Clock::now(), Clock::duration::zero()))) {
            wake.force();
            break;
        }
    for (auto& lane : lanes)
        lane->join();
}

} // namespace il::webserver::detail
