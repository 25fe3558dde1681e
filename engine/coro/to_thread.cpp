#include "coro/to_thread.h"

#include <optional>

namespace il::coro::detail {

struct ToThreadBase::Link {
    Loop* loop;
    Waiter* waiter; // null once the task stopped waiting (cancelled)
    // Keeps the loop from deciding it is stuck while the thread runs.
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
    executor::FutureCore* future;
};

void ToThreadBase::begin(TaskCore& t, executor::AnyFuture future) {
    future_ = std::move(future);
    t.record_wait_begin(future_->id(), trace::WaitReason::Future);
    link_ = std::make_shared<Link>(
        Link{&t.loop(), this, asio::make_work_guard(t.loop().context()), future_.get()});
    // Runs on the worker (or here, if already done): hand over to the loop thread.
    future_->add_done_callback([link = link_](executor::FutureCore&) {
        asio::post(link->loop->context(), [link] {
            link->guard.reset();
            if (Waiter* w = std::exchange(link->waiter, nullptr))
                link->loop->wake(*w, executor::FutureCore::kSetToken, link->future->set_tick());
        });
    });
    on_cancel = [](Waiter& w) {
        auto& self = static_cast<ToThreadBase&>(w);
        self.link_->waiter = nullptr;
        self.future_->cancel(); // only if it has not started
        w.task->loop().schedule(*w.task, w.handle);
    };
}

void ToThreadBase::finish() {
    if (began && cancelled == CancelKind::None)
        task->recorder().record_after(cause_tick, trace::Kind::Wake, future_->id(), token);
    task->end_wait(*this, future_ ? future_->id() : 0);
}

} // namespace il::coro::detail
