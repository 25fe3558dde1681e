// coro::Task<T>: the coroutine type (Python's coroutine object). Lazy: it
// runs only when awaited (inline, in the awaiting task and on its lane, as
// `await fetch()` does) or when handed to create_task (a task of its own,
// with its own lane). A Task destroyed without either ran nothing: like
// Python's "coroutine was never awaited", that is recorded (a lane ending
// Abandoned) if a loop runs on the thread. Move-only; loop-thread only.
//
//   coro::Task<int> answer() { co_await coro::sleep(10ms); co_return 42; }
//   int v = co_await answer();                        // inline
//   auto t = coro::create_task(answer().named("a"));  // its own lane
#pragma once

#include "coro/detail/task_core.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

namespace il::coro {

template <class T = void> class Task;

namespace detail {

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#else
// clang before 15 lacks the __builtin_source_location that libstdc++ 12's
// std::source_location needs (the fuzz preset builds the engine with clang
// 14); the builtin it does have names the function, which is all lanes use.
struct SourceLocation {
    static constexpr SourceLocation current(const char* f = __builtin_FUNCTION()) noexcept {
        return {f};
    }
    constexpr const char* function_name() const noexcept { return function; }
    const char* function = "";
};
#endif

struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
        auto& p = h.promise(); // a PromiseBase (complete only below)
        if (p.continuation)
            return p.continuation;
        if (p.root)
            p.root->finish();
        return std::noop_coroutine();
    }
    void await_resume() noexcept {}
};

struct PromiseBase {
    std::coroutine_handle<> continuation; // the inline awaiter to return to
    TaskCore* root = nullptr;             // set when this frame is a task's root
    std::exception_ptr error;
    const char* function; // the coroutine's signature, for lane names
    std::string name;     // Task::named()
    bool started = false; // awaited or spawned: it will run (or ran)

    explicit PromiseBase(const SourceLocation& loc) : function(loc.function_name()) {}
    std::suspend_always initial_suspend() noexcept { return {}; }
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error = std::current_exception(); }
    void rethrow_if_error() const {
        if (error)
            std::rethrow_exception(error);
    }
};

// Records a never-awaited coroutine on the thread's running loop, if any.
void never_awaited(PromiseBase& promise) noexcept;

template <class T> struct Promise : PromiseBase {
    // The default argument is evaluated inside the coroutine: it names it.
    Promise(SourceLocation loc = SourceLocation::current()) : PromiseBase(loc) {}
    Task<T> get_return_object() noexcept;
    template <class U> void return_value(U&& v) { value.emplace(std::forward<U>(v)); }
    T take() {
        rethrow_if_error();
        return std::move(*value);
    }
    std::optional<T> value;
};

template <> struct Promise<void> : PromiseBase {
    Promise(SourceLocation loc = SourceLocation::current()) : PromiseBase(loc) {}
    Task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take() { rethrow_if_error(); }
};

} // namespace detail

template <class T> class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;
    using value_type = T;
    using Handle = std::coroutine_handle<promise_type>;

    Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    Task& operator=(Task&& o) noexcept {
        if (this != &o) {
            reset();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ~Task() { reset(); }

    // Names the lane create_task (or gather) gives it: "fetch-2" otherwise.
    Task named(std::string name) && {
        h_.promise().name = std::move(name);
        return std::move(*this);
    }

    bool valid() const { return static_cast<bool>(h_); }
    // Gives up the frame (create_task takes it).
    Handle release() { return std::exchange(h_, {}); }

    // `co_await task`: runs it inline, in the awaiting task.
    auto operator co_await() && noexcept {
        struct Awaiter {
            Handle h;
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept {
                h.promise().continuation = parent;
                h.promise().started = true;
                return h;
            }
            T await_resume() { return h.promise().take(); }
        };
        return Awaiter{h_};
    }

private:
    friend struct detail::Promise<T>;
    explicit Task(Handle h) : h_(h) {}
    void reset() {
        if (!h_)
            return;
        if (!h_.promise().started)
            detail::never_awaited(h_.promise());
        h_.destroy();
        h_ = {};
    }

    Handle h_;
};

namespace detail {
template <class T> Task<T> Promise<T>::get_return_object() noexcept {
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
} // namespace detail

} // namespace il::coro
