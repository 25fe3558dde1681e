#include "sync/event.h"

#include "sync/detail/signal_wait.h"

#include <algorithm>

namespace il::sync {

using trace::Kind;

Event::Event(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Event, std::move(name))) {}

void Event::set() {
    std::lock_guard g(mutex_);
    flag_ = true;
    ++sets_;
    set_tick_ = std::max(set_tick_, session_.recorder().record(Kind::Set, id_, sets_));
    // With the mutex held: a woken waiter may destroy the event.
    if (waiters_ > 0)
        changed_.notify_all();
}

void Event::clear() {
    std::lock_guard g(mutex_);
    flag_ = false;
    session_.recorder().record(Kind::Clear, id_);
}

bool Event::is_set() const {
    std::lock_guard g(mutex_);
    return flag_;
}

bool Event::wait(Timeout timeout) {
    std::unique_lock g(mutex_);
    // Already set: the latest Set is the cause. Otherwise the first set()
    // after this point, whose token is seen + 1, wakes us.
    const bool already = flag_;
    const std::int64_t seen = sets_;
    ++waiters_;
    bool ok = false;
    try {
        ok = detail::signal_wait(
            session_, g, changed_, id_, trace::WaitReason::Event, timeout,
            [&] { return already || sets_ != seen; },
            [&](bool) {
                session_.recorder().record_after(set_tick_, Kind::Wake, id_,
                                                 already ? seen : seen + 1);
                return trace::WaitResult::Ok;
            });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    return ok;
}

} // namespace il::sync
