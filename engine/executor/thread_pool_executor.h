// concurrent.futures.ThreadPoolExecutor: runs calls on up to max_workers
// worker lanes ("<name>-worker-N") and hands back a Future for each.
//
// As in CPython: workers start lazily (a new one only when no worker is idle,
// up to max_workers); the work queue is an il::sync::Queue named
// "<name>.work_queue" (unbounded, FIFO), so its fill level is in the trace;
// shutdown puts one empty item that each exiting worker passes on; a call
// that throws finishes its future with the exception and the worker goes on.
// When the session stops, blocked workers and result() callers get
// il::Cancelled and end; queued calls are never run and their futures stay
// PENDING. The destructor shuts down and joins the workers.
// Thread-safe: submit, map and shutdown may be called from any lane.
// Recorded: the executor is an object (ObjectKind::Executor, capacity =
// max_workers); Submit (object = the future, b = the executor's id) before
// the work queue's Put; the futures record the rest (future_state.h).
#pragma once

#include "executor/detail/task.h"
#include "executor/future.h"
#include "executor/map_results.h"
#include "sync/queue.h"
#include "thread/thread.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace il::executor {

class ThreadPoolExecutor {
public:
    // Throws il::ValueError if max_workers is 0.
    ThreadPoolExecutor(Session& session, std::size_t max_workers, std::string name = "pool");
    ~ThreadPoolExecutor();
    ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
    ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

    // Schedules fn(args...) (copied/moved in, like Python's arguments).
    // Throws il::RuntimeError("cannot schedule new futures after shutdown").
    template <class F, class... Args> auto submit(F&& fn, Args&&... args) {
        using R = std::remove_cvref_t<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>>;
        auto call = [f = std::forward<F>(fn), ... a = std::forward<Args>(args)]() mutable -> R {
            return std::invoke(std::move(f), std::move(a)...);
        };
        using State = detail::TaskState<R, decltype(call)>;
        Submission s = begin_submit();
        auto state = std::make_shared<State>(session_, std::move(s.name), id_, std::move(call));
        detail::WorkItem item(state, static_cast<detail::Task*>(state.get()));
        finish_submit(s, std::move(item), state->id());
        return Future<R>(std::move(state));
    }

    // Python's map(fn, inputs, timeout): submits fn(x) for every x now and
    // returns the results, to read in input order (see map_results.h).
    template <class F, class Range>
    auto map(F fn, const Range& inputs, Timeout timeout = std::nullopt) {
        using In = decltype(*std::begin(inputs));
        using R = std::remove_cvref_t<std::invoke_result_t<F&, In>>;
        static_assert(!std::is_void_v<R>, "map needs a function that returns a value");
        std::optional<typename MapResults<R>::Clock::time_point> deadline;
        if (timeout)
            deadline = MapResults<R>::Clock::now() + *timeout;
        std::vector<Future<R>> fs;
        for (auto&& x : inputs)
            fs.push_back(submit(fn, x));
        return MapResults<R>(std::move(fs), deadline);
    }

    // No new calls after this. cancel_futures cancels the calls still
    // queued; wait blocks until the workers have run the rest and ended
    // (throws il::Cancelled if the session stops meanwhile).
    void shutdown(bool wait = true, bool cancel_futures = false);

    std::size_t max_workers() const { return max_workers_; }
    // Workers started so far (never more than max_workers).
    std::size_t worker_count() const;
    // Their lanes, in start order.
    std::vector<trace::LaneId> worker_lanes() const;
    trace::ObjectId id() const { return id_; }
    trace::ObjectId work_queue_id() const { return work_queue_.id(); }
    Session& session() const { return session_; }

private:
    struct Submission {
        std::unique_lock<std::mutex> lock; // mutex_, held from begin to finish
        std::string name;                  // "task N"
    };
    Submission begin_submit(); // throws if shut down
    void finish_submit(Submission& s, detail::WorkItem item, trace::ObjectId future);
    void adjust_thread_count(); // with mutex_ held
    void worker();              // each worker lane's body

    Session& session_;
    const std::size_t max_workers_;
    const std::string name_;
    const trace::ObjectId id_;
    sync::Queue<detail::WorkItem> work_queue_;
    // Finished calls not yet matched by a submit that found a worker idle
    // (CPython's _idle_semaphore, unrecorded: it is bookkeeping, not a lesson).
    std::atomic<std::int64_t> idle_{0};

    mutable std::mutex mutex_; // guards the fields below (CPython's _shutdown_lock)
    bool shutdown_ = false;
    std::uint64_t submitted_ = 0;
    std::vector<std::unique_ptr<thread::Thread>> threads_; // only grows, until destruction
    std::mutex join_mutex_;                                // one shutdown(wait) joins at a time
};

} // namespace il::executor
