#include "coro/loop.h"

#include "executor/thread_pool_executor.h"
#include "run/errors.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace il::coro {

using detail::CancelKind;
using detail::TaskCore;
using trace::Kind;

namespace {
constinit thread_local Loop* t_running_loop = nullptr;

std::int32_t os_thread_id() {
    return static_cast<std::int32_t>(::syscall(SYS_gettid));
}
} // namespace

Loop::Loop(Session& session, std::string name)
    : session_(session), rec_(session.recorder()), name_(std::move(name)),
      id_(session.registry().add_object(trace::ObjectKind::Loop, name_)),
      lane_(session.registry().add_lane(name_, trace::LaneKind::Thread,
                                        session.recorder().current_lane())),
      lane_object_(session.registry().lane(lane_).object) {}

Loop::~Loop() {
    try {
        close();
    } catch (...) { // closing a running loop from its own task: nothing sane to do
    }
}

Loop* Loop::running() {
    return t_running_loop;
}

Loop& running_loop() {
    if (!t_running_loop)
        throw RuntimeError("no running event loop");
    return *t_running_loop;
}

void Loop::bind(trace::LaneId lane) {
    rec_.bind_thread(lane);
}

executor::ThreadPoolExecutor& Loop::default_executor() {
    if (!executor_)
        executor_ =
            std::make_unique<executor::ThreadPoolExecutor>(session_, 4, name_ + " executor");
    return *executor_;
}

std::string Loop::task_name(detail::PromiseBase& promise, std::string name) {
    if (!name.empty())
        return name;
    if (!promise.name.empty())
        return promise.name;
    std::string fn = detail::short_function_name(promise.function);
    auto it = name_counts_.try_emplace(fn, 0).first;
    return fn + "-" + std::to_string(++it->second);
}

TaskCore* Loop::spawn(detail::PromiseBase& promise, std::coroutine_handle<> frame,
                      std::string name) {
    if (closed_) {
        frame.destroy();
        throw RuntimeError("create_task: the event loop '" + name_ + "' is closed");
    }
    auto* t = new TaskCore(*this, task_name(promise, std::move(name)), rec_.current_lane(), promise,
                           frame);
    promise.root = t;
    promise.started = true;
    t->live_next = live_head_;
    if (live_head_)
        live_head_->live_prev = t;
    live_head_ = t;
    ++live_count_;
    schedule(*t, frame);
    return t;
}

void Loop::task_finished(TaskCore& t) {
    (t.live_prev ? t.live_prev->live_next : live_head_) = t.live_next;
    if (t.live_next)
        t.live_next->live_prev = t.live_prev;
    t.live_prev = t.live_next = nullptr;
    --live_count_;
}

void Loop::record_never_awaited(detail::PromiseBase& promise) {
    const trace::LaneId caller = rec_.current_lane();
    trace::LaneId lane =
        session_.registry().add_lane(task_name(promise, {}), trace::LaneKind::Coroutine, caller);
    bind(lane);
    rec_.record(Kind::LaneEnd, session_.registry().lane(lane).object, 1, 0,
                static_cast<std::uint16_t>(trace::LaneEndReason::Abandoned));
    bind(caller);
}

void Loop::run_until(TaskCore& main) {
    if (closed_)
        throw RuntimeError("the event loop '" + name_ + "' is closed");
    if (running_ || t_running_loop)
        throw RuntimeError("cannot run an event loop while a loop is running in this thread");
    const trace::LaneId caller = rec_.current_lane();
    rec_.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Await));
    bind(lane_);
    if (!lane_started_) {
        lane_started_ = true;
        rec_.record(Kind::LaneStart, lane_object_, 0, os_thread_id());
    }
    running_ = true;
    t_running_loop = this;
    struct Exit {
        Loop& loop;
        trace::LaneId caller;
        ~Exit() {
            loop.running_ = false;
            t_running_loop = nullptr;
            loop.bind(caller);
            loop.rec_.record(Kind::WaitEnd, loop.id_);
        }
    } exit{*this, caller};
    // Wakes a loop idling in the io_context when the run is stopped.
    std::stop_callback poke(session_.stop_token(), [this] { asio::post(ctx_, [] {}); });
    loop_body(main);
}

