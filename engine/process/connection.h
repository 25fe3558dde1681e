// multiprocessing.Pipe / Connection: two connected ends; each sends and
// receives whole messages (byte strings) over an AF_UNIX socketpair with
// length-prefixed frames.
//
// Pass an end to a child as one of its objects (share()); in the child,
// ctx.object<Connection>(i). Close your own copy of the end you gave away:
// as in Python, recv() only sees EOF once every copy of the other end is
// closed (including the one a dead child held).
//
// Errors: recv() when the other end is closed and nothing is left ->
// EOFError; send() to a closed other end -> BrokenPipeError (never SIGPIPE);
// using a closed end -> ClosedError; sending on a read-only end (duplex=false)
// or receiving on a write-only one -> il::RuntimeError.
//
// Recorded: each direction is one ObjectKind::Pipe object. Send (cause, a =
// the message's sequence number in its direction from 1, b = bytes) and
// Receive (effect, a = that number, b = bytes), so each message is an arrow
// from the sending process to the receiving one. A recv() or poll() that has
// to wait records WaitBegin/WaitEnd with WaitReason::Receive; a send() into a
// full pipe, WaitReason::Send.
// Thread-compatible: one lane at a time per end (as Python's).
#pragma once

#include "process/shareable.h"
#include "run/session.h"
#include "trace/record.h"

#include <string>
#include <string_view>
#include <utility>

namespace il::process {

class Connection {
public:
    static constexpr std::string_view kShareKind = "connection";

    Connection(Session& session, const Shareable& shared); // attach (in a child)
    Connection(Connection&& o) noexcept;
    Connection& operator=(Connection&& o) noexcept;
    ~Connection();

    void send(std::string_view message);
    // Blocks until a message arrives. EOFError when the other end is closed.
    std::string recv();
    // Whether a message (or EOF) is there to read, waiting up to `timeout`
    // (0: just look; nullopt: forever).
    bool poll(Timeout timeout = std::chrono::nanoseconds(0));
    void close();
    bool closed() const { return fd_ < 0; }
    bool readable() const { return readable_; }
    bool writable() const { return writable_; }

    Shareable share() const;
    trace::ObjectId send_object() const { return send_obj_; } // 0 if read-only
    trace::ObjectId recv_object() const { return recv_obj_; } // 0 if write-only
    int fd() const { return fd_; }

private:
    friend std::pair<Connection, Connection> Pipe(Session&, std::string, bool);
    Connection(Session& session, int fd, trace::ObjectId send_obj, trace::ObjectId recv_obj);
    int checked_fd(const char* what) const;

    Session* session_;
    int fd_ = -1;
    trace::ObjectId send_obj_ = 0;
    trace::ObjectId recv_obj_ = 0;
    bool readable_ = false;
    bool writable_ = false;
    std::int64_t next_seq_ = 1; // of the next message this end sends
};

// multiprocessing.Pipe(duplex): (conn1, conn2). Duplex: both ends send and
// receive (two Pipe objects, "<name> 1→2" and "<name> 2→1"). Not duplex:
// conn1 only receives, conn2 only sends (one Pipe object, "<name>").
// Throws ProcessError if the OS refuses a socketpair.
std::pair<Connection, Connection> Pipe(Session& session, std::string name, bool duplex = true);

} // namespace il::process
