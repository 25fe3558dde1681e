// asyncio.Semaphore and BoundedSemaphore for tasks on one loop. FIFO: a
// release with tasks waiting hands its permit straight to the longest
// waiter. A BoundedSemaphore raises il::ValueError when released above its
// initial value. `async with sem:` is `auto g = co_await sem.guard();`.
// Recorded: Acquire (a = token of the Release whose permit it took, 0 for
// an initial permit; b = free permits after), Release (a = token; b = free
// permits after), WaitBegin/WaitEnd(Semaphore). Loop-thread only.
#pragma once

#include "coro/detail/waiter.h"
#include "run/session.h"
#include "trace/record.h"
#include "trace/registry.h"

#include <coroutine>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace il::coro {

class Semaphore;

class [[nodiscard]] SemaphoreGuard {
public:
    explicit SemaphoreGuard(Semaphore& sem) : sem_(&sem) {}
    SemaphoreGuard(SemaphoreGuard&& o) noexcept : sem_(std::exchange(o.sem_, nullptr)) {}
    SemaphoreGuard& operator=(SemaphoreGuard&&) = delete;
    ~SemaphoreGuard();
    void release();

private:
    Semaphore* sem_;
};

class SemaphoreAcquire : public detail::Waiter {
public:
    explicit SemaphoreAcquire(Semaphore& sem) : sem_(&sem) {}
    SemaphoreAcquire(SemaphoreAcquire&&) noexcept = default;
    bool await_ready();
    bool await_suspend(std::coroutine_handle<> h);
    void await_resume();

protected:
    Semaphore* sem_;
};

class Semaphore {
public:
    // Throws il::ValueError for a negative value.
    Semaphore(Session& session, std::string name, std::int64_t value = 1);
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    [[nodiscard]] SemaphoreAcquire acquire() { return SemaphoreAcquire(*this); }
    [[nodiscard]] auto guard() {
        struct Awaiter : SemaphoreAcquire {
            using SemaphoreAcquire::SemaphoreAcquire;
            SemaphoreGuard await_resume() {
                SemaphoreAcquire::await_resume();
                return SemaphoreGuard(*sem_);
            }
        };
        return Awaiter(*this);
    }
    void release();
    // asyncio's locked(): acquire() would wait.
    bool locked() const { return value_ == 0 || !waiters_.empty(); }
    std::int64_t value() const { return value_; }
    std::size_t waiting() const { return waiters_.size(); }
    trace::ObjectId id() const { return id_; }

protected:
    Semaphore(Session& session, std::string name, std::int64_t value, trace::ObjectKind kind,
              bool bounded);

private:
    friend class SemaphoreAcquire;
    struct Permits {
        std::int64_t token; // the Release that freed them (0: initial)
        std::int64_t tick;
        std::int64_t count;
    };
    void take(); // one free permit, recorded

    Session& session_;
    const std::int64_t initial_;
    const bool bounded_;
    const trace::ObjectId id_;
    std::int64_t value_;
    std::deque<Permits> free_; // oldest first; counts sum to value_
    detail::WaitList waiters_;
    std::int64_t last_release_ = 0;
};

class BoundedSemaphore : public Semaphore {
public:
    BoundedSemaphore(Session& session, std::string name, std::int64_t value = 1)
        : Semaphore(session, std::move(name), value, trace::ObjectKind::BoundedSemaphore, true) {}
};

} // namespace il::coro
