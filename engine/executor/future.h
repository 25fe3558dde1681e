// concurrent.futures.Future: a handle to the result of work that may not
// have run yet. Copies of a Future<T> share one state (FutureCore plus the
// typed result), as Python names share one object; like std::shared_future,
// result() hands out a reference that lives as long as any handle does.
// Thread-safe: any handle may be used from any thread. Future<void> works.
// What is recorded: see future_state.h.
#pragma once

#include "executor/future_state.h"

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace il::executor {

namespace detail {

// FutureCore plus the typed result; set once, read-only after.
template <class T> class ValueCore : public FutureCore {
public:
    using FutureCore::FutureCore;
    template <class U> void set_result(U&& value) {
        auto lock = lock_for_set("set_result");
        value_.emplace(std::forward<U>(value));
        complete(std::move(lock), nullptr);
    }
    // Only after wait_result() returned: the state is FINISHED and value_ frozen.
    const T& value() const { return *value_; }

private:
    std::optional<T> value_;
};

template <> class ValueCore<void> : public FutureCore {
public:
    using FutureCore::FutureCore;
    void set_result() { complete(lock_for_set("set_result"), nullptr); }
};

} // namespace detail

template <class T> class Future {
    static_assert(!std::is_reference_v<T>, "a Future holds a value, not a reference");

public:
    // An empty handle (valid() is false); only assignment and valid() work.
    Future() = default;
    // A stand-alone future, as Python's Future(): for code that completes it
    // by hand. Executors make theirs with the other constructor.
    explicit Future(Session& session, std::string name = "future")
        : core_(std::make_shared<detail::ValueCore<T>>(session, std::move(name))) {}
    explicit Future(std::shared_ptr<detail::ValueCore<T>> core) : core_(std::move(core)) {}

    bool valid() const { return core_ != nullptr; }

    bool cancel() { return core_->cancel(); }
    bool cancelled() const { return core_->cancelled(); }
    bool running() const { return core_->running(); }
    bool done() const { return core_->done(); }
    FutureState state() const { return core_->state(); }

    // Waits for the result. Rethrows the task's exception; throws
    // il::CancelledError if cancelled, il::TimeoutError if the timeout passes,
    // il::Cancelled if the session stops.
    decltype(auto) result(Timeout timeout = std::nullopt) const {
        core_->wait_result(timeout);
        if constexpr (!std::is_void_v<T>)
            return static_cast<const T&>(core_->value());
    }
    // Waits as result() does; the task's exception, or nullptr if it returned.
    std::exception_ptr exception(Timeout timeout = std::nullopt) const {
        return core_->exception(timeout);
    }

    // fn(const Future<T>&) runs once done: at once if it already is, else on
    // the thread that completes it. Exceptions from fn are ignored.
    template <class Fn> void add_done_callback(Fn fn) {
        core_->add_done_callback([fn = std::move(fn)](FutureCore& c) mutable {
            fn(Future(std::static_pointer_cast<detail::ValueCore<T>>(c.shared_from_this())));
        });
    }

    // For executors and hand-made futures.
    bool set_running_or_notify_cancel() { return core_->set_running_or_notify_cancel(); }
    template <class... U> void set_result(U&&... value) {
        core_->set_result(std::forward<U>(value)...);
    }
    void set_exception(std::exception_ptr error) { core_->set_exception(std::move(error)); }

    trace::ObjectId id() const { return core_->id(); }
    // The untyped state, for wait() and as_completed() over mixed futures.
    AnyFuture any() const { return core_; }

    friend bool operator==(const Future& a, const Future& b) { return a.core_ == b.core_; }

private:
    std::shared_ptr<detail::ValueCore<T>> core_;
};

// What wait()/as_completed() need from a handle: Future<T> or AnyFuture.
template <class T> AnyFuture any_future(const Future<T>& f) {
    return f.any();
}
inline const AnyFuture& any_future(const AnyFuture& f) {
    return f;
}

} // namespace il::executor
