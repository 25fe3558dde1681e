#include "sync/semaphore.h"

#include "run/errors.h"
#include "sync/detail/blocking_wait.h"

namespace il::sync {

using trace::Kind;

namespace {
std::int64_t checked_value(std::int64_t value) {
    if (value < 0)
        throw ValueError("semaphore initial value must be >= 0");
    return value;
}
} // namespace

Semaphore::Semaphore(Session& session, std::string name, std::int64_t value)
    : Semaphore(session, std::move(name), value, trace::ObjectKind::Semaphore, false) {}

Semaphore::Semaphore(Session& session, std::string name, std::int64_t value, trace::ObjectKind kind,
                     bool bounded)
    : session_(session), initial_(checked_value(value)), bounded_(bounded),
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

bool Semaphore::acquire(Timeout timeout) {
    std::unique_lock g(mutex_);
    ++waiters_;
    bool ok = false;
    try {
        ok = detail::blocking_wait(session_, g, freed_, id_, trace::WaitReason::Semaphore, timeout,
                                   [this] { return value_ > 0; });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    if (!ok) {
        session_.recorder().record(Kind::TryFail, id_, 0, 0);
        return false;
    }
    take();
    return true;
}

bool Semaphore::try_acquire() {
    std::lock_guard g(mutex_);
    if (value_ == 0) {
        session_.recorder().record(Kind::TryFail, id_, 0, 0);
        return false;
    }
    take();
    return true;
}

void Semaphore::release(std::int64_t n) {
    if (n < 1)
        throw ValueError("n must be one or more");
    std::lock_guard g(mutex_);
    if (bounded_ && value_ + n > initial_)
        throw ValueError("Semaphore released too many times");
    // Stored first: if that throws, nothing has changed. Its tick is known
    // only once the Release is recorded, which needs value_ after.
    free_.push_back({last_release_ + 1, 0, n});
    value_ += n;
    ++last_release_;
    free_.back().tick = session_.recorder().record(Kind::Release, id_, last_release_,
                                                   static_cast<std::int32_t>(value_));
    // With the mutex held: a woken waiter may destroy the semaphore.
    if (n >= waiters_) {
        if (waiters_ > 0)
            freed_.notify_all();
    } else {
        for (std::int64_t i = 0; i < n; ++i)
            freed_.notify_one();
    }
}

std::int64_t Semaphore::value() const {
    std::lock_guard g(mutex_);
    return value_;
}

} // namespace il::sync
