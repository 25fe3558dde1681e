#include "process/queue.h"

#include "process/detail/frame.h"
#include "process/detail/wait.h"
#include "process/errors.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace il::process {

using trace::Kind;

struct Queue::State {
    pthread_mutex_t rlock; // one reader at a time takes a whole message
    pthread_mutex_t wlock; // one writer at a time writes a whole message
    pthread_mutex_t mutex; // guards size changes when bounded (not_full waits)
    pthread_cond_t not_full;
    std::atomic<std::int64_t> next_seq;
    std::atomic<std::int64_t> size;
    std::atomic<std::int32_t> reading; // a reader is inside a message
    std::atomic<std::int32_t> broken;  // a process died inside a message
};

Queue::Queue(Session& session, std::string name, std::size_t maxsize)
    : session_(session), maxsize_(maxsize),
      shm_(detail::SharedMemory::create(sizeof(State), "a process Queue")) {
    State* s = new (shm_.data()) State{};
    detail::init_shared_mutex(&s->rlock);
    detail::init_shared_mutex(&s->wlock);
    detail::init_shared_mutex(&s->mutex);
    detail::init_shared_cond(&s->not_full);
    s->next_seq.store(1);
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        throw ProcessError("socketpair failed for queue '" + name + "': " + std::strerror(errno));
    read_fd_ = sv[0];
    write_fd_ = sv[1];
    ::shutdown(read_fd_, SHUT_WR);
    ::shutdown(write_fd_, SHUT_RD);
    id_ = session.registry().add_object(trace::ObjectKind::Queue, std::move(name),
                                        static_cast<std::int64_t>(maxsize),
                                        static_cast<std::uint16_t>(trace::QueueOrder::Fifo));
}

Queue::Queue(Session& session, const Shareable& sh) : session_(session) {
    if (sh.kind != kShareKind || sh.ints.size() != 2 || sh.fds.size() != 3)
        throw ValueError("not a queue: " + sh.kind);
    id_ = static_cast<trace::ObjectId>(sh.ints[0]);
    maxsize_ = static_cast<std::size_t>(sh.ints[1]);
    read_fd_ = sh.fds[1];
    write_fd_ = sh.fds[2];
    shm_ = detail::SharedMemory::attach(sh.fds[0], sizeof(State), "a process Queue");
}

Queue::~Queue() {
    close();
}

Queue::State& Queue::state() const {
    return *static_cast<State*>(shm_.data());
}

void Queue::close() {
    if (read_fd_ >= 0)
        ::close(read_fd_);
    if (write_fd_ >= 0)
        ::close(write_fd_);
    read_fd_ = write_fd_ = -1;
}

void Queue::check_open(const char* what) const {
    if (write_fd_ < 0)
        throw ClosedError(std::string("cannot ") + what + ": queue '" +
                          session_.registry().object(id_).name + "' is closed");
    if (state().broken.load())
        throw ProcessError("queue '" + session_.registry().object(id_).name +
                           "' is broken: a process died in the middle of a message");
}

std::size_t Queue::qsize() const {
    return static_cast<std::size_t>(std::max<std::int64_t>(0, state().size.load()));
}

bool Queue::full() const {
    return maxsize_ > 0 && qsize() >= maxsize_;
}

void Queue::put(std::string_view item, Timeout timeout) {
    check_open("put");
    if (item.size() > detail::kMaxMessage)
        throw ValueError("item too large: " + std::to_string(item.size()) +
                         " bytes (at most 1 GiB)");
    detail::Deadline deadline(timeout);
    State& s = state();
    trace::Recorder& rec = session_.recorder();
    std::int64_t size_after = 0;
    if (maxsize_ == 0) {
        size_after = s.size.fetch_add(1) + 1;
    } else {
        detail::SharedGuard g(session_, &s.mutex);
        if (s.size.load() >= static_cast<std::int64_t>(maxsize_)) {
            if (timeout && timeout->count() == 0) {
                rec.record(Kind::TryFail, id_, 0, static_cast<std::int32_t>(s.size.load()));
                throw QueueFull();
            }
            rec.record(Kind::WaitBegin, id_, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitReason::QueuePut));
            auto end = [&](trace::WaitResult r) {
                rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(r));
            };
            while (s.size.load() >= static_cast<std::int64_t>(maxsize_)) {
                if (session_.stop_requested()) {
                    end(trace::WaitResult::Cancelled);
                    throw Cancelled();
                }
                if (deadline.passed()) {
                    end(trace::WaitResult::Timeout);
                    rec.record(Kind::TryFail, id_, 0, static_cast<std::int32_t>(s.size.load()));
                    throw QueueFull();
                }
                detail::cond_wait_slice(&s.not_full, &s.mutex, deadline);
            }
            end(trace::WaitResult::Ok);
        }
        size_after = s.size.fetch_add(1) + 1;
    }
    const std::int64_t seq = s.next_seq.fetch_add(1);
    detail::FrameHeader h{static_cast<std::uint32_t>(item.size()), 0, seq, 0};
    h.tick = rec.record(Kind::Put, id_, seq, static_cast<std::int32_t>(size_after));

    detail::SendResult r;
    {
        detail::Locked got =
            detail::lock_shared(session_, &s.wlock, detail::Deadline(std::nullopt));
        if (got == detail::Locked::OwnerDied)
            s.broken.store(1); // a writer died, maybe in the middle of a message
        try {
            r = detail::send_frame(session_, write_fd_, h, item, nullptr);
        } catch (...) {
            pthread_mutex_unlock(&s.wlock);
            throw;
        }
        pthread_mutex_unlock(&s.wlock);
    }
    if (r == detail::SendResult::Broken)
        throw BrokenPipeError("cannot put: queue '" + session_.registry().object(id_).name +
                              "' has no reader left");
}

