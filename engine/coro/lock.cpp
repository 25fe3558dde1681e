#include "coro/lock.h"

#include "coro/detail/task_core.h"
#include "coro/loop.h"
#include "run/errors.h"

namespace il::coro {

using trace::Kind;

Lock::Lock(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Lock, std::move(name))) {}

void Lock::release() {
    if (!held_)
        throw RuntimeError("Lock is not acquired: release of lock '" +
                           session_.registry().object(id_).name + "'");
    ++last_release_;
    last_release_tick_ = session_.recorder().record(Kind::Release, id_, last_release_, 0);
    if (detail::Waiter* w = waiters_.pop_front()) {
        // Handed over: it stays held, by the woken task (FIFO, no barging).
        owner_ = w->task->lane();
        w->task->loop().wake(*w, last_release_, last_release_tick_);
    } else {
        held_ = false;
        owner_ = 0;
    }
}

bool LockAcquire::await_ready() {
    Lock& l = *lock_;
    if (l.held_ || !l.waiters_.empty())
        return false;
    l.held_ = true;
    l.owner_ = l.session_.recorder().current_lane();
    l.session_.recorder().record_after(l.last_release_tick_, Kind::Acquire, l.id_, l.last_release_,
                                       1);
    return true;
}

bool LockAcquire::await_suspend(std::coroutine_handle<> h) {
    detail::TaskCore& t = detail::current_task();
    if (!t.suspend(*this, h))
        return false;
    t.record_wait_begin(lock_->id_, trace::WaitReason::Lock);
    lock_->waiters_.push_back(*this);
    return true;
}

void LockAcquire::await_resume() {
    if (!began && cancelled == detail::CancelKind::None)
        return; // taken in await_ready
    task->end_wait(*this, lock_->id_);
    task->recorder().record_after(cause_tick, Kind::Acquire, lock_->id_, token, 1);
}

LockGuard::~LockGuard() {
    if (lock_)
        lock_->release();
}

void LockGuard::release() {
    if (Lock* l = std::exchange(lock_, nullptr))
        l->release();
}

} // namespace il::coro
