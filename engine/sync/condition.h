// threading.Condition: lanes wait on it until another lane notifies them.
//
// Built over a Lock or an RLock (or, by default as in Python, an RLock of its
// own). wait() needs the lock held; it releases the lock fully (every RLock
// level), waits, and takes it back at the same depth. Those steps are
// ordinary Release/Acquire records on the lock's object, so who holds the
// lock stays derivable from the trace. Waiters are served first come first
// served: each wait takes a ticket in a list (like CPython's deque of waiter
// locks), and notify(n) wakes exactly the n oldest. Thread-safe.
//
// Cancellation: when the session stops, a waiting lane leaves the waiter list,
// takes the lock back (waiting for it, even though the run is stopping, as
// Python's wait() re-acquires in a `finally`), and then il::Cancelled
// escapes. So however wait() ends, the caller holds the lock again, and
// std::lock_guard / std::unique_lock over the Condition or its lock stay
// correct while the run unwinds. That re-acquire waits until the holder lets
// go; every blocking call of the other lanes is cancelled, so holders unwind
// and release it (a lane that keeps the lock forever would hang the run in
// Python too).
//
// Recorded on the Condition: Notify (cause, a = token, b = n requested or -1
// for notify_all, c = waiters woken), Wake (effect, a = the Notify's token)
// just before WaitEnd(Ok), WaitBegin/WaitEnd with WaitReason::Condition (a
// timed-out wait records WaitEnd(Timeout) and no Wake).
#pragma once

#include "run/session.h"
#include "sync/lock.h"
#include "sync/rlock.h"
#include "trace/record.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace il::sync {

namespace detail {
class ConditionLock;
}

class Condition {
public:
    // Owns an RLock named "<name>.lock".
    Condition(Session& session, std::string name);
    // Uses `lock`, which must outlive the Condition.
    Condition(Session& session, std::string name, Lock& lock);
    Condition(Session& session, std::string name, RLock& lock);
    ~Condition();
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    // The underlying lock's acquire/release (Python's `with cond:`).
    bool acquire(Timeout timeout = std::nullopt);
    void release();
    void lock() { acquire(); }
    void unlock();
    bool try_lock();

    // Waits for a notify (true) or the timeout (false); the lock is held
    // again either way (and when il::Cancelled escapes). Throws il::RuntimeError("cannot wait on
    // un-acquired lock") if the calling lane does not hold the lock.
    bool wait(Timeout timeout = std::nullopt);
    // Waits until pred() holds (checked with the lock held); returns its last value.
    template <class Pred> bool wait_for(Pred pred, Timeout timeout = std::nullopt);
    // Wake the n oldest waiters / all of them. Need the lock held
    // (il::RuntimeError "cannot notify on un-acquired lock").
    void notify(int n = 1);
    void notify_all();

    // Lanes waiting now (an unrecorded peek, for tests and outcome checks).
    std::size_t waiting() const;
    trace::ObjectId id() const { return id_; }
    trace::ObjectId lock_id() const;
    Session& session() const { return session_; }

private:
    // One waiting lane's ticket; lives on that lane's stack while it waits.
    struct Waiter {
        std::condition_variable_any cv;
        bool notified = false;
        std::int64_t token = 0; // the Notify that woke it
        std::int64_t tick = 0;  // and that Notify's tick: the Wake is stamped after it
    };
    void do_notify(int n, std::int32_t requested);
    // Takes the lock back after a wait; on a stop, still takes it, then rethrows.
    void restore(int saved);

    Session& session_;
    std::unique_ptr<RLock> own_lock_; // set only by the one-argument constructor
    std::unique_ptr<detail::ConditionLock> lock_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_;   // guards the fields below
    std::list<Waiter*> waiters_; // oldest first; a waiter is removed by whoever ends its wait
    std::int64_t last_notify_ = 0;
};

template <class Pred> bool Condition::wait_for(Pred pred, Timeout timeout) {
    using clock = std::chrono::steady_clock;
    std::optional<clock::time_point> end;
    if (timeout)
        end = clock::now() + *timeout;
    bool result = pred();
    while (!result) {
        Timeout left;
        if (end) {
            left = std::chrono::duration_cast<std::chrono::nanoseconds>(*end - clock::now());
            if (left->count() <= 0)
                break;
        }
        wait(left);
        result = pred();
    }
    return result;
}

} // namespace il::sync
