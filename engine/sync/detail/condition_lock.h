// What a Condition needs from its lock, so one Condition works over a Lock
// or an RLock (Python's Condition accepts either). The adapters do not own
// the lock they refer to; they are as thread-safe as that lock.
#pragma once

#include "run/session.h"
#include "sync/lock.h"
#include "sync/rlock.h"
#include "trace/record.h"

#include <chrono>
#include <thread>

namespace il::sync::detail {

class ConditionLock {
public:
    virtual ~ConditionLock() = default;
    virtual trace::ObjectId id() const = 0;
    virtual bool acquire(Timeout timeout) = 0;
    virtual bool try_acquire() = 0;
    virtual void release() = 0;
    // The calling lane holds the lock.
    virtual bool is_owned() const = 0;
    // Releases every level (one Release); returns what acquire_restore needs.
    virtual int release_save() = 0;
    // Takes the lock back (one Acquire). Cancellable: throws il::Cancelled
    // when the session stops; uncancellable: waits for the lock even then.
    virtual void acquire_restore(int saved, bool cancellable) = 0;
};

class LockAdapter final : public ConditionLock {
public:
    explicit LockAdapter(Lock& lock) : lock_(lock) {}
    trace::ObjectId id() const override { return lock_.id(); }
    bool acquire(Timeout timeout) override { return lock_.acquire(timeout); }
    bool try_acquire() override { return lock_.try_acquire(); }
    void release() override { lock_.release(); }
    // Stricter than Python (which only asks "is it locked?"): the calling
    // lane must be the one that holds it.
    bool is_owned() const override {
        return lock_.owner() == lock_.session().recorder().current_lane();
    }
    int release_save() override {
        lock_.release();
        return 1;
    }
    void acquire_restore(int, bool cancellable) override {
        if (cancellable) {
            lock_.acquire();
            return;
        }
        // Lock has no wait that ignores a stop, so poll; this runs only while
        // a run is being torn down, when holders are unwinding and letting go.
        while (lock_.locked() || !lock_.try_acquire())
            std::this_thread::sleep_for(std::chrono::microseconds(100));
    }

private:
    Lock& lock_;
};

class RLockAdapter final : public ConditionLock {
public:
    explicit RLockAdapter(RLock& lock) : lock_(lock) {}
    trace::ObjectId id() const override { return lock_.id(); }
    bool acquire(Timeout timeout) override { return lock_.acquire(timeout); }
    bool try_acquire() override { return lock_.try_acquire(); }
    void release() override { lock_.release(); }
    bool is_owned() const override { return lock_.is_owned(); }
    int release_save() override { return lock_.release_save(); }
    void acquire_restore(int saved, bool cancellable) override {
        lock_.acquire_restore(saved, cancellable);
    }

private:
    RLock& lock_;
};

} // namespace il::sync::detail
