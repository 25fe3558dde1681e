// An emulated Python GIL: one global lock that "Python-style" CPU work must
// hold, modelled on CPython 3's "new GIL" (Python/ceval_gil.c).
//
//  * A thread that wants it and finds it held queues (FIFO) and waits up to
//    the switch interval (sys.setswitchinterval, 5 ms by default). If the
//    holder has not changed meanwhile, it sets a drop request.
//  * The holder's work loop calls checkpoint() every few microseconds: an
//    atomic load while nothing is requested. On a drop request the holder
//    hands the GIL straight to the oldest waiter and queues for it again, so
//    a forced switch always switches (CPython's FORCE_SWITCHING).
//  * Blocking calls let it go, as Py_BEGIN_ALLOW_THREADS does: GilRelease
//    below, and automatically in thread::sleep and in the primitives' wait
//    helpers (sync/detail/blocking_wait.h, signal_wait.h) when the calling
//    thread holds a GIL.
//
// Recorded as a Lock object named after the GIL ("GIL"): Acquire (a = token
// of the Release it follows, b = 1), Release (a = token), and waits as
// WaitBegin/WaitEnd with WaitReason::Gil (a lane waiting for it is Ready).
// When the session stops, waits for it throw il::Cancelled, and so does the
// holder's next checkpoint().
// Thread-safe. A thread holds at most one GIL at a time (one interpreter),
// and must give it back before its lane ends: use GilHold.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stop_token>
#include <string>

namespace il::sync {

class Gil {
public:
    static constexpr std::chrono::nanoseconds kDefaultInterval = std::chrono::milliseconds(5);

    // Throws il::ValueError unless switch_interval > 0.
    explicit Gil(Session& session, std::chrono::nanoseconds switch_interval = kDefaultInterval,
                 std::string name = "GIL");
    Gil(const Gil&) = delete;
    Gil& operator=(const Gil&) = delete;

    // Blocks until the calling thread holds it. Throws il::RuntimeError if
    // the thread already holds a GIL, il::Cancelled if the session stops.
    void acquire();
    // Hands it to the oldest waiter, if any. il::RuntimeError unless the
    // calling thread holds it.
    void release();
    // For the holder's work loop: gives the GIL up for a turn when another
    // thread asked for it, and throws il::Cancelled once the session stops
    // (on any thread; otherwise it does nothing on a thread not holding it).
    void checkpoint() {
        if (attention_.load(std::memory_order_relaxed) != 0) [[unlikely]]
            checkpoint_slow();
    }

    bool held_by_me() const;
    trace::LaneId owner() const; // 0 if free
    // Times it went straight from a releasing thread to a waiting one, and
    // how many of those a drop request forced.
    std::uint64_t handovers() const;
    std::uint64_t forced_switches() const;

    std::chrono::nanoseconds switch_interval() const { return interval_; }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

    // The GIL the calling thread holds, or nullptr.
    static Gil* held_here();

private:
    struct Waiter {
        trace::LaneId lane = 0;
        bool granted = false;
        std::condition_variable_any cv;
    };
    static constexpr unsigned kDrop = 1, kStop = 2; // bits of attention_
    struct OnStop {
        std::atomic<unsigned>* attention;
        void operator()() const noexcept { attention->fetch_or(kStop); }
    };

    // With mutex_ held: take it or queue for it (il::Cancelled when the
    // session stops), and give it to the oldest waiter or free it.
    void acquire_locked(std::unique_lock<std::mutex>& g, trace::LaneId me);
    void release_locked();
    void record_acquire(); // by the new holder, with mutex_ held
    void checkpoint_slow();

    Session& session_;
    const std::chrono::nanoseconds interval_;
    const trace::ObjectId id_;
    // kDrop: a waiter asked the holder to drop it; kStop: the session stops.
    // Read by the holder on every checkpoint, so it is the only hot field.
    std::atomic<unsigned> attention_{0};

    mutable std::mutex mutex_; // guards the fields below
    bool held_ = false;
    trace::LaneId owner_ = 0;
    std::deque<Waiter*> queue_;       // who waits, oldest first
    std::uint64_t switch_number_ = 0; // holders so far: a waiter sees if one changed
    std::uint64_t handovers_ = 0;
    std::uint64_t forced_ = 0;
    bool drop_pending_ = false;          // a drop request not yet honoured
    std::int64_t last_release_ = 0;      // token of the latest Release
    std::int64_t last_release_tick_ = 0; // and the tick it was recorded at
    std::stop_callback<OnStop> on_stop_; // made last: sets kStop in attention_
};

// Acquires the GIL for a scope and releases it at the end if this thread
// still holds it (a cancelled reacquire inside leaves it released).
class GilHold {
public:
    explicit GilHold(Gil& gil) : gil_(gil) { gil_.acquire(); }
    ~GilHold() {
        if (gil_.held_by_me())
            gil_.release();
    }
    GilHold(const GilHold&) = delete;
    GilHold& operator=(const GilHold&) = delete;

private:
    Gil& gil_;
};

// Py_BEGIN_ALLOW_THREADS .. Py_END_ALLOW_THREADS: releases the GIL the
// calling thread holds (if any) for a blocking call, and takes it back at
// the end of the scope. reacquire() takes it back early and throws
// il::Cancelled if the session stopped; the destructor cannot throw, so if
// the session stops while it waits, the thread goes on without the GIL and
// its next checkpoint() or wait throws il::Cancelled instead.
class GilRelease {
public:
    GilRelease();
    ~GilRelease();
    GilRelease(const GilRelease&) = delete;
    GilRelease& operator=(const GilRelease&) = delete;

    void reacquire();

private:
    Gil* gil_; // released by this scope and not yet taken back, or nullptr
};

namespace detail {

// For the wait helpers (blocking_wait.h, signal_wait.h): runs wait(), a
// recorded wait on a primitive with `lock` (its mutex) held, with `gil`
// released, then takes the GIL back with `lock` released, since the holder
// may be about to take that mutex, and locks it again. Returns wait()'s
// result. If wait() throws (il::Cancelled) the GIL stays released: the run
// is ending. If taking the GIL back throws, `lock` is held again first.
template <class Wait>
bool wait_without_gil(Gil& gil, std::unique_lock<std::mutex>& lock, Wait wait) {
    gil.release();
    const bool ok = wait();
    lock.unlock();
    try {
        gil.acquire();
    } catch (...) {
        lock.lock();
        throw;
    }
    lock.lock();
    return ok;
}

} // namespace detail

} // namespace il::sync
