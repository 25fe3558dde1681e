// threading.Semaphore: a counter of free permits that records every step.
//
// Each permit remembers which Release made it free (the Release's token;
// 0 for the initial permits), and an Acquire records the token of the permit
// it took: exact release -> acquire arrows even with many permits. Permits
// are handed out oldest first. Waits can time out and are cancelled when the
// session stops. Satisfies Lockable (std::lock_guard works). Thread-safe.
// Recorded: Acquire (a = token of the permit's Release or 0, b = free permits
// after), Release (a = token, b = free permits after), TryFail (b = 0),
// WaitBegin/WaitEnd with WaitReason::Semaphore.
#pragma once

#include "run/session.h"
#include "trace/record.h"
#include "trace/registry.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace il::sync {

class Semaphore {
public:
    // value < 0 throws il::ValueError.
    Semaphore(Session& session, std::string name, std::int64_t value = 1);
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    // Blocks until a permit is free (true) or the timeout passes (false).
    bool acquire(Timeout timeout = std::nullopt);
    // Never blocks: true if it got a permit.
    bool try_acquire();
    // Frees n permits (n < 1 throws il::ValueError) and wakes up to n waiters.
    void release(std::int64_t n = 1);

    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return try_acquire(); }

    // Free permits now (an unrecorded peek).
    std::int64_t value() const;
    // The value it was made with (BoundedSemaphore's bound).
    std::int64_t initial_value() const { return initial_; }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

protected:
    // For BoundedSemaphore: registered as `kind`; `bounded` refuses releases
    // past the initial value.
    Semaphore(Session& session, std::string name, std::int64_t value, trace::ObjectKind kind,
              bool bounded);

private:
    // Free permits freed by one Release (token 0: the initial ones).
    struct Permits {
        std::int64_t token;
        std::int64_t tick; // the Release's tick: an Acquire of these is stamped after it
        std::int64_t count;
    };
    void take(); // with mutex_ held and value_ > 0

    Session& session_;
    const std::int64_t initial_;
    const bool bounded_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_; // guards the fields below
    std::condition_variable_any freed_;
    std::int64_t value_;
    std::deque<Permits> free_; // oldest first; the counts sum to value_
    std::int64_t last_release_ = 0;
    std::int64_t waiters_ = 0; // lanes inside acquire's wait
};

} // namespace il::sync