std::string Queue::get(Timeout timeout) {
    check_open("get");
    detail::Deadline deadline(timeout);
    const bool nowait = timeout && timeout->count() == 0;
    State& s = state();
    trace::Recorder& rec = session_.recorder();
    bool waited = false;
    auto begin = [&] {
        if (!waited)
            rec.record(Kind::WaitBegin, id_, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitReason::QueueGet));
        waited = true;
    };
    auto end = [&](trace::WaitResult r) {
        if (waited)
            rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(r));
    };
    auto empty = [&] {
        end(trace::WaitResult::Timeout);
        rec.record(Kind::TryFail, id_, 0, 0);
        throw QueueEmpty();
    };

    // 1. The reader lock (another process may be waiting for a message).
    int lr = pthread_mutex_trylock(&s.rlock);
    detail::Locked got = detail::Locked::Yes;
    if (lr == EBUSY) {
        if (nowait)
            empty();
        begin();
        try {
            got = detail::lock_shared(session_, &s.rlock, deadline);
        } catch (const Cancelled&) {
            end(trace::WaitResult::Cancelled);
            throw;
        }
        if (got == detail::Locked::Timeout)
            empty();
    } else if (lr == EOWNERDEAD) {
        pthread_mutex_consistent(&s.rlock);
        got = detail::Locked::OwnerDied;
    }
    struct Unlock {
        pthread_mutex_t* m;
        ~Unlock() { pthread_mutex_unlock(m); }
    } unlock{&s.rlock};
    // A reader that died while waiting left the stream intact; one that died
    // inside a message did not.
    if (got == detail::Locked::OwnerDied && s.reading.load())
        s.broken.store(1);
    if (s.broken.load()) {
        end(trace::WaitResult::Ok);
        check_open("get");
    }

    // 2. A message to read.
    if (!detail::readable_now(read_fd_)) {
        if (nowait)
            empty();
        begin();
        detail::Ready ready;
        try {
            ready = detail::wait_fd(session_, read_fd_, POLLIN, deadline);
        } catch (const Cancelled&) {
            end(trace::WaitResult::Cancelled);
            throw;
        }
        if (ready == detail::Ready::Timeout)
            empty();
    }
    detail::FrameHeader h{};
    std::string item;
    s.reading.store(1);
    detail::RecvResult r =
        detail::recv_frame(session_, read_fd_, h, item, detail::Deadline(std::nullopt), nullptr);
    s.reading.store(0);
    if (r != detail::RecvResult::Ok) {
        end(trace::WaitResult::Ok);
        throw ProcessError("queue '" + session_.registry().object(id_).name +
                           "' lost its pipe (every writer closed it)");
    }
    std::int64_t size_after = 0;
    if (maxsize_ == 0) {
        size_after = s.size.fetch_sub(1) - 1;
    } else {
        detail::SharedGuard g(session_, &s.mutex);
        size_after = s.size.fetch_sub(1) - 1;
        pthread_cond_signal(&s.not_full);
    }
    end(trace::WaitResult::Ok);
    rec.record_after(h.tick, Kind::Get, id_, h.seq, static_cast<std::int32_t>(size_after));
    return item;
}

Shareable Queue::share() const {
    check_open("share");
    return Shareable{std::string(kShareKind),
                     {id_, static_cast<std::int64_t>(maxsize_)},
                     {shm_.fd(), read_fd_, write_fd_}};
}

} // namespace il::process
