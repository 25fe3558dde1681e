#include "process/detail/wait.h"

#include "run/errors.h"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <time.h>

namespace il::process::detail {

using namespace std::chrono;

Deadline::Deadline(Timeout timeout) {
    if (timeout) {
        if (timeout->count() < 0)
            throw ValueError("'timeout' must be a non-negative number");
        at_ = steady_clock::now() + *timeout;
    }
}

bool Deadline::passed() const {
    return at_ && steady_clock::now() >= *at_;
}

milliseconds Deadline::slice() const {
    if (!at_)
        return kSlice;
    auto left = ceil<milliseconds>(*at_ - steady_clock::now());
    return std::clamp(left, milliseconds(0), kSlice);
}

timespec Deadline::slice_end(clockid_t clock) const {
    // steady_clock is CLOCK_MONOTONIC on Linux; the slice's length is what
    // matters, so it is measured with steady_clock whatever `clock` is.
    timespec now{};
    clock_gettime(clock, &now);
    nanoseconds left = kSlice;
    if (at_)
        left = std::clamp<nanoseconds>(*at_ - steady_clock::now(), nanoseconds(0), kSlice);
    std::int64_t ns = now.tv_nsec + left.count();
    timespec end{};
    end.tv_sec = now.tv_sec + static_cast<time_t>(ns / 1'000'000'000);
    end.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    return end;
}

Ready wait_fd(Session& session, int fd, short events, const Deadline& deadline) {
    pollfd p{fd, events, 0};
    for (;;) {
        if (session.stop_requested())
            throw Cancelled();
        int n = ::poll(&p, 1, static_cast<int>(deadline.slice().count()));
        if (n > 0)
            return Ready::Yes;
        if (n < 0 && errno != EINTR)
            return Ready::Yes; // let the read/write report the error
        if (deadline.passed())
            return Ready::Timeout;
    }
}

void init_shared_mutex(pthread_mutex_t* m) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(m, &a);
    pthread_mutexattr_destroy(&a);
}

void init_shared_cond(pthread_cond_t* c) {
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

Locked lock_shared(Session& session, pthread_mutex_t* m, const Deadline& deadline) {
    int r = pthread_mutex_trylock(m);
    while (r == EBUSY) {
        if (session.stop_requested())
            throw Cancelled();
        // timedlock (CLOCK_REALTIME), not clocklock: ThreadSanitizer knows only
        // the former. A wall-clock jump can only stretch or cut one slice;
        // the deadline itself is measured on the monotonic clock.
        timespec end = deadline.slice_end(CLOCK_REALTIME);
        r = pthread_mutex_timedlock(m, &end);
        if (r == ETIMEDOUT) {
            if (deadline.passed())
                return Locked::Timeout;
            r = EBUSY;
        }
    }
    if (r == EOWNERDEAD) {
        pthread_mutex_consistent(m);
        return Locked::OwnerDied;
    }
    return r == 0 ? Locked::Yes : Locked::SelfDeadlock;
}

bool cond_wait_slice(pthread_cond_t* c, pthread_mutex_t* m, const Deadline& deadline) {
    timespec end = deadline.slice_end();
    // The condition variable was made with CLOCK_MONOTONIC (init_shared_cond);
    // timedwait rather than clockwait, which ThreadSanitizer does not know.
    int r = pthread_cond_timedwait(c, m, &end);
    if (r == EOWNERDEAD) {
        pthread_mutex_consistent(m);
        return true;
    }
    return false;
}

SharedGuard::SharedGuard(Session& session, pthread_mutex_t* m) : m_(m) {
    lock_shared(session, m, Deadline(std::nullopt));
}

SharedGuard::~SharedGuard() {
    pthread_mutex_unlock(m_);
}

} // namespace il::process::detail
