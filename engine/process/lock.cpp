#include "process/lock.h"

#include "process/detail/wait.h"
#include "process/errors.h"

#include <atomic>
#include <cerrno>
#include <thread>
#include <unistd.h>

namespace il::process {

using trace::Kind;

struct Lock::State {
    pthread_mutex_t mutex; // the lock itself
    // Written by the holder just before it unlocks, read by the next holder.
    std::int64_t releases;     // token of the latest Release
    std::int64_t release_tick; // and its tick
    std::atomic<std::int32_t> owner_pid;
    std::atomic<std::int32_t> owner_tid; // 0 when free: release() checks it is the caller
};

namespace {
std::int32_t this_tid() {
    return static_cast<std::int32_t>(::gettid());
}
} // namespace

Lock::Lock(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Lock, std::move(name))),
      shm_(detail::SharedMemory::create(sizeof(State), "a process Lock")) {
    State* s = new (shm_.data()) State{};
    detail::init_shared_mutex(&s->mutex);
}

Lock::Lock(Session& session, const Shareable& sh) : session_(session) {
    if (sh.kind != kShareKind || sh.ints.size() != 1 || sh.fds.size() != 1)
        throw ValueError("not a lock: " + sh.kind);
    id_ = static_cast<trace::ObjectId>(sh.ints[0]);
    shm_ = detail::SharedMemory::attach(sh.fds[0], sizeof(State), "a process Lock");
}

Lock::State& Lock::state() const {
    return *static_cast<State*>(shm_.data());
}

bool Lock::acquire(Timeout timeout) {
    detail::Deadline deadline(timeout);
    State& s = state();
    trace::Recorder& rec = session_.recorder();
    int r = pthread_mutex_trylock(&s.mutex);
    bool waited = false;
    detail::Locked got = detail::Locked::Yes;
    if (r == EBUSY && timeout && timeout->count() == 0) {
        rec.record(Kind::TryFail, id_, 0, 1);
        return false;
    }
    if (r == EBUSY) {
        waited = true;
        rec.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Lock));
        try {
            got = detail::lock_shared(session_, &s.mutex, deadline);
        } catch (const Cancelled&) {
            rec.record(Kind::WaitEnd, id_, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitResult::Cancelled));
            throw;
        }
    } else if (r == EOWNERDEAD) {
        pthread_mutex_consistent(&s.mutex);
        got = detail::Locked::OwnerDied;
    } else if (r != 0) {
        got = detail::Locked::SelfDeadlock;
    }
    auto end_wait = [&](trace::WaitResult w) {
        if (waited)
            rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(w));
    };
    switch (got) {
    case detail::Locked::Yes:
        break;
    case detail::Locked::Timeout:
        end_wait(trace::WaitResult::Timeout);
        rec.record(Kind::TryFail, id_, 0, 1);
        return false;
    case detail::Locked::OwnerDied: {
        const std::int32_t pid = s.owner_pid.load();
        pthread_mutex_unlock(&s.mutex);
        end_wait(trace::WaitResult::Ok);
        // A lock attached in a child (a Value's, an Array's) has no name there.
        const std::string& name = session_.registry().object(id_).name;
        // pid 0: it died between taking the mutex and noting its pid (or the reverse).
        throw OwnerDiedError((name.empty() ? "a shared lock" : "lock '" + name + "'") +
                             ": the process that held it" +
                             (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                             " died without releasing it; the lock is free again");
    }
    case detail::Locked::SelfDeadlock:
        if (timeout) {
            // Python waits the timeout out; so do we, without the busy mutex.
            while (!deadline.passed()) {
                session_.check_stop();
                std::this_thread::sleep_for(deadline.slice());
            }
            end_wait(trace::WaitResult::Timeout);
            rec.record(Kind::TryFail, id_, 0, 1);
            return false;
        }
        end_wait(trace::WaitResult::Ok);
        throw RuntimeError("lock '" + session_.registry().object(id_).name +
                           "' is already held by this thread: acquiring it again would "
                           "wait forever");
    }
    s.owner_pid.store(static_cast<std::int32_t>(::getpid()));
    s.owner_tid.store(this_tid());
    end_wait(trace::WaitResult::Ok);
    rec.record_after(s.release_tick, Kind::Acquire, id_, s.releases, 1);
    return true;
}

void Lock::release() {
    State& s = state();
    // Only the holder may touch the fields: check ownership first (thread ids
    // are unique across the machine's living threads).
    if (s.owner_tid.load() != this_tid())
        throw RuntimeError("release of lock '" + session_.registry().object(id_).name +
                           "', which this thread does not hold");
    s.owner_tid.store(0);
    s.owner_pid.store(0);
    ++s.releases;
    s.release_tick = session_.recorder().record(Kind::Release, id_, s.releases, 0);
    pthread_mutex_unlock(&s.mutex);
}

Shareable Lock::share() const {
    return Shareable{std::string(kShareKind), {id_}, {shm_.fd()}};
}

} // namespace il::process
