#include "sync/rlock.h"

#include "run/errors.h"
#include "sync/detail/blocking_wait.h"

namespace il::sync {

using trace::Kind;

RLock::RLock(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::RLock, std::move(name))) {}

bool RLock::wait_free(std::unique_lock<std::mutex>& g, Timeout timeout) {
    ++waiters_;
    bool ok = false;
    try {
        ok = detail::blocking_wait(session_, g, freed_, id_, trace::WaitReason::Lock, timeout,
                                   [this] { return depth_ == 0; });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    return ok;
}

bool RLock::acquire(Timeout timeout) {
    trace::LaneId me = session_.recorder().current_lane();
    std::unique_lock g(mutex_);
    if (depth_ > 0 && owner_ == me) {
        ++depth_;
        session_.recorder().record(Kind::Acquire, id_, 0, depth_);
        return true;
    }
    if (!wait_free(g, timeout)) {
        session_.recorder().record(Kind::TryFail, id_, 0, depth_);
        return false;
    }
    owner_ = me;
    depth_ = 1;
    session_.recorder().record_after(last_release_tick_, Kind::Acquire, id_, last_release_, depth_);
    return true;
}

bool RLock::try_acquire() {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    if (depth_ > 0 && owner_ != me) {
        session_.recorder().record(Kind::TryFail, id_, 0, depth_);
        return false;
    }
    // A nested acquire has no cause: it follows its own lane's records.
    const bool first = depth_ == 0;
    owner_ = me;
    ++depth_;
    session_.recorder().record_after(first ? last_release_tick_ : 0, Kind::Acquire, id_,
                                     first ? last_release_ : 0, depth_);
    return true;
}

void RLock::free_locked() {
    owner_ = 0;
    ++last_release_;
    last_release_tick_ = session_.recorder().record(Kind::Release, id_, last_release_, 0);
    // With the mutex held: a woken waiter may destroy the lock.
    if (waiters_ > 0)
        freed_.notify_one();
}

void RLock::release() {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    if (depth_ == 0 || owner_ != me)
        throw RuntimeError("cannot release un-acquired lock");
    if (--depth_ > 0) {
        session_.recorder().record(Kind::Release, id_, 0, depth_);
        return;
    }
    free_locked();
}

int RLock::release_save() {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    if (depth_ == 0 || owner_ != me)
        throw RuntimeError("cannot release un-acquired lock");
    int saved = depth_;
    depth_ = 0;
    free_locked();
    return saved;
}

void RLock::acquire_restore(int depth, bool cancellable) {
    if (depth < 1)
        throw RuntimeError("cannot restore an RLock to depth < 1");
    trace::LaneId me = session_.recorder().current_lane();
    std::unique_lock g(mutex_);
    if (cancellable) {
        wait_free(g, std::nullopt);
    } else if (depth_ > 0) {
        // Same span as blocking_wait records, minus the stop token.
        auto& rec = session_.recorder();
        rec.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Lock));
        ++waiters_;
        freed_.wait(g, [this] { return depth_ == 0; });
        --waiters_;
        rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitResult::Ok));
    }
    owner_ = me;
    depth_ = depth;
    session_.recorder().record_after(last_release_tick_, Kind::Acquire, id_, last_release_, depth_);
}

bool RLock::locked() const {
    std::lock_guard g(mutex_);
    return depth_ > 0;
}

trace::LaneId RLock::owner() const {
    std::lock_guard g(mutex_);
    return owner_;
}

int RLock::depth() const {
    std::lock_guard g(mutex_);
    return depth_;
}

bool RLock::is_owned() const {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    return depth_ > 0 && owner_ == me;
}

} // namespace il::sync
