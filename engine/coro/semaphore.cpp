#include "coro/semaphore.h"

#include "coro/detail/task_core.h"
#include "coro/loop.h"
#include "run/errors.h"

namespace il::coro {

using trace::Kind;

namespace {
std::int64_t checked(std::int64_t value) {
    if (value < 0)
        throw ValueError("Semaphore initial value must be >= 0, not " + std::to_string(value));
    return value;
}
} // namespace

Semaphore::Semaphore(Session& session, std::string name, std::int64_t value)
    : Semaphore(session, std::move(name), value, trace::ObjectKind::Semaphore, false) {}

Semaphore::Semaphore(Session& session, std::string name, std::int64_t value, trace::ObjectKind kind,
                     bool bounded)
    : session_(session), initial_(checked(value)), bounded_(bounded),
      id_(session.registry().add_object(kind, std::move(name), value)), value_(value) {
    if (value > 0)
        free_.push_back({0, 0, value});
}

void Semaphore::take() {
    Permits& oldest = free_.front();
    const std::int64_t token = oldest.token;
    const std::int64_t tick = oldest.tick;
    if (--oldest.count == 0)
        free_.pop_front();
    --value_;
    session_.recorder().record_after(tick, Kind::Acquire, id_, token,
                                     static_cast<std::int32_t>(value_));
}

void Semaphore::release() {
    if (bounded_ && value_ + 1 > initial_)
        throw ValueError("BoundedSemaphore released too many times (its value is " +
                         std::to_string(initial_) + ")");
    const std::int64_t token = ++last_release_;
    if (detail::Waiter* w = waiters_.pop_front()) {
        // The permit goes straight to the longest waiter: value_ stays.
        std::int64_t tick = session_.recorder().record(Kind::Release, id_, token,
                                                       static_cast<std::int32_t>(value_));
        w->task->loop().wake(*w, token, tick);
        return;
    }
    ++value_;
    std::int64_t tick =
        session_.recorder().record(Kind::Release, id_, token, static_cast<std::int32_t>(value_));
    free_.push_back({token, tick, 1});
}

bool SemaphoreAcquire::await_ready() {
    Semaphore& s = *sem_;
    if (s.value_ == 0 || !s.waiters_.empty())
        return false;
    s.take();
    return true;
}

bool SemaphoreAcquire::await_suspend(std::coroutine_handle<> h) {
    detail::TaskCore& t = detail::current_task();
    if (!t.suspend(*this, h))
        return false;
    t.record_wait_begin(sem_->id_, trace::WaitReason::Semaphore);
    sem_->waiters_.push_back(*this);
    return true;
}

void SemaphoreAcquire::await_resume() {
    if (!began && cancelled == detail::CancelKind::None)
        return; // taken in await_ready
    task->end_wait(*this, sem_->id_);
    task->recorder().record_after(cause_tick, Kind::Acquire, sem_->id_, token,
                                  static_cast<std::int32_t>(sem_->value_));
}

SemaphoreGuard::~SemaphoreGuard() {
    if (sem_)
        sem_->release();
}

void SemaphoreGuard::release() {
    if (Semaphore* s = std::exchange(sem_, nullptr))
        s->release();
}

} // namespace il::coro
