// coro::TaskHandle<T>: asyncio.Task, a coroutine scheduled on a loop with a
// lane of its own. Copies share one task (reference counted). `co_await h`
// waits for its end (recorded as an Await wait, then Joined) and returns
// its result or raises its exception; cancelling the awaiting task cancels
// the awaited one too, as in asyncio. A handle may outlive its loop only to
// read the result. Loop-thread only.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/task.h"
#include "run/errors.h"

#include <exception>
#include <string>
#include <type_traits>
#include <utility>

namespace il::coro {

template <class T = void> class TaskHandle {
public:
    using value_type = T;

    TaskHandle() = default;
    explicit TaskHandle(detail::TaskCore* core) : core_(core) {
        if (core_)
            core_->add_ref();
    }
    TaskHandle(const TaskHandle& o) : TaskHandle(o.core_) {}
    TaskHandle(TaskHandle&& o) noexcept : core_(std::exchange(o.core_, nullptr)) {}
    TaskHandle& operator=(TaskHandle o) noexcept {
        std::swap(core_, o.core_);
        return *this;
    }
    ~TaskHandle() {
        if (core_)
            core_->release();
    }

    bool valid() const { return core_ != nullptr; }
    const std::string& name() const { return core_->name(); }
    trace::LaneId lane() const { return core_->lane(); }
    trace::ObjectId object() const { return core_->object(); }
    bool done() const { return core_->finished(); }
    bool cancelled() const { return core_->cancelled(); }
    // Task.cancel(): false if it already finished.
    bool cancel() { return core_->cancel(); }

    // Task.result(): il::InvalidStateError while not done; rethrows what
    // the task raised (CancelledError if it was cancelled).
    decltype(auto) result() const {
        check_done();
        promise().rethrow_if_error();
        if constexpr (!std::is_void_v<T>)
            return static_cast<const T&>(*promise().value);
    }
    // Task.exception(): what it raised, or nullptr.
    std::exception_ptr exception() const {
        check_done();
        return core_->error();
    }

    auto operator co_await() const {
        struct Awaiter {
            detail::JoinWait join;
            TaskHandle handle;
            bool await_ready() { return join.ready(); }
            bool await_suspend(std::coroutine_handle<> h) { return join.suspend(h); }
            T await_resume() {
                join.resume();
                handle.promise().rethrow_if_error();
                if constexpr (std::is_void_v<T>)
                    return;
                else if constexpr (std::is_copy_constructible_v<T>)
                    return *handle.promise().value;
                else
                    return std::move(*handle.promise().value);
            }
        };
        return Awaiter{detail::JoinWait(*core_), *this};
    }

    detail::TaskCore* core() const { return core_; }
    friend bool operator==(const TaskHandle& a, const TaskHandle& b) { return a.core_ == b.core_; }

private:
    detail::Promise<T>& promise() const {
        return static_cast<detail::Promise<T>&>(core_->promise());
    }
    void check_done() const {
        if (!core_->finished())
            throw InvalidStateError("task '" + core_->name() + "': result is not set yet");
    }

    detail::TaskCore* core_ = nullptr;
};

} // namespace il::coro
