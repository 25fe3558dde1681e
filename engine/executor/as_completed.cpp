#include "executor/as_completed.h"

#include "executor/detail/waiter.h"
#include "run/errors.h"
#include "sync/detail/signal_wait.h"

#include <string>

namespace il::executor::detail {

AsCompletedCore::AsCompletedCore(std::vector<AnyFuture> distinct_futures, Timeout timeout)
    : fs_(std::move(distinct_futures)),
      waiter_(std::make_unique<Waiter>(Waiter::Mode::AsCompleted, fs_.size())) {
    if (timeout)
        deadline_ = std::chrono::steady_clock::now() + *timeout;
    std::size_t installed = 0;
    try {
        for (; installed < fs_.size(); ++installed)
            waiter_->install(*fs_[installed], installed);
    } catch (...) {
        for (std::size_t i = 0; i < installed; ++i)
            waiter_->uninstall(*fs_[i]);
        throw;
    }
}

AsCompletedCore::~AsCompletedCore() {
    for (const AnyFuture& f : fs_)
        waiter_->uninstall(*f);
}

std::optional<std::size_t> AsCompletedCore::next() {
    Waiter& w = *waiter_;
    std::unique_lock g(w.mutex);
    if (yielded_ < w.finished.size())
        return w.finished[yielded_++];
    if (yielded_ == fs_.size())
        return std::nullopt;

    auto timed_out = [&] {
        return TimeoutError(std::to_string(w.pending()) + " (of " + std::to_string(fs_.size()) +
                            ") futures unfinished");
    };
    Timeout left;
    if (deadline_) {
        left = *deadline_ - std::chrono::steady_clock::now();
        if (*left < Timeout::value_type::zero())
            throw timed_out();
    }
    Session& session = fs_.front()->session();
    const std::size_t first = w.first_pending();
    bool ok = sync::detail::signal_wait(
        session, g, w.cv, fs_[first]->id(), trace::WaitReason::Future, left,
        [&] { return yielded_ < w.finished.size(); },
        [&](bool waited) {
            if (waited)
                session.recorder().record_after(fs_[w.finished[yielded_]]->set_tick(),
                                                trace::Kind::Wake, fs_[w.finished[yielded_]]->id(),
                                                FutureCore::kSetToken);
            return trace::WaitResult::Ok;
        },
        static_cast<std::int32_t>(w.pending()));
    if (!ok)
        throw timed_out();
    return w.finished[yielded_++];
}

} // namespace il::executor::detail
