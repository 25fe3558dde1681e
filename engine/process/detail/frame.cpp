#include "process/detail/frame.h"

#include "process/errors.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace il::process::detail {

SendResult send_frame(Session& session, int fd, const FrameHeader& h, std::string_view payload,
                      const OnBlock& on_block) {
    iovec iov[2] = {{const_cast<FrameHeader*>(&h), sizeof h},
                    {const_cast<char*>(payload.data()), payload.size()}};
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = payload.empty() ? 1 : 2;
    bool blocked = false;
    const Deadline forever(std::nullopt);
    for (;;) {
        ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!blocked && on_block)
                    on_block();
                blocked = true;
                wait_fd(session, fd, POLLOUT, forever);
                continue;
            }
            if (errno == EPIPE || errno == ECONNRESET || errno == ENOTCONN)
                return SendResult::Broken;
            throw ProcessError(std::string("send failed: ") + std::strerror(errno));
        }
        // Partial send: skip what went out, keep going.
        auto left = static_cast<std::size_t>(n);
        while (msg.msg_iovlen > 0 && left >= msg.msg_iov[0].iov_len) {
            left -= msg.msg_iov[0].iov_len;
            ++msg.msg_iov;
            --msg.msg_iovlen;
        }
        if (msg.msg_iovlen == 0)
            return SendResult::Ok;
        msg.msg_iov[0].iov_base = static_cast<char*>(msg.msg_iov[0].iov_base) + left;
        msg.msg_iov[0].iov_len -= left;
    }
}

namespace {

// Reads exactly n bytes. Returns how many it got before EOF (n if all).
std::size_t read_exact(Session& session, int fd, char* p, std::size_t n, const Deadline& first,
                       bool& timed_out, const OnBlock& on_block, bool& blocked) {
    std::size_t got = 0;
    const Deadline forever(std::nullopt);
    while (got < n) {
        ssize_t r = ::recv(fd, p + got, n - got, MSG_DONTWAIT);
        if (r > 0) {
            got += static_cast<std::size_t>(r);
            continue;
        }
        if (r == 0)
            return got;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!blocked && on_block)
                on_block();
            blocked = true;
            // The caller's deadline only until the frame starts; a started
            // frame is finished (its sender is writing it right now).
            if (wait_fd(session, fd, POLLIN, got == 0 ? first : forever) == Ready::Timeout) {
                timed_out = true;
                return got;
            }
            continue;
        }
        if (errno == ECONNRESET)
            return got;
        throw ProcessError(std::string("recv failed: ") + std::strerror(errno));
    }
    return got;
}

} // namespace

RecvResult recv_frame(Session& session, int fd, FrameHeader& h, std::string& payload,
                      const Deadline& deadline, const OnBlock& on_block) {
    bool timed_out = false, blocked = false;
    std::size_t got = read_exact(session, fd, reinterpret_cast<char*>(&h), sizeof h, deadline,
                                 timed_out, on_block, blocked);
    if (timed_out && got == 0)
        return RecvResult::Timeout;
    if (got == 0)
        return RecvResult::Eof;
    if (got < sizeof h)
        throw EOFError("the other end closed in the middle of a message");
    if (h.length > kMaxMessage)
        throw ProcessError("malformed message on the connection (length " +
                           std::to_string(h.length) + ")");
    payload.resize(h.length);
    const Deadline forever(std::nullopt);
    got = read_exact(session, fd, payload.data(), h.length, forever, timed_out, on_block, blocked);
    if (got < h.length)
        throw EOFError("the other end closed in the middle of a message");
    return RecvResult::Ok;
}

bool readable_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

} // namespace il::process::detail
