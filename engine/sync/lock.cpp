#include "sync/lock.h"

#include "run/errors.h"
#include "sync/detail/blocking_wait.h"

namespace il::sync {

using trace::Kind;

Lock::Lock(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Lock, std::move(name))) {}

void Lock::take(trace::LaneId lane) {
    held_ = true;
    owner_ = lane;
    session_.recorder().record_after(last_release_tick_, Kind::Acquire, id_, last_release_, 1);
}

bool Lock::acquire(Timeout timeout) {
    trace::LaneId me = session_.recorder().current_lane();
    std::unique_lock g(mutex_);
    ++waiters_;
    bool ok = false;
    try {
        ok = detail::blocking_wait(session_, g, freed_, id_, trace::WaitReason::Lock, timeout,
                                   [this] { return !held_; });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    if (!ok) {
        session_.recorder().record(Kind::TryFail, id_, 0, 1);
        return false;
    }
    take(me);
    return true;
}

bool Lock::try_acquire() {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    if (held_) {
        session_.recorder().record(Kind::TryFail, id_, 0, 1);
        return false;
    }
    take(me);
    return true;
}

void Lock::release() {
    std::lock_guard g(mutex_);
    if (!held_)
        throw RuntimeError("release unlocked lock '" + session_.registry().object(id_).name + "'");
    held_ = false;
    owner_ = 0;
    ++last_release_;
    last_release_tick_ = session_.recorder().record(Kind::Release, id_, last_release_, 0);
    // Notified with the mutex held: a woken waiter may destroy this Lock as
    // soon as it can take the mutex, so nothing may touch *this after unlock.
    if (waiters_ > 0)
        freed_.notify_one();
}

bool Lock::locked() const {
    std::lock_guard g(mutex_);
    return held_;
}

trace::LaneId Lock::owner() const {
    std::lock_guard g(mutex_);
    return owner_;
}

} // namespace il::sync
