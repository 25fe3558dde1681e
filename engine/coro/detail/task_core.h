// The state of one spawned task (asyncio.Task): its lane, whether it has
// started, what it waits in, whether a cancel is pending or on its way, who
// awaits its end, and its root coroutine frame (which holds the result).
// Shared by the Loop (while the task is live) and every TaskHandle, by a
// plain reference count: loop-thread only, like everything in il::coro.
//
// Recorded on the task's lane: LaneStart (first resume), WaitBegin/WaitEnd
// of its waits, LaneEnd (token 1; c = Returned, Raised, Cancelled, or
// Abandoned when its loop closed before it finished). Awaiting it records
// WaitBegin(Await, its lane object) .. WaitEnd, then Joined (token 1).
#pragma once

#include "coro/detail/waiter.h"
#include "trace/record.h"
#include "trace/recorder.h"

#include <coroutine>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace il::coro {
class Loop;
}

namespace il::coro::detail {

struct PromiseBase;

class TaskCore {
public:
    TaskCore(Loop& loop, std::string name, trace::LaneId parent, PromiseBase& promise,
             std::coroutine_handle<> frame);
    ~TaskCore();
    TaskCore(const TaskCore&) = delete;
    TaskCore& operator=(const TaskCore&) = delete;

    Loop& loop() const { return *loop_; }
    trace::Recorder& recorder() const { return *rec_; }
    const std::string& name() const { return name_; }
    trace::LaneId lane() const { return lane_; }
    trace::ObjectId object() const { return object_; }
    PromiseBase& promise() const { return *promise_; }
    bool started() const { return started_; }
    bool finished() const { return finished_; }
    // Finished by a CancelledError or il::Cancelled that escaped it.
    bool cancelled() const { return finished_ && end_reason_ == trace::LaneEndReason::Cancelled; }
    trace::LaneEndReason end_reason() const { return end_reason_; }
    std::int64_t end_tick() const { return end_tick_; }
    std::exception_ptr error() const;

    // Task.cancel(): false if already finished. A waiting task wakes at its
    // await with CancelledError (il::Cancelled for Stop); a task that is
    // ready or running gets it at its next await.
    bool cancel(CancelKind kind = CancelKind::Cancel);

    // -- for awaitables --
    // Call before suspending on `w`: false if a cancel or stop is pending
    // (then w.cancelled says which and the await must not suspend).
    bool suspend(Waiter& w, std::coroutine_handle<> h);
    // Drops a pending cancel of this kind that was never delivered (a
    // wait_for deadline that fired while the task was not waiting).
    void clear_pending(CancelKind kind);
    void record_wait_begin(trace::ObjectId object, trace::WaitReason reason,
                           std::int32_t awaited = 0) const {
        rec_->record(trace::Kind::WaitBegin, object, 0, awaited,
                     static_cast<std::uint16_t>(reason));
    }
    // Records WaitEnd (Ok, Cancelled or Timeout) if the wait began, then
    // throws if it was cancelled.
    void end_wait(const Waiter& w, trace::ObjectId object) const;
    // Throws what a wait cancelled by `kind` raises (CancelledError, or
    // il::Cancelled when the run is being stopped).
    [[noreturn]] void throw_cancelled(CancelKind kind) const;

    // -- for the loop and the promise --
    void mark_started();     // on the task's lane, at its first resume
    void finish() noexcept;  // the root coroutine returned or raised
    void record_abandoned(); // LaneEnd(Abandoned), on the calling thread's lane binding
    void destroy_frame() noexcept;
    void add_ref() { ++refs_; }
    void release() {
        if (--refs_ == 0)
            delete this;
    }

    WaitList joiners;                      // tasks awaiting its end, FIFO
    Waiter* wait = nullptr;                // the cancellable wait it is suspended in
    CancelKind pending = CancelKind::None; // a cancel for its next await
    bool cancel_in_flight = false;         // woken by a cancel, not yet resumed
    TaskCore* live_prev = nullptr;         // the Loop's list of unfinished tasks
    TaskCore* live_next = nullptr;

private:
    Loop* loop_;
    trace::Recorder* rec_;
    std::string name_;
    trace::LaneId lane_;
    trace::ObjectId object_;
    PromiseBase* promise_;
    std::coroutine_handle<> frame_;
    bool started_ = false;
    bool finished_ = false;
    trace::LaneEndReason end_reason_ = trace::LaneEndReason::Returned;
    std::int64_t end_tick_ = 0;
    int refs_ = 1; // the Loop's, dropped once it finished
};

// The task the calling thread's loop is running, or nullptr.
extern constinit thread_local TaskCore* t_current_task;
// The same; throws il::RuntimeError outside a task.
TaskCore& current_task();

// "Task<int> ns::fetch(int)" -> "fetch": a coroutine's name for its lane.
std::string short_function_name(std::string_view signature);

// Awaiting a task's end: the untyped half of TaskHandle<T>'s awaiter.
class JoinWait : public Waiter {
public:
    explicit JoinWait(TaskCore& target) : target_(&target) {}
    bool ready(); // already finished: records Joined, no wait
    bool suspend(std::coroutine_handle<> h);
    void resume(); // WaitEnd, Joined; throws if cancelled

private:
    TaskCore* target_;
};

} // namespace il::coro::detail
