// asyncio.sleep: suspends the calling task for a while, on an asio timer.
// sleep(0) (or less) is asyncio.sleep(0): a bare yield to the loop, which
// resumes the task after every task that was already ready.
// Recorded on the task's lane: SleepBegin (a = requested ns) .. SleepEnd.
// Cancellable: Task.cancel() or a wait_for deadline wakes it at once with
// CancelledError, a stopped session with il::Cancelled. Loop-thread only.
#pragma once

#include "coro/detail/waiter.h"

#include <asio/steady_timer.hpp>

#include <chrono>
#include <coroutine>
#include <optional>

namespace il::coro {

class SleepAwaiter : public detail::Waiter {
public:
    explicit SleepAwaiter(std::chrono::nanoseconds duration) : duration_(duration) {}
    SleepAwaiter(SleepAwaiter&&) noexcept = default;

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h);
    void await_resume();

private:
    std::chrono::nanoseconds duration_;
    std::optional<asio::steady_timer> timer_; // made when it suspends
};

[[nodiscard]] inline SleepAwaiter sleep(std::chrono::nanoseconds duration) {
    return SleepAwaiter(duration);
}
[[nodiscard]] inline SleepAwaiter yield() {
    return SleepAwaiter(std::chrono::nanoseconds(0));
}

} // namespace il::coro
