// multiprocessing.Lock: a mutual-exclusion lock shared by processes, a
// process-shared robust mutex in shared memory.
//
// Unlike Python's (a semaphore), only the thread that acquired it may release
// it (il::RuntimeError otherwise), and acquiring it again on the thread that
// holds it raises il::RuntimeError instead of hanging (with a timeout it
// waits the timeout out and returns false, as Python does). If the process
// holding it dies, the next acquirer gets OwnerDiedError (and the lock is
// free again) instead of waiting forever. Waits time out and are cancelled
// when the session stops.
//
// Pass to a child with share(); there ctx.object<process::Lock>(i).
// Recorded as sync::Lock: Acquire (a = token of the Release it follows, b = 1),
// Release (a = token, counted across processes), TryFail, WaitBegin/WaitEnd
// with WaitReason::Lock, on one ObjectKind::Lock object.
// Thread-safe.
#pragma once

#include "process/detail/shm.h"
#include "process/shareable.h"
#include "run/session.h"
#include "trace/record.h"

#include <string>

namespace il::process {

class Lock {
public:
    static constexpr std::string_view kShareKind = "lock";

    Lock(Session& session, std::string name);
    Lock(Session& session, const Shareable& shared); // attach (in a child)
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    bool acquire(Timeout timeout = std::nullopt);
    bool try_acquire() { return acquire(std::chrono::nanoseconds(0)); }
    void release();
    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return try_acquire(); }

    Shareable share() const;
    trace::ObjectId id() const { return id_; }

private:
    struct State;
    State& state() const;

    Session& session_;
    trace::ObjectId id_;
    detail::SharedMemory shm_;
};

} // namespace il::process
