#include "coro/sleep.h"

#include "coro/detail/task_core.h"
#include "coro/loop.h"

namespace il::coro {

using trace::Kind;

bool SleepAwaiter::await_suspend(std::coroutine_handle<> h) {
    detail::TaskCore& t = detail::current_task();
    if (!t.suspend(*this, h))
        return false;
    t.recorder().record(Kind::SleepBegin, 0, duration_.count());
    if (duration_.count() <= 0) {
        // A yield: ready again at once. A cancel meanwhile needs no action:
        // the resumption is already queued, and it raises there.
        on_cancel = [](Waiter&) {};
        t.loop().schedule(t, h);
        return true;
    }
    timer_.emplace(t.loop().context(), duration_);
    // The frame (and *this) lives until the handler ran: the task resumes
    // only from it, also when cancelled (the timer's cancel runs it).
    timer_->async_wait([this](const std::error_code&) { task->loop().wake(*this); });
    on_cancel = [](Waiter& w) { static_cast<SleepAwaiter&>(w).timer_->cancel(); };
    return true;
}

void SleepAwaiter::await_resume() {
    if (began)
        task->recorder().record(Kind::SleepEnd, 0);
    if (cancelled != detail::CancelKind::None)
        task->throw_cancelled(cancelled);
}

} // namespace il::coro
