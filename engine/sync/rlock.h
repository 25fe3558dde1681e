// threading.RLock: a reentrant lock owned by one lane, with a depth.
//
// The owner may acquire it again; each release undoes one acquire. Only the
// owner may release (il::RuntimeError "cannot release un-acquired lock"
// otherwise, as Python). Waits can time out and are cancelled when the
// session stops. Satisfies Lockable. Thread-safe.
// Recorded: Acquire (b = depth after; a = token of the Release that freed it
// for a first-level acquire, 0 for a nested one), Release (b = depth after;
// a = token only when it frees the lock, 0 for a nested one), TryFail
// (b = the owner's depth), WaitBegin/WaitEnd with WaitReason::Lock.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <condition_variable>
#include <mutex>
#include <string>

namespace il::sync {

class RLock {
public:
    RLock(Session& session, std::string name);
    RLock(const RLock&) = delete;
    RLock& operator=(const RLock&) = delete;

    // Blocks until acquired (true) or the timeout passes (false); at once if
    // the calling lane already owns it.
    bool acquire(Timeout timeout = std::nullopt);
    bool try_acquire();
    void release();

    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return try_acquire(); }

    bool locked() const;
    trace::LaneId owner() const;
    int depth() const;
    // True if the calling lane owns it.
    bool is_owned() const;

    // Python's _release_save / _acquire_restore, for Condition::wait: drop
    // every level at once (one Release, b = 0), and later take the lock back
    // at the saved depth (one Acquire, b = depth). Both throw il::RuntimeError
    // if misused. A cancellable restore throws il::Cancelled when the session
    // stops; an uncancellable one waits for the lock even then (a Condition
    // hands its caller the lock back however wait() ends).
    int release_save();
    void acquire_restore(int depth, bool cancellable = true);

    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    bool wait_free(std::unique_lock<std::mutex>& g, Timeout timeout);
    void free_locked(); // with mutex_ held: depth_ is 0, record the Release

    Session& session_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_; // guards the fields below
    std::condition_variable_any freed_;
    trace::LaneId owner_ = 0;
    int depth_ = 0;
    int waiters_ = 0;
    std::int64_t last_release_ = 0;      // token of the latest freeing Release
    std::int64_t last_release_tick_ = 0; // and the tick it was recorded at
};

} // namespace il::sync
