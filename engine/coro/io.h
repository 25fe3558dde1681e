// Awaiting any asio operation from a task: pass coro::io(object) as the
// completion token, where `object` names what the task waits on (a socket's
// ObjectKind::Socket id, or 0):
//
//   std::size_t n = co_await sock.async_read_some(asio::buffer(buf), coro::io(sock_id));
//   auto [ec, n] = co_await sock.async_read_some(buf, coro::io_nothrow(sock_id));
//
// Recorded on the task's lane: WaitBegin(Io, object) .. WaitEnd (Ok, or
// Cancelled / Timeout). coro::io raises std::system_error for an error code
// and returns the other completion values (none: void; one: it; more: a
// tuple); coro::io_nothrow returns them all, the error code included.
// Cancellation (Task.cancel, a wait_for deadline, session stop) emits asio's
// per-operation cancellation (terminal) on the operation, waits for its
// completion handler, then raises CancelledError (il::Cancelled when the run
// stops) at the await. An operation that ignores cancellation slots (a
// resolver) is simply waited for. The I/O object must belong to the loop's
// io_context (Loop::context()); completions always run on the loop thread.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/loop.h"
#include "trace/record.h"

#include <asio.hpp>

#include <coroutine>
#include <memory>
#include <optional>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

namespace il::coro {

template <bool Throw> struct IoToken { trace::ObjectId object = 0; };

inline IoToken<true> io(trace::ObjectId object = 0) {
    return {object};
}
inline IoToken<false> io_nothrow(trace::ObjectId object = 0) {
    return {object};
}

namespace detail {

template <class... Ts> auto unpack(std::tuple<Ts...>&& t) {
    if constexpr (sizeof...(Ts) == 0)
        return;
    else if constexpr (sizeof...(Ts) == 1)
        return std::get<0>(std::move(t));
    else
        return std::move(t);
}

template <bool Throw, class... Args> class IoOp : public Waiter {
public:
    struct Handler {
        IoOp* op;
        using executor_type = asio::io_context::executor_type;
        executor_type get_executor() const noexcept {
            return op->task->loop().context().get_executor();
        }
        using cancellation_slot_type = asio::cancellation_slot;
        cancellation_slot_type get_cancellation_slot() const noexcept { return op->signal_.slot(); }
        void operator()(Args... args) {
            op->result_.emplace(std::move(args)...);
            op->task->loop().wake(*op);
        }
    };

    template <class Init>
    IoOp(trace::ObjectId object, Init&& init)
        : object_(object),
          init_(std::make_unique<Start<std::decay_t<Init>>>(std::forward<Init>(init))) {}
    IoOp(IoOp&& o) noexcept : Waiter(std::move(o)), object_(o.object_), init_(std::move(o.init_)) {}

    bool await_ready() const noexcept { return false; }

    bool await_suspend(std::coroutine_handle<> h) {
        TaskCore& t = current_task();
        if (!t.suspend(*this, h))
            return false;
        t.record_wait_begin(object_, trace::WaitReason::Io);
        on_cancel = [](Waiter& w) {
            static_cast<IoOp&>(w).signal_.emit(asio::cancellation_type::terminal);
        };
        try {
            init_->start(Handler{this});
        } catch (...) {
            // Nothing started: the span ends here and the error surfaces at the await.
            t.wait = nullptr;
            t.recorder().record(trace::Kind::WaitEnd, object_);
            throw;
        }
        return true;
    }

    auto await_resume() {
        task->end_wait(*this, object_);
        if constexpr (!Throw) {
            return unpack(std::move(*result_));
        } else if constexpr (sizeof...(Args) > 0 &&
                             std::is_same_v<std::tuple_element_t<0, std::tuple<Args...>>,
                                            std::error_code>) {
            return std::apply(
                [](std::error_code ec, auto&&... rest) {
                    if (ec)
                        throw std::system_error(ec);
                    return unpack(std::tuple<std::decay_t<decltype(rest)>...>(
                        std::forward<decltype(rest)>(rest)...));
                },
                std::move(*result_));
        } else {
            return unpack(std::move(*result_));
        }
    }

private:
    struct StartBase {
        virtual ~StartBase() = default;
        virtual void start(Handler h) = 0;
    };
    template <class F> struct Start final : StartBase {
        explicit Start(F f) : fn(std::move(f)) {}
        void start(Handler h) override { fn(std::move(h)); }
        F fn;
    };

    trace::ObjectId object_;
    std::unique_ptr<StartBase> init_; // starts the operation with our handler
    asio::cancellation_signal signal_;
    std::optional<std::tuple<Args...>> result_;
};

} // namespace detail
} // namespace il::coro

namespace asio {

template <bool Throw, class R, class... Args>
class async_result<il::coro::IoToken<Throw>, R(Args...)> {
public:
    using return_type = il::coro::detail::IoOp<Throw, std::decay_t<Args>...>;

    template <class Initiation, class... InitArgs>
    static return_type initiate(Initiation&& init, il::coro::IoToken<Throw> token,
                                InitArgs&&... args) {
        return return_type(token.object,
                           [init = std::forward<Initiation>(init),
                            ... args = std::forward<InitArgs>(args)](auto handler) mutable {
                               std::move(init)(std::move(handler), std::move(args)...);
                           });
    }
};

} // namespace asio
