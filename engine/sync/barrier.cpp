#include "sync/barrier.h"

#include "run/errors.h"
#include "sync/detail/signal_wait.h"

#include <algorithm>

namespace il::sync {

using trace::Kind;

namespace {
int checked_parties(int parties) {
    if (parties < 1)
        throw ValueError("parties must be > 0");
    return parties;
}
} // namespace

Barrier::Barrier(Session& session, std::string name, int parties, std::function<void()> action,
                 Timeout timeout)
    : session_(session), parties_(checked_parties(parties)), action_(std::move(action)),
      timeout_(timeout),
      id_(session.registry().add_object(trace::ObjectKind::Barrier, std::move(name), parties)) {}

void Barrier::finish_round(Outcome outcome, std::int64_t token, std::int64_t tick) {
    for (Waiter* w : waiters_) {
        w->outcome = outcome;
        w->token = token;
        w->tick = tick;
        w->cv.notify_one();
    }
    waiters_.clear();
}

void Barrier::break_locked() {
    broken_ = true;
    session_.recorder().record(Kind::Broken, id_, 0, static_cast<std::int32_t>(waiters_.size()));
    finish_round(Outcome::Broken, 0, 0);
}

int Barrier::wait(Timeout timeout) {
    if (!timeout)
        timeout = timeout_;
    std::unique_lock g(mutex_);
    if (broken_)
        throw BrokenBarrierError("the barrier is broken");
    const int index = static_cast<int>(waiters_.size());
    if (index + 1 == parties_) {
        // Last arrival: run the action, then release the round.
        if (action_) {
            try {
                action_();
            } catch (...) {
                break_locked();
                throw;
            }
        }
        ++rounds_;
        const std::int64_t tick = session_.recorder().record(Kind::Set, id_, rounds_);
        finish_round(Outcome::Released, rounds_, tick);
        return index;
    }
    Waiter me;
    waiters_.push_back(&me);
    auto leave = [&] { waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &me)); };
    bool ok = false;
    try {
        ok = detail::signal_wait(
            session_, g, me.cv, id_, trace::WaitReason::Barrier, timeout,
            [&] { return me.outcome != Outcome::Waiting; },
            [&](bool) {
                if (me.outcome == Outcome::Broken)
                    return trace::WaitResult::Broken;
                session_.recorder().record_after(me.tick, Kind::Wake, id_, me.token);
                return trace::WaitResult::Ok;
            },
            index + 1);
    } catch (...) {
        // Cancelled: leave the round without breaking it.
        if (me.outcome == Outcome::Waiting)
            leave();
        throw;
    }
    if (!ok) {
        // Timed out: Python breaks the barrier for everyone.
        leave();
        break_locked();
        throw BrokenBarrierError("the barrier wait timed out");
    }
    if (me.outcome == Outcome::Broken)
        throw BrokenBarrierError("the barrier is broken");
    return index;
}

void Barrier::abort() {
    std::lock_guard g(mutex_);
    break_locked();
}

void Barrier::reset() {
    std::lock_guard g(mutex_);
    if (!waiters_.empty()) {
        session_.recorder().record(Kind::Broken, id_, 0,
                                   static_cast<std::int32_t>(waiters_.size()));
        finish_round(Outcome::Broken, 0, 0);
    }
    broken_ = false;
    session_.recorder().record(Kind::Clear, id_);
}

bool Barrier::broken() const {
    std::lock_guard g(mutex_);
    return broken_;
}

int Barrier::n_waiting() const {
    std::lock_guard g(mutex_);
    return static_cast<int>(waiters_.size());
}

} // namespace il::sync
