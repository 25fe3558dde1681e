#include "executor/thread_pool_executor.h"

#include "run/errors.h"

namespace il::executor {

namespace {
std::size_t checked(std::size_t max_workers) {
    if (max_workers == 0)
        throw ValueError("max_workers must be greater than 0");
    return max_workers;
}
} // namespace

ThreadPoolExecutor::ThreadPoolExecutor(Session& session, std::size_t max_workers, std::string name)
    : session_(session), max_workers_(checked(max_workers)), name_(std::move(name)),
      id_(session.registry().add_object(trace::ObjectKind::Executor, name_,
                                        static_cast<std::int64_t>(max_workers_))),
      work_queue_(session, name_ + ".work_queue") {}

ThreadPoolExecutor::~ThreadPoolExecutor() {
    try {
        shutdown(true);
    } catch (...) {
        // The session stopped: the workers end on il::Cancelled by themselves,
        // and each Thread's destructor still joins its OS thread.
    }
}

ThreadPoolExecutor::Submission ThreadPoolExecutor::begin_submit() {
    Submission s{std::unique_lock(mutex_), {}};
    if (shutdown_)
        throw RuntimeError("cannot schedule new futures after shutdown");
    // Short enough for the string's inline buffer: no allocation per task.
    s.name = "task " + std::to_string(++submitted_);
    return s;
}

void ThreadPoolExecutor::finish_submit(Submission& s, detail::WorkItem item,
                                       trace::ObjectId future) {
    (void)s; // its lock is held until submit returns
    session_.recorder().record(trace::Kind::Submit, future, 0, static_cast<std::int32_t>(id_));
    work_queue_.put(std::move(item));
    adjust_thread_count();
}

void ThreadPoolExecutor::adjust_thread_count() {
    // A worker that finished a call and went back to the queue will take this one.
    std::int64_t idle = idle_.load(std::memory_order_relaxed);
    while (idle > 0)
        if (idle_.compare_exchange_weak(idle, idle - 1, std::memory_order_relaxed))
            return;
    if (threads_.size() >= max_workers_)
        return;
    std::string lane = name_ + "-worker-" + std::to_string(threads_.size() + 1);
    threads_.push_back(
        std::make_unique<thread::Thread>(session_, std::move(lane), [this] { worker(); }));
    threads_.back()->start();
}

void ThreadPoolExecutor::worker() {
    for (;;) {
        session_.check_stop();
        detail::WorkItem item = work_queue_.get(); // il::Cancelled when the run stops
        if (item) {
            session_.check_stop(); // a stopped run starts nothing more
            item->run();
            item.reset();
            idle_.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        // The shutdown sentinel: pass it on to the next worker, and end.
        {
            std::lock_guard g(mutex_);
            shutdown_ = true;
        }
        work_queue_.put(detail::WorkItem{});
        return;
    }
}

void ThreadPoolExecutor::shutdown(bool wait, bool cancel_futures) {
    std::vector<detail::WorkItem> drained;
    {
        std::lock_guard g(mutex_);
        const bool first = !shutdown_;
        shutdown_ = true;
        bool took_sentinel = false;
        if (cancel_futures)
            while (std::optional<detail::WorkItem> item = work_queue_.try_get()) {
                if (*item)
                    drained.push_back(std::move(*item));
                else
                    took_sentinel = true;
            }
        // One sentinel is enough: each worker passes it on (CPython puts one
        // per call; more would only be noise in the trace).
        if (first || took_sentinel)
            work_queue_.put(detail::WorkItem{});
    }
    // Cancelled outside the lock: their done-callbacks may call back in.
    for (detail::WorkItem& item : drained)
        item->future().cancel();
    if (!wait)
        return;

    std::lock_guard j(join_mutex_);
    std::vector<thread::Thread*> threads;
    {
        std::lock_guard g(mutex_);
        for (auto& t : threads_)
            threads.push_back(t.get());
    }
    const trace::LaneId me = session_.recorder().current_lane();
    for (thread::Thread* t : threads)
        if (t->lane() != me && t->started()) // a worker cannot join itself
            t->join();
}

std::size_t ThreadPoolExecutor::worker_count() const {
    std::lock_guard g(mutex_);
    return threads_.size();
}

std::vector<trace::LaneId> ThreadPoolExecutor::worker_lanes() const {
    std::lock_guard g(mutex_);
    std::vector<trace::LaneId> out;
    for (const auto& t : threads_)
        out.push_back(t->lane());
    return out;
}

} // namespace il::executor
