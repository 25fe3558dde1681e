// Length-prefixed messages over a stream socket, shared by Connection and
// Queue: a 24-byte header (payload length, the sender's sequence number =
// trace token, and the tick its Send/Put was recorded at, so the receiver's
// effect is stamped after it) and the payload.
//
// Sockets are AF_UNIX stream socketpairs, used with MSG_NOSIGNAL (a closed
// peer gives EPIPE, never SIGPIPE) and MSG_DONTWAIT per call (the O_NONBLOCK
// flag would be shared with every process holding the same socket).
// Waits go through detail::wait_fd: timeouts and the session's stop apply.
#pragma once

#include "process/detail/wait.h"
#include "run/session.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace il::process::detail {

struct FrameHeader {
    std::uint32_t length;
    std::uint32_t reserved;
    std::int64_t seq;
    std::int64_t tick;
};
static_assert(sizeof(FrameHeader) == 24);

inline constexpr std::size_t kMaxMessage = std::size_t(1) << 30; // 1 GiB

// Called once, just before the first time a send/recv has to block.
using OnBlock = std::function<void()>;

enum class SendResult { Ok, Broken };
// Sends one whole frame. Blocks (cancellable) while the socket is full.
SendResult send_frame(Session& session, int fd, const FrameHeader& h, std::string_view payload,
                      const OnBlock& on_block);

enum class RecvResult { Ok, Eof, Timeout };
// Receives one whole frame. Eof only at a frame boundary; a peer that closes
// mid-frame gives EOFError. The deadline applies until the first byte.
RecvResult recv_frame(Session& session, int fd, FrameHeader& h, std::string& payload,
                      const Deadline& deadline, const OnBlock& on_block);

// True if a frame (or EOF) can be read without blocking.
bool readable_now(int fd);

} // namespace il::process::detail
