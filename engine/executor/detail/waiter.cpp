#include "executor/detail/waiter.h"

#include "executor/future_state.h"

#include <algorithm>

namespace il::executor::detail {

Waiter::Waiter(Mode mode, std::size_t total) : mode_(mode), total_(total), is_finished_(total, 0) {
    finished.reserve(total);
    triggered = total == 0;
}

void Waiter::install(FutureCore& f, std::size_t index) {
    std::lock_guard g(f.mutex_);
    if (f.is_done())
        on_done(index, f.raised());
    else
        f.waiters_.emplace_back(this, index);
}

void Waiter::uninstall(FutureCore& f) {
    std::lock_guard g(f.mutex_);
    auto& ws = f.waiters_;
    ws.erase(
        std::remove_if(ws.begin(), ws.end(), [this](const auto& w) { return w.first == this; }),
        ws.end());
}

void Waiter::on_done(std::size_t index, bool raised) {
    std::lock_guard g(mutex);
    if (is_finished_[index])
        return;
    is_finished_[index] = 1;
    finished.push_back(index);
    bool now = false;
    switch (mode_) {
    case Mode::FirstCompleted:
        now = true;
        break;
    case Mode::FirstException:
        now = raised || finished.size() == total_;
        break;
    case Mode::AllCompleted:
        now = finished.size() == total_;
        break;
    case Mode::AsCompleted:
        cv.notify_all();
        return;
    }
    if (now && !triggered) {
        triggered = true;
        trigger = index;
        cv.notify_all();
    }
}

std::size_t Waiter::first_pending() {
    while (first_pending_ < total_ && is_finished_[first_pending_])
        ++first_pending_;
    return first_pending_;
}

} // namespace il::executor::detail
