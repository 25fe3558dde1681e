#include "sync/condition.h"

#include "run/errors.h"
#include "sync/detail/condition_lock.h"
#include "sync/detail/signal_wait.h"

#include <algorithm>
#include <limits>

namespace il::sync {

using trace::Kind;

Condition::Condition(Session& session, std::string name)
    : session_(session), own_lock_(std::make_unique<RLock>(session, name + ".lock")),
      lock_(std::make_unique<detail::RLockAdapter>(*own_lock_)),
      id_(session.registry().add_object(trace::ObjectKind::Condition, std::move(name), 0, 0,
                                        lock_->id())) {}

Condition::Condition(Session& session, std::string name, Lock& lock)
    : session_(session), lock_(std::make_unique<detail::LockAdapter>(lock)),
      id_(session.registry().add_object(trace::ObjectKind::Condition, std::move(name), 0, 0,
                                        lock_->id())) {}

Condition::Condition(Session& session, std::string name, RLock& lock)
    : session_(session), lock_(std::make_unique<detail::RLockAdapter>(lock)),
      id_(session.registry().add_object(trace::ObjectKind::Condition, std::move(name), 0, 0,
                                        lock_->id())) {}

Condition::~Condition() = default;

bool Condition::acquire(Timeout timeout) {
    return lock_->acquire(timeout);
}
void Condition::release() {
    lock_->release();
}
bool Condition::try_lock() {
    return lock_->try_acquire();
}

void Condition::unlock() {
    lock_->release();
}

void Condition::restore(int saved) {
    try {
        lock_->acquire_restore(saved, true);
    } catch (const Cancelled&) {
        lock_->acquire_restore(saved, false);
        throw;
    }
}

trace::ObjectId Condition::lock_id() const {
    return lock_->id();
}

bool Condition::wait(Timeout timeout) {
    if (!lock_->is_owned())
        throw RuntimeError("cannot wait on un-acquired lock");
    Waiter me;
    bool ok = false;
    int saved = 0;
    {
        // The ticket is taken and the lock released under mutex_, so no
        // notify can slip in before this lane is really waiting: every Wake
        // lies inside a WaitBegin..WaitEnd span. (Lock order: mutex_, then
        // the lock's own mutex; nothing takes them the other way round.)
        std::unique_lock g(mutex_);
        auto ticket = waiters_.insert(waiters_.end(), &me);
        try {
            saved = lock_->release_save();
        } catch (...) {
            waiters_.erase(ticket); // a Lock another lane released under us
            throw;
        }
        try {
            ok = detail::signal_wait(
                session_, g, me.cv, id_, trace::WaitReason::Condition, timeout,
                [&] { return me.notified; },
                [&](bool) {
                    session_.recorder().record_after(me.tick, Kind::Wake, id_, me.token);
                    return trace::WaitResult::Ok;
                });
        } catch (const Cancelled&) {
            if (!me.notified)
                waiters_.erase(ticket);
            g.unlock();
            // As in Python's `finally`: the caller gets its lock back even now,
            // so its guard can release it while the run unwinds.
            lock_->acquire_restore(saved, false);
            throw;
        }
        if (!ok)
            waiters_.erase(ticket); // timed out: nobody removed it
    }
    restore(saved);
    return ok;
}

void Condition::do_notify(int n, std::int32_t requested) {
    if (!lock_->is_owned())
        throw RuntimeError("cannot notify on un-acquired lock");
    std::lock_guard g(mutex_);
    ++last_notify_;
    // Recorded before the waiters learn its tick; none of them can run
    // before mutex_ is released anyway.
    const auto woken = static_cast<int>(std::min<std::size_t>(std::size_t(n), waiters_.size()));
    const std::int64_t tick = session_.recorder().record(Kind::Notify, id_, last_notify_, requested,
                                                         static_cast<std::uint16_t>(woken));
    // Marked and removed under mutex_, so a waiter is either woken by
    // exactly this Notify or not at all (it cannot also time out).
    for (int i = 0; i < woken; ++i) {
        Waiter* w = waiters_.front();
        waiters_.pop_front();
        w->notified = true;
        w->token = last_notify_;
        w->tick = tick;
        w->cv.notify_one();
    }
}

void Condition::notify(int n) {
    if (n < 0)
        throw ValueError("n must be >= 0");
    do_notify(n, n);
}

void Condition::notify_all() {
    do_notify(std::numeric_limits<int>::max(), -1);
}

std::size_t Condition::waiting() const {
    std::lock_guard g(mutex_);
    return waiters_.size();
}

} // namespace il::sync
