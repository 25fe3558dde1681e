// asyncio.to_thread(fn, *args) / loop.run_in_executor: runs fn on a worker
// of the loop's default ThreadPoolExecutor (4 workers, each a recorded
// thread lane) while the calling task waits, so a blocking call does not
// stall the loop. Returns fn's result or raises what it raised.
// Recorded on the task's lane: WaitBegin(Future, the call's future) .. Wake
// (a = the future's Set token: an arrow from the worker) .. WaitEnd; the
// worker records Submit/TaskStart/TaskEnd/Set on the future (executor/).
// Cancelling the task wakes it at once with CancelledError; the call is
// cancelled if it has not started, else it runs on (a thread cannot be
// interrupted; Python behaves the same). Loop-thread only.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/loop.h"
#include "executor/future.h"
#include "executor/thread_pool_executor.h"

#include <coroutine>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace il::coro {

namespace detail {

class ToThreadBase : public Waiter {
public:
    ToThreadBase() = default;
    ToThreadBase(ToThreadBase&&) noexcept = default;

protected:
    // After submitting: records the wait and arranges the wake-up.
    void begin(TaskCore& t, executor::AnyFuture future);
    // Records Wake + WaitEnd, or WaitEnd and raises when cancelled.
    void finish();

private:
    struct Link; // shared with the future's done-callback
    std::shared_ptr<Link> link_;
    executor::AnyFuture future_;
};

} // namespace detail

template <class F> class ToThread : public detail::ToThreadBase {
public:
    using R = std::invoke_result_t<F&>;
    explicit ToThread(F fn) : fn_(std::move(fn)) {}
    ToThread(ToThread&&) noexcept = default;

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
        detail::TaskCore& t = detail::current_task();
        if (!t.suspend(*this, h))
            return false;
        future_ = t.loop().default_executor().submit(std::move(fn_));
        begin(t, future_.any());
        return true;
    }
    R await_resume() {
        finish();
        if constexpr (std::is_void_v<R>)
            future_.result();
        else
            return future_.result();
    }

private:
    F fn_;
    executor::Future<R> future_;
};

template <class F, class... Args> auto to_thread(F&& fn, Args&&... args) {
    auto call = [f = std::forward<F>(fn), ... a = std::forward<Args>(args)]() mutable {
        return std::invoke(std::move(f), std::move(a)...);
    };
    return ToThread<decltype(call)>(std::move(call));
}

} // namespace il::coro
