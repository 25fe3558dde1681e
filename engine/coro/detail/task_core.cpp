#include "coro/detail/task_core.h"

#include "coro/loop.h"
#include "coro/task.h"
#include "run/errors.h"

namespace il::coro::detail {

using trace::Kind;

constinit thread_local TaskCore* t_current_task = nullptr;

TaskCore& current_task() {
    if (!t_current_task)
        throw RuntimeError("a coro primitive was awaited outside a task: run the coroutine with "
                           "Loop::run or create_task");
    return *t_current_task;
}

TaskCore::TaskCore(Loop& loop, std::string name, trace::LaneId parent, PromiseBase& promise,
                   std::coroutine_handle<> frame)
    : loop_(&loop), rec_(&loop.session().recorder()), name_(std::move(name)),
      lane_(loop.session().registry().add_lane(name_, trace::LaneKind::Coroutine, parent)),
      object_(loop.session().registry().lane(lane_).object), promise_(&promise), frame_(frame) {}

TaskCore::~TaskCore() {
    destroy_frame();
}

std::exception_ptr TaskCore::error() const {
    return finished_ ? promise_->error : nullptr;
}

bool TaskCore::cancel(CancelKind kind) {
    if (finished_)
        return false;
    if (cancel_in_flight)
        return true; // it will wake with a cancellation already
    if (Waiter* w = wait) {
        wait = nullptr;
        w->cancelled = kind;
        cancel_in_flight = true;
        if (w->on_cancel) {
            w->on_cancel(*w);
        } else {
            w->unlink();
            loop_->schedule(*this, w->handle);
        }
    } else if (pending == CancelKind::None || kind == CancelKind::Stop) {
        pending = kind;
    }
    return true;
}

bool TaskCore::suspend(Waiter& w, std::coroutine_handle<> h) {
    w.task = this;
    w.handle = h;
    if (pending != CancelKind::None) {
        w.cancelled = std::exchange(pending, CancelKind::None);
        return false;
    }
    if (loop_->stopping()) {
        w.cancelled = CancelKind::Stop;
        return false;
    }
    w.cancelled = CancelKind::None;
    w.began = true;
    wait = &w;
    return true;
}

void TaskCore::clear_pending(CancelKind kind) {
    if (pending == kind)
        pending = CancelKind::None;
}

void TaskCore::end_wait(const Waiter& w, trace::ObjectId object) const {
    if (w.began) {
        trace::WaitResult r = trace::WaitResult::Ok;
        if (w.cancelled == CancelKind::Timeout)
            r = trace::WaitResult::Timeout;
        else if (w.cancelled != CancelKind::None)
            r = trace::WaitResult::Cancelled;
        rec_->record(Kind::WaitEnd, object, 0, 0, static_cast<std::uint16_t>(r));
    }
    if (w.cancelled != CancelKind::None)
        throw_cancelled(w.cancelled);
}

void TaskCore::throw_cancelled(CancelKind kind) const {
    if (kind == CancelKind::Stop)
        throw Cancelled();
    throw CancelledError("task '" + name_ + "' was cancelled");
}

void TaskCore::mark_started() {
    started_ = true;
    rec_->record(Kind::LaneStart, object_);
}

void TaskCore::finish() noexcept {
    finished_ = true;
    end_reason_ = trace::LaneEndReason::Returned;
    if (promise_->error) {
        try {
            std::rethrow_exception(promise_->error);
        } catch (const CancelledError&) {
            end_reason_ = trace::LaneEndReason::Cancelled;
        } catch (const Cancelled&) {
            end_reason_ = trace::LaneEndReason::Cancelled;
        } catch (...) {
            end_reason_ = trace::LaneEndReason::Raised;
        }
    }
    end_tick_ = rec_->record(Kind::LaneEnd, object_, 1, 0, static_cast<std::uint16_t>(end_reason_));
    while (Waiter* w = joiners.pop_front()) {
        if (w->on_notify)
            w->on_notify(*w, 1, end_tick_);
        else
            loop_->wake(*w, 1, end_tick_);
    }
    loop_->task_finished(*this);
}

void TaskCore::record_abandoned() {
    finished_ = true;
    end_reason_ = trace::LaneEndReason::Abandoned;
    end_tick_ = rec_->record(Kind::LaneEnd, object_, 1, 0, static_cast<std::uint16_t>(end_reason_));
    loop_->task_finished(*this);
}

void TaskCore::destroy_frame() noexcept {
    if (frame_)
        std::exchange(frame_, {}).destroy();
}

std::string short_function_name(std::string_view sig) {
    if (sig.find("<lambda") != std::string_view::npos)
        return "lambda";
    // The argument list: the first '(' outside template brackets.
    int depth = 0;
    std::size_t open = sig.size();
    for (std::size_t i = 0; i < sig.size(); ++i) {
        char c = sig[i];
        if (c == '<')
            ++depth;
        else if (c == '>')
            --depth;
        else if (c == '(' && depth == 0) {
            open = i;
            break;
        }
    }
    std::string_view head = sig.substr(0, open);
    // Drop template arguments of the function itself: "f<int>" -> "f".
    if (!head.empty() && head.back() == '>') {
        depth = 0;
        for (std::size_t i = head.size(); i-- > 0;) {
            if (head[i] == '>')
                ++depth;
            else if (head[i] == '<' && --depth == 0) {
                head = head.substr(0, i);
                break;
            }
        }
    }
    std::size_t cut = head.find_last_of(": ");
    if (cut != std::string_view::npos)
        head = head.substr(cut + 1);
    return head.empty() ? std::string("task") : std::string(head);
}

void never_awaited(PromiseBase& promise) noexcept {
    if (Loop* loop = Loop::running()) {
        try {
            loop->record_never_awaited(promise);
        } catch (...) { // recording is best effort in a destructor
        }
    }
}

bool JoinWait::ready() {
    if (!target_->finished())
        return false;
    TaskCore& me = current_task();
    me.recorder().record_after(target_->end_tick(), Kind::Joined, target_->object(), 1);
    return true;
}

bool JoinWait::suspend(std::coroutine_handle<> h) {
    TaskCore& me = current_task();
    if (&me == target_)
        throw RuntimeError("task '" + me.name() + "' cannot await itself");
    if (!me.suspend(*this, h))
        return false;
    me.record_wait_begin(target_->object(), trace::WaitReason::Await);
    target_->joiners.push_back(*this);
    on_cancel = [](Waiter& w) {
        auto& self = static_cast<JoinWait&>(w);
        self.unlink();
        // asyncio: cancelling a task that awaits a task cancels that one too.
        if (w.cancelled != CancelKind::Stop)
            self.target_->cancel(CancelKind::Cancel);
        w.task->loop().schedule(*w.task, w.handle);
    };
    return true;
}

void JoinWait::resume() {
    if (!began && cancelled == CancelKind::None)
        return; // ready() recorded the Joined
    task->end_wait(*this, target_->object());
    task->recorder().record_after(cause_tick, Kind::Joined, target_->object(), 1);
}

} // namespace il::coro::detail
