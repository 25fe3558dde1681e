#include "process/connection.h"

#include "process/detail/frame.h"
#include "process/errors.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace il::process {

using trace::Kind;

Connection::Connection(Session& session, int fd, trace::ObjectId send_obj, trace::ObjectId recv_obj)
    : session_(&session), fd_(fd), send_obj_(send_obj), recv_obj_(recv_obj),
      readable_(recv_obj != 0), writable_(send_obj != 0) {}

Connection::Connection(Session& session, const Shareable& s) : session_(&session) {
    if (s.kind != kShareKind || s.ints.size() != 3 || s.fds.size() != 1)
        throw ValueError("not a connection: " + s.kind);
    fd_ = s.fds[0];
    send_obj_ = static_cast<trace::ObjectId>(s.ints[0]);
    recv_obj_ = static_cast<trace::ObjectId>(s.ints[1]);
    next_seq_ = s.ints[2];
    readable_ = recv_obj_ != 0;
    writable_ = send_obj_ != 0;
}

Connection::Connection(Connection&& o) noexcept
    : session_(o.session_), fd_(std::exchange(o.fd_, -1)), send_obj_(o.send_obj_),
      recv_obj_(o.recv_obj_), readable_(o.readable_), writable_(o.writable_),
      next_seq_(o.next_seq_) {}

Connection& Connection::operator=(Connection&& o) noexcept {
    if (this != &o) {
        close();
        session_ = o.session_;
        fd_ = std::exchange(o.fd_, -1);
        send_obj_ = o.send_obj_;
        recv_obj_ = o.recv_obj_;
        readable_ = o.readable_;
        writable_ = o.writable_;
        next_seq_ = o.next_seq_;
    }
    return *this;
}

Connection::~Connection() {
    close();
}

void Connection::close() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

int Connection::checked_fd(const char* what) const {
    if (fd_ < 0)
        throw ClosedError(std::string("cannot ") + what + " on a closed connection");
    return fd_;
}

void Connection::send(std::string_view message) {
    const int fd = checked_fd("send");
    if (!writable_)
        throw RuntimeError("connection is read-only (the receiving end of Pipe(duplex=false))");
    if (message.size() > detail::kMaxMessage)
        throw ValueError("message too long: " + std::to_string(message.size()) +
                         " bytes (at most 1 GiB)");
    trace::Recorder& rec = session_->recorder();
    const std::int64_t seq = next_seq_++;
    detail::FrameHeader h{static_cast<std::uint32_t>(message.size()), 0, seq, 0};
    h.tick = rec.record(Kind::Send, send_obj_, seq, static_cast<std::int32_t>(message.size()));
    bool waited = false;
    auto on_block = [&] {
        waited = true;
        rec.record(Kind::WaitBegin, send_obj_, 0, 0,
                   static_cast<std::uint16_t>(trace::WaitReason::Send));
    };
    detail::SendResult r;
    try {
        r = detail::send_frame(*session_, fd, h, message, on_block);
    } catch (const Cancelled&) {
        if (waited)
            rec.record(Kind::WaitEnd, send_obj_, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitResult::Cancelled));
        throw;
    }
    if (waited)
        rec.record(Kind::WaitEnd, send_obj_, 0, 0,
                   static_cast<std::uint16_t>(trace::WaitResult::Ok));
    if (r == detail::SendResult::Broken)
        throw BrokenPipeError("cannot send: the other end of the pipe is closed");
}

std::string Connection::recv() {
    const int fd = checked_fd("recv");
    if (!readable_)
        throw RuntimeError("connection is write-only (the sending end of Pipe(duplex=false))");
    trace::Recorder& rec = session_->recorder();
    bool waited = false;
    auto on_block = [&] {
        waited = true;
        rec.record(Kind::WaitBegin, recv_obj_, 0, 0,
                   static_cast<std::uint16_t>(trace::WaitReason::Receive));
    };
    auto end_wait = [&](trace::WaitResult r) {
        if (waited)
            rec.record(Kind::WaitEnd, recv_obj_, 0, 0, static_cast<std::uint16_t>(r));
    };
    detail::FrameHeader h{};
    std::string payload;
    detail::RecvResult r;
    try {
        r = detail::recv_frame(*session_, fd, h, payload, detail::Deadline(std::nullopt), on_block);
    } catch (const Cancelled&) {
        end_wait(trace::WaitResult::Cancelled);
        throw;
    } catch (...) {
        end_wait(trace::WaitResult::Ok);
        throw;
    }
    end_wait(trace::WaitResult::Ok);
    if (r == detail::RecvResult::Eof)
        throw EOFError("cannot recv: the other end of the pipe is closed and nothing is left");
    rec.record_after(h.tick, Kind::Receive, recv_obj_, h.seq,
                     static_cast<std::int32_t>(payload.size()));
    return payload;
}

bool Connection::poll(Timeout timeout) {
    const int fd = checked_fd("poll");
    if (!readable_)
        throw RuntimeError("connection is write-only (the sending end of Pipe(duplex=false))");
    detail::Deadline deadline(timeout);
    if (detail::readable_now(fd))
        return true;
    if (timeout && timeout->count() == 0)
        return false;
    trace::Recorder& rec = session_->recorder();
    rec.record(Kind::WaitBegin, recv_obj_, 0, 0,
               static_cast<std::uint16_t>(trace::WaitReason::Receive));
    detail::Ready ready;
    try {
        ready = detail::wait_fd(*session_, fd, POLLIN, deadline);
    } catch (const Cancelled&) {
        rec.record(Kind::WaitEnd, recv_obj_, 0, 0,
                   static_cast<std::uint16_t>(trace::WaitResult::Cancelled));
        throw;
    }
    const bool ok = ready == detail::Ready::Yes;
    rec.record(Kind::WaitEnd, recv_obj_, 0, 0,
               static_cast<std::uint16_t>(ok ? trace::WaitResult::Ok : trace::WaitResult::Timeout));
    return ok;
}

Shareable Connection::share() const {
    checked_fd("share");
    return Shareable{std::string(kShareKind), {send_obj_, recv_obj_, next_seq_}, {fd_}};
}

std::pair<Connection, Connection> Pipe(Session& session, std::string name, bool duplex) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        throw ProcessError(std::string("socketpair failed for pipe '") + name +
                           "': " + std::strerror(errno));
    trace::Registry& reg = session.registry();
    if (duplex) {
        trace::ObjectId a_to_b = reg.add_object(trace::ObjectKind::Pipe, name + " 1\u21922");
        trace::ObjectId b_to_a = reg.add_object(trace::ObjectKind::Pipe, name + " 2\u21921");
        return {Connection(session, sv[0], a_to_b, b_to_a),
                Connection(session, sv[1], b_to_a, a_to_b)};
    }
    // conn1 receives, conn2 sends; each socket is shut for the other direction.
    ::shutdown(sv[0], SHUT_WR);
    ::shutdown(sv[1], SHUT_RD);
    trace::ObjectId obj = reg.add_object(trace::ObjectKind::Pipe, std::move(name));
    return {Connection(session, sv[0], 0, obj), Connection(session, sv[1], obj, 0)};
}

} // namespace il::process
