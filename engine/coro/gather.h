// asyncio.gather and asyncio.as_completed over tasks on one loop.
//
//   auto [a, b] = co_await coro::gather(fetch(1), fetch(2));  // Task or TaskHandle args
//   std::vector<int> all = co_await coro::gather(std::move(tasks)); // results in order
//   auto settled = co_await coro::gather_return_exceptions(std::move(tasks));
//   auto ac = coro::as_completed(std::move(tasks));
//   for (std::size_t i = 0; i < ac.size(); ++i) int v = co_await ac.next();
//
// Coroutines are scheduled as tasks at once (each with its own lane), as
// asyncio does; void results become std::monostate in tuples. gather raises
// the first exception a child raised, as soon as it is raised (the others
// keep running); cancelling the awaiting task cancels the children.
// What is recorded: see detail/group_wait.h. Loop-thread only.
#pragma once

#include "coro/detail/group_wait.h"
#include "coro/loop.h"
#include "coro/task.h"
#include "coro/task_handle.h"

#include <array>
#include <exception>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

namespace il::coro {

namespace detail {

template <class T> struct ValueOf { using type = T; };
template <> struct ValueOf<void> { using type = std::monostate; };
template <class T> using value_t = typename ValueOf<T>::type;

template <class A> struct HandleOf;
template <class T> struct HandleOf<Task<T>> { using type = TaskHandle<T>; };
template <class T> struct HandleOf<TaskHandle<T>> { using type = TaskHandle<T>; };
template <class A> using handle_t = typename HandleOf<std::remove_cvref_t<A>>::type;

template <class A>
concept Gatherable = requires {
    typename HandleOf<std::remove_cvref_t<A>>::type;
};

template <class T> TaskHandle<T> to_handle(Task<T>&& t) {
    return running_loop().create_task(std::move(t));
}
template <class T> TaskHandle<T> to_handle(const TaskHandle<T>& h) {
    return h;
}

template <class T> value_t<T> value_from(const TaskHandle<T>& h) {
    if constexpr (std::is_void_v<T>) {
        h.result();
        return {};
    } else {
        return h.result();
    }
}

template <class T> std::vector<TaskCore*> cores(const std::vector<TaskHandle<T>>& hs) {
    std::vector<TaskCore*> out;
    out.reserve(hs.size());
    for (const auto& h : hs)
        out.push_back(h.core());
    return out;
}

template <class T> std::vector<TaskHandle<T>> spawn_all(std::vector<Task<T>>&& coros) {
    std::vector<TaskHandle<T>> hs;
    hs.reserve(coros.size());
    for (auto& c : coros)
        hs.push_back(running_loop().create_task(std::move(c)));
    return hs;
}

} // namespace detail

// What gather_return_exceptions yields per task: its value or its exception.
template <class T> using Settled = std::variant<detail::value_t<T>, std::exception_ptr>;

template <class T, bool Settle = false> class GatherAll {
public:
    explicit GatherAll(std::vector<TaskHandle<T>> hs)
        : handles_(std::move(hs)), wait_(detail::cores(handles_), Settle) {}

    bool await_ready() { return wait_.ready(); }
    bool await_suspend(std::coroutine_handle<> h) { return wait_.suspend(h); }
    auto await_resume() {
        wait_.resume();
        if constexpr (Settle) {
            std::vector<Settled<T>> out;
            for (const auto& h : handles_) {
                if (auto e = h.exception())
                    out.emplace_back(e);
                else
                    out.emplace_back(detail::value_from(h));
            }
            return out;
        } else {
            if (wait_.failed() != detail::GatherWait::npos)
                std::rethrow_exception(handles_[wait_.failed()].exception());
            if constexpr (std::is_void_v<T>) {
                return;
            } else {
                std::vector<T> out;
                out.reserve(handles_.size());
                for (const auto& h : handles_)
                    out.push_back(h.result());
                return out;
            }
        }
    }
    const std::vector<TaskHandle<T>>& tasks() const { return handles_; }

private:
    std::vector<TaskHandle<T>> handles_;
    detail::GatherWait wait_;
};

template <class... Ts> class GatherEach {
public:
    explicit GatherEach(std::tuple<TaskHandle<Ts>...> hs)
        : handles_(std::move(hs)),
          wait_(std::apply(
                    [](const auto&... h) { return std::vector<detail::TaskCore*>{h.core()...}; },
                    handles_),
                false) {}

    bool await_ready() { return wait_.ready(); }
    bool await_suspend(std::coroutine_handle<> h) { return wait_.suspend(h); }
    std::tuple<detail::value_t<Ts>...> await_resume() {
        wait_.resume();
        if (wait_.failed() != detail::GatherWait::npos) {
            auto errors = std::apply(
                [](const auto&... h) {
                    return std::array<std::exception_ptr, sizeof...(Ts)>{h.exception()...};
                },
                handles_);
            std::rethrow_exception(errors[wait_.failed()]);
        }
        return std::apply([](const auto&... h) { return std::tuple{detail::value_from(h)...}; },
                          handles_);
    }

private:
    std::tuple<TaskHandle<Ts>...> handles_;
    detail::GatherWait wait_;
};

template <class T> GatherAll<T> gather(std::vector<TaskHandle<T>> tasks) {
    return GatherAll<T>(std::move(tasks));
}
template <class T> GatherAll<T> gather(std::vector<Task<T>> coros) {
    return GatherAll<T>(detail::spawn_all(std::move(coros)));
}
// Arguments become tasks left to right (braced initialisation keeps the order).
template <detail::Gatherable... A> auto gather(A&&... aws) {
    using Each = GatherEach<typename detail::handle_t<A>::value_type...>;
    return Each(std::tuple<detail::handle_t<A>...>{detail::to_handle(std::forward<A>(aws))...});
}

template <class T> GatherAll<T, true> gather_return_exceptions(std::vector<TaskHandle<T>> tasks) {
    return GatherAll<T, true>(std::move(tasks));
}
template <class T> GatherAll<T, true> gather_return_exceptions(std::vector<Task<T>> coros) {
    return GatherAll<T, true>(detail::spawn_all(std::move(coros)));
}

// asyncio.as_completed: next() yields results in the order the tasks end
// (raising a task's exception); size() calls of next() in all.
template <class T> class AsCompleted {
public:
    explicit AsCompleted(std::vector<TaskHandle<T>> hs)
        : handles_(std::move(hs)), queue_(detail::cores(handles_)) {}
    AsCompleted(const AsCompleted&) = delete;
    AsCompleted& operator=(const AsCompleted&) = delete;

    std::size_t size() const { return handles_.size(); }
    std::size_t remaining() const { return queue_.remaining(); }

    [[nodiscard]] auto next() {
        struct Next : detail::CompletionWaiter {
            AsCompleted* ac = nullptr;
            bool await_ready() { return ac->queue_.ready(); }
            bool await_suspend(std::coroutine_handle<> h) { return ac->queue_.suspend(*this, h); }
            T await_resume() {
                const TaskHandle<T>& h = ac->handles_[ac->queue_.take(*this)];
                if constexpr (std::is_void_v<T>)
                    h.result();
                else
                    return h.result();
            }
        };
        Next n;
        n.ac = this;
        return n;
    }

private:
    std::vector<TaskHandle<T>> handles_;
    detail::CompletionQueue queue_;
};

template <class T> AsCompleted<T> as_completed(std::vector<TaskHandle<T>> tasks) {
    return AsCompleted<T>(std::move(tasks));
}
template <class T> AsCompleted<T> as_completed(std::vector<Task<T>> coros) {
    return AsCompleted<T>(detail::spawn_all(std::move(coros)));
}

} // namespace il::coro
