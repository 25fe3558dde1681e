// ProcessPoolExecutor's machinery (process_pool_executor.h says what it
// does). Its members are defined in process_pool_executor.cpp (calls: submit,
// dispatch, complete, shutdown) and detail/pool_workers.cpp (workers: start,
// manager lanes, death, breaking the pool).
//
// Locks, in the order they may be taken: start_mutex_, then mutex_;
// dispatch_mutex_, then mutex_; join_mutex_, then mutex_. A future's own
// mutex is taken under mutex_ only by set_running_or_notify_cancel; futures
// are completed, failed and cancelled with mutex_ released (their callbacks
// may call back in).
#pragma once

#include "executor/future.h"
#include "process/connection.h"
#include "process/process.h"
#include "process/process_pool_executor.h"
#include "process/queue.h"
#include "thread/thread.h"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace il::process {

namespace detail {

struct PoolResult;

// A call on its way: pending (in pending_), then running (in running_).
struct PoolWork {
    std::int64_t id = 0; // 0: a Stop for one worker
    std::shared_ptr<executor::FutureCore> future;
    bool chunk = false;  // the future holds all results (map), not one (submit)
    std::string message; // the encoded call, until it is sent
};

// One worker process, its result pipe and the manager lane that reads it.
struct PoolWorker {
    std::unique_ptr<Process> process;
    std::optional<Connection> results; // this process's receiving end
    std::unique_ptr<thread::Thread> manager;
};

} // namespace detail

class ProcessPoolExecutor::Impl {
public:
    Impl(Session& session, std::size_t max_workers, std::string name, ProcessPoolOptions options);
    ~Impl();

    std::shared_ptr<executor::FutureCore>
    submit(const std::string& function, std::vector<std::vector<std::string>> inputs, bool chunk);
    void shutdown(bool wait, bool cancel_futures);

    std::size_t max_workers() const { return max_workers_; }
    std::vector<detail::PoolWorker*> workers() const;
    std::string broken() const;
    trace::ObjectId id() const { return id_; }
    trace::ObjectId call_queue_id() const { return call_queue_.id(); }
    Session& session() const { return session_; }

private:
    // ---- calls (process_pool_executor.cpp) ----
    void dispatch();           // moves pending calls into the call queue
    void queue_stops_locked(); // with mutex_: a Stop for every worker not sent one
    void complete(detail::PoolResult result);

    // ---- workers (detail/pool_workers.cpp) ----
    void start_worker(); // spawns one more worker if calls outnumber workers
    void manage(detail::PoolWorker& w);
    void worker_ended(detail::PoolWorker& w);
    void break_pool(const std::string& why);
    void kill_workers();

    Session& session_;
    const std::size_t max_workers_;
    const std::string name_;
    const std::size_t window_; // most calls RUNNING (sent) at once
    const trace::ObjectId id_;
    Queue call_queue_;
    std::atomic<std::int64_t> next_id_{0};

    mutable std::mutex mutex_; // guards the fields below (CPython's shutdown lock)
    bool shutdown_ = false;
    std::string broken_;
    std::deque<detail::PoolWork> pending_;
    std::unordered_map<std::int64_t, detail::PoolWork> running_;
    std::vector<std::unique_ptr<detail::PoolWorker>> workers_; // only grows, until destruction
    std::size_t stops_queued_ = 0;
    std::size_t ended_ = 0; // workers that exited on their Stop

    std::mutex start_mutex_;    // one worker start at a time
    std::mutex dispatch_mutex_; // one lane at a time feeds the call queue, in order
    std::atomic<bool> dispatch_requested_{false};
    std::mutex join_mutex_; // one shutdown(wait) joins at a time
};

} // namespace il::process