void Loop::loop_body(TaskCore& main) {
    while (!main.finished()) {
        if (!stop_seen_ && session_.stop_requested()) {
            stop_seen_ = true;
            cancel_all(CancelKind::Stop);
        }
        if (!ready_.empty()) {
            // One batch: what is ready now; what it makes ready runs next time.
            for (std::size_t n = ready_.size(); n > 0 && !ready_.empty(); --n) {
                Ready r = ready_.front();
                ready_.pop_front();
                resume(r);
            }
            if (ctx_.stopped())
                ctx_.restart();
            ctx_.poll();
            continue;
        }
        if (ctx_.stopped())
            ctx_.restart();
        rec_.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Io));
        std::size_t ran = ctx_.run_one();
        rec_.record(Kind::WaitEnd, id_);
        if (ran == 0 && ready_.empty())
            throw_stuck(main);
    }
    if (stop_seen_)
        drain();
}

void Loop::drain() {
    // The run is stopping and main is done: let the other cancelled tasks
    // reach their awaits and unwind, so their cleanups run now. Bounded: a
    // task that swallows il::Cancelled and awaits again forever is left to
    // close(), which abandons it.
    for (int round = 0; round < 1000; ++round) {
        if (ready_.empty()) {
            if (ctx_.stopped())
                ctx_.restart();
            ctx_.poll();
            if (ready_.empty())
                return;
        }
        for (std::size_t n = ready_.size(); n > 0 && !ready_.empty(); --n) {
            Ready r = ready_.front();
            ready_.pop_front();
            resume(r);
        }
    }
}

void Loop::resume(const Ready& r) {
    TaskCore& t = *r.task;
    rec_.record(Kind::Resume, t.object());
    bind(t.lane());
    detail::t_current_task = &t;
    t.wait = nullptr;
    t.cancel_in_flight = false;
    if (!t.started())
        t.mark_started();
    r.handle.resume();
    detail::t_current_task = nullptr;
    bind(lane_);
    const bool finished = t.finished();
    rec_.record(Kind::Suspend, t.object(), 0, 0, finished ? 1 : 0);
    if (finished)
        t.release(); // the loop's reference
}

void Loop::cancel_all(CancelKind kind) {
    for (TaskCore* t = live_head_; t; t = t->live_next)
        t->cancel(kind);
}

void Loop::throw_stuck(TaskCore& main) {
    std::string who;
    int shown = 0;
    for (TaskCore* t = live_head_; t && shown < 6; t = t->live_next, ++shown)
        who += (shown ? ", '" : "'") + t->name() + "'";
    if (live_count_ > 6)
        who += ", ...";
    throw RuntimeError("event loop '" + name_ + "' is stuck: task '" + main.name() +
                       "' has not finished, no task is ready and no timer, I/O or thread is "
                       "pending; the tasks left (" +
                       who + ") all wait for each other");
}

void Loop::close() {
    if (closed_)
        return;
    if (running_)
        throw RuntimeError("cannot close a running event loop");
    const trace::LaneId caller = rec_.current_lane();
    std::vector<TaskCore*> left;
    // The loop's own reference keeps each alive until the last line, also
    // while destroying one frame drops handles to another.
    for (TaskCore* t = live_head_; t; t = t->live_next)
        left.push_back(t);
    for (TaskCore* t : left) {
        bind(t->lane());
        t->record_abandoned();
    }
    if (lane_started_) {
        bind(lane_);
        rec_.record(Kind::LaneEnd, lane_object_, 1);
    }
    bind(caller);
    closed_ = true;
    ready_.clear();
    for (TaskCore* t : left)
        t->destroy_frame();
    for (TaskCore* t : left)
        t->release(); // the loop's
    if (executor_) {
        try {
            executor_->shutdown(true);
        } catch (const Cancelled&) { // the run stopped: its destructor joins the workers
        }
    }
}

} // namespace il::coro
