// asyncio.Lock for tasks on one loop: FIFO (a release hands the lock
// straight to the longest waiter, so nobody barges in), any task may
// release it (as in Python), releasing an unlocked Lock raises
// il::RuntimeError. `async with lock:` is `auto g = co_await lock.guard();`.
// Recorded: Acquire (a = token of the Release it follows, 0 if it was free;
// b = 1), Release (a = token), WaitBegin/WaitEnd(Lock) around a wait.
// A waiting acquire is cancellable (it leaves the queue). Loop-thread only.
#pragma once

#include "coro/detail/waiter.h"
#include "run/session.h"
#include "trace/record.h"

#include <coroutine>
#include <string>
#include <utility>

namespace il::coro {

class Lock;

// Releases the lock when it goes out of scope (the async context manager).
class [[nodiscard]] LockGuard {
public:
    explicit LockGuard(Lock& lock) : lock_(&lock) {}
    LockGuard(LockGuard&& o) noexcept : lock_(std::exchange(o.lock_, nullptr)) {}
    LockGuard& operator=(LockGuard&&) = delete;
    ~LockGuard();
    // Releases now (once).
    void release();

private:
    Lock* lock_;
};

class LockAcquire : public detail::Waiter {
public:
    explicit LockAcquire(Lock& lock) : lock_(&lock) {}
    LockAcquire(LockAcquire&&) noexcept = default;
    bool await_ready();
    bool await_suspend(std::coroutine_handle<> h);
    void await_resume();

protected:
    Lock* lock_;
};

class Lock {
public:
    Lock(Session& session, std::string name);
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    // co_await lock.acquire(): takes it, waiting in FIFO order.
    [[nodiscard]] LockAcquire acquire() { return LockAcquire(*this); }
    // co_await lock.guard(): acquire() returning a LockGuard.
    [[nodiscard]] auto guard() {
        struct Awaiter : LockAcquire {
            using LockAcquire::LockAcquire;
            LockGuard await_resume() {
                LockAcquire::await_resume();
                return LockGuard(*lock_);
            }
        };
        return Awaiter(*this);
    }
    void release();
    bool locked() const { return held_; }
    // The lane that holds it (0 if free).
    trace::LaneId owner() const { return owner_; }
    std::size_t waiting() const { return waiters_.size(); }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    friend class LockAcquire;

    Session& session_;
    const trace::ObjectId id_;
    bool held_ = false;
    trace::LaneId owner_ = 0;
    detail::WaitList waiters_;
    std::int64_t last_release_ = 0;      // token of the latest Release
    std::int64_t last_release_tick_ = 0; // and its tick
};

} // namespace il::coro
