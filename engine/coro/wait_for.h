// asyncio.wait_for(aw, timeout): awaits `aw` (a Task, a TaskHandle, or any
// coro awaitable: q.get(), lock.acquire(), an I/O op...) in the calling
// task; when the timeout passes first, the operation `aw` is suspended in
// is cancelled (its wait ends with WaitResult::Timeout and CancelledError
// unwinds through `aw`, running its cleanups), then il::TimeoutError is
// raised. A TaskHandle is cancelled on timeout, as asyncio does. The same
// deadline is asyncio.timeout(): coro::Deadline for a block of awaits.
// Loop-thread only.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/task.h"
#include "run/errors.h"

#include <asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace il::coro {

// A scope during which the calling task's awaits end with CancelledError
// once `timeout` has passed (asyncio.timeout(): catch CancelledError and
// check fired(), or use wait_for). Must be made inside a task.
class Deadline {
public:
    explicit Deadline(std::chrono::nanoseconds timeout);
    ~Deadline();
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

    bool fired() const { return state_->fired; }
    std::chrono::nanoseconds timeout() const { return timeout_; }

private:
    // Shared with the timer's handler, which may run after the scope ended.
    struct State {
        detail::TaskCore* task;
        bool fired = false;
        bool done = false;
    };
    std::chrono::nanoseconds timeout_;
    std::shared_ptr<State> state_;
    asio::steady_timer timer_;
};

namespace detail {

template <class A> decltype(auto) get_awaiter(A&& a) {
    if constexpr (requires { std::forward<A>(a).operator co_await(); })
        return std::forward<A>(a).operator co_await();
    else
        return std::forward<A>(a);
}
template <class A> using await_result_t = decltype(get_awaiter(std::declval<A>()).await_resume());

[[noreturn]] void throw_timeout(std::chrono::nanoseconds timeout);

} // namespace detail

template <class A, class R = detail::await_result_t<A>>
requires std::is_void_v<R> Task<void> wait_for(A aw, std::chrono::nanoseconds timeout) {
    Deadline deadline(timeout);
    try {
        co_await std::move(aw);
        co_return;
    } catch (const CancelledError&) {
        if (!deadline.fired())
            throw;
    }
    detail::throw_timeout(timeout);
}

template <class A, class R = detail::await_result_t<A>>
requires(!std::is_void_v<R>) Task<R> wait_for(A aw, std::chrono::nanoseconds timeout) {
    Deadline deadline(timeout);
    try {
        co_return co_await std::move(aw);
    } catch (const CancelledError&) {
        if (!deadline.fired())
            throw;
    }
    detail::throw_timeout(timeout);
}

} // namespace il::coro
