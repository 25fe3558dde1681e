// threading.Lock: a mutual-exclusion lock that records every step.
//
// Any lane may release it (as in Python); releasing an unlocked Lock throws
// il::RuntimeError. Waits can time out and are cancelled when the session
// stops. Satisfies Lockable, so std::lock_guard / std::unique_lock work.
// Thread-safe. Recorded: Acquire (a = token of the Release it follows, b = 1),
// Release (a = token), TryFail, WaitBegin/WaitEnd with WaitReason::Lock.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <condition_variable>
#include <mutex>
#include <string>

namespace il::sync {

class Lock {
public:
    Lock(Session& session, std::string name);
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    // Blocks until acquired (true) or the timeout passes (false).
    bool acquire(Timeout timeout = std::nullopt);
    // Never blocks: true if it got the lock.
    bool try_acquire();
    void release();
    bool locked() const;
    // The lane that holds it, 0 if free.
    trace::LaneId owner() const;

    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return try_acquire(); }

    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    void take(trace::LaneId lane); // with mutex_ held

    Session& session_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_; // guards the fields below
    std::condition_variable_any freed_;
    bool held_ = false;
    trace::LaneId owner_ = 0;
    int waiters_ = 0;
    std::int64_t last_release_ = 0;      // token of the latest Release
    std::int64_t last_release_tick_ = 0; // and the tick it was recorded at
};

} // namespace il::sync
