// multiprocessing.Queue of byte strings: a FIFO between processes over an
// AF_UNIX socketpair with length-prefixed messages, and a little shared
// memory for what the pipe cannot tell: the item count (qsize, maxsize),
// global sequence numbers, and the reader/writer locks that keep several
// processes from interleaving their messages.
//
// Semantics as Python's: put blocks while maxsize items are in it (QueueFull
// after a timeout), get blocks while it is empty (QueueEmpty after a
// timeout), both cancellable. close() ends this process's use of it
// (ClosedError afterwards). A put of a large item may also wait for a reader
// to make room in the pipe (Python's feeder thread hides that; so does the
// pipe's buffer for the small items scenarios use). If a process dies while
// reading or writing a message, the queue reports itself broken
// (ProcessError) rather than returning garbage.
//
// Pass to a child with share(); there ctx.object<process::Queue>(i).
// Recorded as sync::Queue, on one ObjectKind::Queue object: Put (cause, a =
// the item's sequence number, unique across processes; b = size after), Get
// (effect, a = that number, b = size after), TryFail, waits with
// WaitReason::QueuePut / QueueGet. The queue views work across processes.
// Thread-safe.
#pragma once

#include "process/detail/shm.h"
#include "process/shareable.h"
#include "run/session.h"
#include "trace/record.h"

#include <string>
#include <string_view>

namespace il::process {

class Queue {
public:
    static constexpr std::string_view kShareKind = "queue";

    // maxsize 0: unbounded. Throws ProcessError if the OS refuses resources.
    Queue(Session& session, std::string name, std::size_t maxsize = 0);
    Queue(Session& session, const Shareable& shared); // attach (in a child)
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;
    ~Queue();

    void put(std::string_view item, Timeout timeout = std::nullopt);
    void put_nowait(std::string_view item) { put(item, std::chrono::nanoseconds(0)); }
    std::string get(Timeout timeout = std::nullopt);
    std::string get_nowait() { return get(std::chrono::nanoseconds(0)); }

    // Items put and not yet taken, across all processes (approximate while
    // others put and get, as in Python).
    std::size_t qsize() const;
    bool empty() const { return qsize() == 0; }
    bool full() const;
    std::size_t maxsize() const { return maxsize_; }
    // This process will use the queue no more (Python's close()).
    void close();

    Shareable share() const;
    trace::ObjectId id() const { return id_; }

private:
    struct State;
    State& state() const;
    void check_open(const char* what) const;

    Session& session_;
    trace::ObjectId id_;
    std::size_t maxsize_;
    detail::SharedMemory shm_;
    int read_fd_ = -1;
    int write_fd_ = -1;
};

} // namespace il::process
