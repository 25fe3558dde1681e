// How the process runtime blocks: on descriptors (poll) and on process-shared
// robust mutexes and condition variables, always in short slices, so that a
// timeout or the session's stop is noticed within kSlice and no wait hangs on
// a peer that died. Recording the wait span is the caller's business.
#pragma once

#include "run/session.h"

#include <chrono>
#include <optional>
#include <poll.h>
#include <pthread.h>

namespace il::process::detail {

// The longest a blocked call sleeps before it looks at the stop switch again.
inline constexpr std::chrono::milliseconds kSlice{20};

class Deadline {
public:
    // Throws il::ValueError for a negative timeout.
    explicit Deadline(Timeout timeout);
    bool forever() const { return !at_; }
    bool passed() const;
    // How long the next slice may sleep (at most kSlice, 0 once passed).
    std::chrono::milliseconds slice() const;
    // Absolute time of the next slice's end on `clock`.
    timespec slice_end(clockid_t clock = CLOCK_MONOTONIC) const;

private:
    std::optional<std::chrono::steady_clock::time_point> at_;
};

enum class Ready { Yes, Timeout };

// Waits until `fd` has one of `events` (POLLIN/POLLOUT; POLLHUP/POLLERR count
// as ready: the next read/write reports them). Throws il::Cancelled.
Ready wait_fd(Session& session, int fd, short events, const Deadline& deadline);

// A process-shared, robust, error-checking mutex / a process-shared
// condition variable on CLOCK_MONOTONIC, initialised in shared memory.
void init_shared_mutex(pthread_mutex_t* m);
void init_shared_cond(pthread_cond_t* c);

enum class Locked { Yes, Timeout, OwnerDied, SelfDeadlock };
// Locks `m`, in slices. OwnerDied: the previous owner died holding it; the
// caller now holds it (already made consistent) and decides what that means.
// SelfDeadlock: the calling thread already holds it (error-checking mutex).
// Throws il::Cancelled (not holding it).
Locked lock_shared(Session& session, pthread_mutex_t* m, const Deadline& deadline);
// One slice of a condition wait (m held before and after). True if the
// owner of m died meanwhile (made consistent; the caller holds m).
bool cond_wait_slice(pthread_cond_t* c, pthread_mutex_t* m, const Deadline& deadline);

// Holds a shared mutex for a scope; a dead previous owner is ignored (the
// guarded state is a few counters that are always consistent).
class SharedGuard {
public:
    SharedGuard(Session& session, pthread_mutex_t* m);
    ~SharedGuard();
    SharedGuard(const SharedGuard&) = delete;
    SharedGuard& operator=(const SharedGuard&) = delete;

private:
    pthread_mutex_t* m_;
};

} // namespace il::process::detail
