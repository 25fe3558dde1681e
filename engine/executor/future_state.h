// The untyped heart of every concurrent.futures.Future: its state machine,
// exception, done-callbacks and the waiters of wait()/as_completed().
//
// FutureCore is shared (std::shared_ptr) by the Future<T> handles, the
// executor's work item and any wait; Future<T> (future.h) adds the typed
// result. Thread-safe: every member function may be called from any thread.
//
// Recorded on the future's own object (ObjectKind::Future, related = the
// executor's object or 0):
//   TaskStart                  set_running_or_notify_cancel() took it PENDING -> RUNNING
//   TaskEnd  (c = FutureState::Finished, b = 1 if it ended with an exception)
//                              a RUNNING future got its result or exception
//   Cancel                     cancel() took it PENDING -> CANCELLED
//   Set      (a = kSetToken)   it became done (result, exception or cancel):
//                              the cause of every waiter's Wake
//   WaitBegin (c = WaitReason::Future) .. Wake (a = kSetToken) .. WaitEnd
//                              result()/exception() had to block on it
// Submit is recorded by the executor, which knows the executor's id. A
// future whose call runs in another process (ProcessPoolExecutor) is made
// with RunRecording::Elsewhere: the worker process records TaskStart and
// TaskEnd on its own lane, where the call runs, and this side records only
// the state changes' other events (Cancel, Set, waits).
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace il::executor {

// concurrent.futures' states, as recorded in TaskEnd.c. CPython's internal
// CANCELLED_AND_NOTIFIED is not a state here: waiters are told at cancel().
enum class FutureState : std::uint16_t {
    Pending = 0, // submitted, not started; the only state cancel() can leave
    Running,     // a worker runs it; cannot be cancelled any more
    Finished,    // has a result or an exception
    Cancelled,   // cancelled before it ran; will never run
};

// "pending", "running", "finished", "cancelled".
std::string_view future_state_name(FutureState s);

namespace detail {
class Waiter;
}

// Who records a future's TaskStart/TaskEnd: this FutureCore, on the lane that
// calls set_running_or_notify_cancel()/completes it (the thread pool's
// worker), or the process that really runs the call.
enum class RunRecording : std::uint8_t { Here, Elsewhere };

class FutureCore : public std::enable_shared_from_this<FutureCore> {
public:
    // A future becomes done once, so its Set carries the same token every time.
    static constexpr std::int64_t kSetToken = 1;
    // The raw tick the Set was recorded at (0 before): waiters stamp their
    // Wake after it (Recorder::record_after). Lock-free, so a waiter may read
    // it while holding its own Waiter's mutex.
    std::int64_t set_tick() const { return set_tick_.load(std::memory_order_acquire); }
    using Callback = std::function<void(FutureCore&)>;

    // Registers the future as an object named `name` (keep it short: one is
    // made per task). `executor` is the executor's object id, 0 for none.
    FutureCore(Session& session, std::string name, trace::ObjectId executor = 0,
               RunRecording run_recording = RunRecording::Here);
    virtual ~FutureCore();
    FutureCore(const FutureCore&) = delete;
    FutureCore& operator=(const FutureCore&) = delete;

    // Python's Future.cancel(): true if it is (now) cancelled, false if it
    // is running or finished. Runs the done-callbacks on this thread.
    bool cancel();
    bool cancelled() const;
    bool running() const;
    bool done() const;
    FutureState state() const;

    // Blocks until done. Throws il::CancelledError if cancelled,
    // il::TimeoutError if the timeout passes, il::Cancelled if the session
    // stops. Returns the task's exception, or nullptr if it returned.
    std::exception_ptr exception(Timeout timeout = std::nullopt);
    // result() without the value: waits as exception() does, then rethrows
    // the task's exception if it raised.
    void wait_result(Timeout timeout = std::nullopt);

    // Runs fn(*this) once the future is done: now, on this thread, if it
    // already is; else on the thread that completes or cancels it, in the
    // order added. An exception escaping fn is caught and ignored (CPython
    // logs it and goes on).
    void add_done_callback(Callback fn);

    // For executors. PENDING -> RUNNING (true) or, if cancelled, false.
    // Throws il::RuntimeError in any other state, as CPython does.
    bool set_running_or_notify_cancel();
    // Finishes with an exception. Throws il::InvalidStateError if done.
    void set_exception(std::exception_ptr error);

    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

protected:
    // How a typed subclass sets its result: take the lock (throws
    // il::InvalidStateError if already done), store the value, then complete.
    std::unique_lock<std::mutex> lock_for_set(const char* what);
    void complete(std::unique_lock<std::mutex> lock, std::exception_ptr error);

private:
    friend class detail::Waiter;
    bool is_done() const {
        return state_ == FutureState::Finished || state_ == FutureState::Cancelled;
    }
    bool raised() const { return state_ == FutureState::Finished && error_ != nullptr; }
    // Waits with mutex_ held until done; throws il::TimeoutError on timeout.
    void wait_done(std::unique_lock<std::mutex>& lock, Timeout timeout);
    // With mutex_ held: records Set, wakes blockers and waiters, and hands
    // back the callbacks to run once the mutex is released.
    std::vector<Callback> finish_locked();
    static void run_callbacks(FutureCore& self, std::vector<Callback>& callbacks);

    Session& session_;
    const trace::ObjectId id_;
    const bool records_run_; // RunRecording::Here
    std::atomic<std::int64_t> set_tick_{0};
    mutable std::mutex mutex_; // guards everything below
    // Made by the first lane that blocks on this future: most futures are
    // never waited on, and a condition_variable_any allocates.
    std::unique_ptr<std::condition_variable_any> cv_;
    FutureState state_ = FutureState::Pending;
    std::exception_ptr error_;
    std::vector<Callback> callbacks_; // until done; then run and dropped
    // wait()/as_completed() waiters; each removes itself before it dies.
    std::vector<std::pair<detail::Waiter*, std::size_t>> waiters_;
};

// A type-erased future, for wait() and as_completed() over futures of mixed T.
using AnyFuture = std::shared_ptr<FutureCore>;

} // namespace il::executor
