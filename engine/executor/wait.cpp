#include "executor/wait.h"

#include "executor/detail/waiter.h"
#include "sync/detail/signal_wait.h"

#include <algorithm>

namespace il::executor::detail {

std::vector<std::size_t> distinct(const std::vector<AnyFuture>& fs) {
    std::vector<std::size_t> order(fs.size());
    for (std::size_t i = 0; i < fs.size(); ++i)
        order[i] = i;
    // Sort positions by future, keep the first of each run, restore input order.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::less<FutureCore*>()(fs[a].get(), fs[b].get());
    });
    std::vector<std::size_t> out;
    out.reserve(fs.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        if (k == 0 || fs[order[k]] != fs[order[k - 1]])
            out.push_back(order[k]);
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

Waiter::Mode mode_for(ReturnWhen when) {
    switch (when) {
    case ReturnWhen::FirstCompleted:
        return Waiter::Mode::FirstCompleted;
    case ReturnWhen::FirstException:
        return Waiter::Mode::FirstException;
    case ReturnWhen::AllCompleted:
        break;
    }
    return Waiter::Mode::AllCompleted;
}

// Takes the waiter off every future, even when the wait threw.
struct Uninstall {
    Waiter& waiter;
    const std::vector<AnyFuture>& fs;
    ~Uninstall() {
        for (const AnyFuture& f : fs)
            waiter.uninstall(*f);
    }
};

} // namespace

WaitIndices wait_distinct(const std::vector<AnyFuture>& fs, Timeout timeout, ReturnWhen when) {
    WaitIndices out;
    if (fs.empty())
        return out;
    Session& session = fs.front()->session();
    Waiter waiter(mode_for(when), fs.size());
    std::vector<char> done(fs.size(), 0);
    {
        Uninstall uninstall{waiter, fs};
        for (std::size_t i = 0; i < fs.size(); ++i)
            waiter.install(*fs[i], i);
        // Released before `uninstall` runs: it takes the futures' mutexes.
        std::unique_lock g(waiter.mutex);
        const std::size_t first = waiter.first_pending();
        const trace::ObjectId object = first < fs.size() ? fs[first]->id() : 0;
        sync::detail::signal_wait(
            session, g, waiter.cv, object, trace::WaitReason::Future, timeout,
            [&] { return waiter.triggered; },
            [&](bool waited) {
                if (waited)
                    session.recorder().record_after(fs[waiter.trigger]->set_tick(),
                                                    trace::Kind::Wake, fs[waiter.trigger]->id(),
                                                    FutureCore::kSetToken);
                return trace::WaitResult::Ok;
            },
            static_cast<std::int32_t>(waiter.pending()));
        for (std::size_t i : waiter.finished)
            done[i] = 1;
    }
    for (std::size_t i = 0; i < fs.size(); ++i)
        (done[i] ? out.done : out.not_done).push_back(i);
    return out;
}

} // namespace il::executor::detail
