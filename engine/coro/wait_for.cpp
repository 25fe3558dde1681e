#include "coro/wait_for.h"

#include "coro/loop.h"

#include <cstdio>

namespace il::coro {

Deadline::Deadline(std::chrono::nanoseconds timeout)
    : timeout_(timeout), state_(std::make_shared<State>(State{&detail::current_task()})),
      timer_(state_->task->loop().context(), timeout) {
    timer_.async_wait([s = state_](const std::error_code& ec) {
        if (ec || s->done)
            return;
        s->fired = true;
        s->task->cancel(detail::CancelKind::Timeout);
    });
}

Deadline::~Deadline() {
    state_->done = true;
    timer_.cancel();
    // Fired while the task was not waiting and never delivered: not ours any more.
    if (state_->fired)
        state_->task->clear_pending(detail::CancelKind::Timeout);
}

namespace detail {
void throw_timeout(std::chrono::nanoseconds timeout) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g ms", static_cast<double>(timeout.count()) / 1e6);
    throw TimeoutError(std::string("wait_for: timed out after ") + buf);
}
} // namespace detail

} // namespace il::coro
