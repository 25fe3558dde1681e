// coro::Loop: asyncio's event loop, built on asio's io_context. It runs on
// the thread that calls run(), which records on a lane of its own (the loop
// lane) while the loop runs; the caller's lane waits (Await, the loop's
// object) meanwhile, as a thread inside asyncio.run() does.
//
// Ready tasks wait in the loop's own FIFO (asyncio's _ready); the
// io_context delivers timers, socket completions and results from other
// threads, and is polled after every batch of ready tasks, so I/O is never
// starved. Each resumption is recorded on the loop lane as Resume (object =
// the task's lane object) .. Suspend (c = 1 if it finished) while the
// thread records on the task's lane in between: the loop lane shows which
// task it runs, each task lane what it does and awaits. When the loop has
// nothing to do it waits in the io_context, recorded as a WaitBegin(Io) on
// its own object.
//
// Never a hang: when the session stops, every task is cancelled with
// il::Cancelled at its await; when no task is ready and nothing is pending
// in the io_context while the main task still waits, run() throws
// il::RuntimeError (every task waits for another: an async deadlock).
// Tasks still unfinished when run() returns stay suspended; close() (or the
// destructor) ends their lanes as Abandoned and destroys them.
//
// Thread-safety: everything is for the loop's thread only, except
// context().get_executor() / asio::post, which any thread may use.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/task.h"
#include "coro/task_handle.h"
#include "run/session.h"

#include <asio.hpp>

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

namespace il::executor {
class ThreadPoolExecutor;
}

namespace il::coro {

class Loop {
public:
    explicit Loop(Session& session, std::string name = "event loop");
    ~Loop();
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

    // asyncio.run(main()): runs `main` as a task and the loop until it
    // finishes, on the calling thread; returns its result or rethrows what
    // it raised (il::Cancelled when the session stopped). Throws
    // il::RuntimeError if the loop is closed, already running, or stuck.
    template <class T> T run(Task<T> main) {
        TaskHandle<T> h = create_task(std::move(main));
        run_until(*h.core());
        return h.result();
    }

    // loop.create_task(coro, name=): scheduled at once; runs when the loop
    // gets to it. `name` (or Task::named) names its lane; default: the
    // coroutine's function name and a number ("fetch-2").
    template <class T> TaskHandle<T> create_task(Task<T> coro, std::string name = {}) {
        auto h = coro.release();
        if (!h)
            throw RuntimeError("create_task: the coroutine was already awaited or scheduled");
        return TaskHandle<T>(spawn(h.promise(), h, std::move(name)));
    }

    // Abandons unfinished tasks (LaneEnd Abandoned, frames destroyed), ends
    // the loop lane and shuts the default executor down. Idempotent.
    void close();
    bool is_closed() const { return closed_; }
    bool is_running() const { return running_; }

    // The loop running on the calling thread, or nullptr (get_running_loop).
    static Loop* running();

    asio::io_context& context() { return ctx_; }
    Session& session() const { return session_; }
    trace::ObjectId id() const { return id_; }
    trace::LaneId lane() const { return lane_; }
    const std::string& name() const { return name_; }
    // Tasks created and not finished yet.
    std::size_t live_tasks() const { return live_count_; }
    // loop.time(): the io_context's clock.
    std::chrono::steady_clock::time_point time() const { return std::chrono::steady_clock::now(); }
    // The executor to_thread runs functions on (made on first use, 4 workers).
    executor::ThreadPoolExecutor& default_executor();

    // -- for awaitables (il::coro internals) --
    void schedule(detail::TaskCore& task, std::coroutine_handle<> h) {
        if (!closed_)
            ready_.push_back({&task, h});
    }
    // Ends w's wait: records nothing (the waker recorded the cause); the
    // task records its effect and WaitEnd when it resumes.
    void wake(detail::Waiter& w, std::int64_t token = 0, std::int64_t tick = 0) {
        w.token = token;
        w.cause_tick = tick;
        if (w.task->wait == &w)
            w.task->wait = nullptr;
        schedule(*w.task, w.handle);
    }
    bool stopping() const { return session_.stop_requested(); }
    detail::TaskCore* spawn(detail::PromiseBase& promise, std::coroutine_handle<> frame,
                            std::string name);
    void record_never_awaited(detail::PromiseBase& promise);
    void task_finished(detail::TaskCore& task);
    // Records as `lane` from now on (the calling thread).
    void bind(trace::LaneId lane);

private:
    struct Ready {
        detail::TaskCore* task;
        std::coroutine_handle<> handle;
    };

    void run_until(detail::TaskCore& main);
    void loop_body(detail::TaskCore& main);
    void drain();
    void resume(const Ready& r);
    void cancel_all(detail::CancelKind kind);
    std::string task_name(detail::PromiseBase& promise, std::string name);
    [[noreturn]] void throw_stuck(detail::TaskCore& main);

    Session& session_;
    trace::Recorder& rec_;
    const std::string name_;
    const trace::ObjectId id_;
    const trace::LaneId lane_;
    const trace::ObjectId lane_object_;
    asio::io_context ctx_{1};
    std::deque<Ready> ready_;               // FIFO of tasks to resume
    detail::TaskCore* live_head_ = nullptr; // unfinished tasks (intrusive list)
    std::size_t live_count_ = 0;
    std::map<std::string, int, std::less<>> name_counts_; // per function, for default names
    bool running_ = false;
    bool closed_ = false;
    bool lane_started_ = false;
    bool stop_seen_ = false;
    std::unique_ptr<executor::ThreadPoolExecutor> executor_; // destroyed before ctx_
};

// asyncio.create_task(coro): on the loop running on this thread; throws
// il::RuntimeError("no running event loop") outside one.
template <class T> TaskHandle<T> create_task(Task<T> coro, std::string name = {}) {
    Loop* loop = Loop::running();
    if (!loop)
        throw RuntimeError("create_task: no running event loop");
    return loop->create_task(std::move(coro), std::move(name));
}

// The running loop (asyncio.get_running_loop); throws outside one.
Loop& running_loop();

} // namespace il::coro
