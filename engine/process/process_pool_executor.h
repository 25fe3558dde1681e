// concurrent.futures.ProcessPoolExecutor: runs calls in up to max_workers
// long-lived worker processes ("<name>-worker-N", interleave-worker running
// the "pool.worker" task) and hands back a Future for each, with the thread
// pool's Future semantics (executor/future.h): result() rethrows the call's
// exception, cancel() works until the call is sent to the workers, wait()
// and as_completed() take these futures.
//
// A call names a pool function (pool_functions.h) and passes byte-string
// arguments, as Python pickles a function by reference; results come back as
// bytes. How it flows, as in CPython: submit() records Submit and keeps the
// call pending; up to queued_calls calls at a time are sent into the
// pool's call queue (a process::Queue, "<name>.call_queue") and are then
// RUNNING; any idle worker takes the next, records TaskStart/TaskEnd on its
// own lane and answers on its own result pipe ("<name>.results-N"), where a
// manager lane of this process ("<name>-manager-N") completes the future.
// Workers start lazily, one per submit that finds none idle.
//
// Faults: a worker that dies (crash, kill, exit) closes its result pipe; its
// manager sees it at once, and every pending and running future fails with
// BrokenProcessPool("a worker process died (pid N, killed by signal 9: ...)
// while the future was running or pending"), the other workers are killed,
// and later submits throw that error at once. Never a hang.
// When the session stops, the managers end, the workers are killed, and
// futures not done stay as they are (their waiters get il::Cancelled).
// shutdown(wait) and the destructor reap every worker: no zombie, descriptor
// or shared-memory segment outlives the pool.
// Thread-safe: submit, map and shutdown may be called from any lane.
#pragma once

#include "executor/future.h"
#include "process/pool_errors.h"
#include "process/process_map_results.h"
#include "run/session.h"
#include "trace/record.h"

#include <cstddef>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace il::process {

struct ProcessPoolOptions {
    // Calls sent to the workers ahead of time (0: 2 * max_workers + 1, about
    // what CPython keeps in flight). More hides the round trip for tiny
    // calls; fewer keeps more calls PENDING (cancellable).
    std::size_t queued_calls = 0;
};

class ProcessPoolExecutor {
public:
    // Throws il::ValueError if max_workers is 0 (or above 61, CPython's limit).
    ProcessPoolExecutor(Session& session, std::size_t max_workers,
                        std::string name = "process-pool", ProcessPoolOptions options = {});
    ~ProcessPoolExecutor();
    ProcessPoolExecutor(const ProcessPoolExecutor&) = delete;
    ProcessPoolExecutor& operator=(const ProcessPoolExecutor&) = delete;

    // Schedules function(args...) in a worker. Throws
    // il::RuntimeError("cannot schedule new futures after shutdown"),
    // BrokenProcessPool once broken, ProcessError if no worker can start.
    executor::Future<std::string> submit(const std::string& function,
                                         std::vector<std::string> args = {});

    // Python's map(fn, inputs, chunksize=...): function(x) for every input
    // x (its one argument), sent chunksize inputs per call; results in
    // input order (process_map_results.h). Throws il::ValueError if
    // chunksize is 0, and what submit() throws.
    ProcessMapResults map(const std::string& function, const std::vector<std::string>& inputs,
                          std::size_t chunksize = 1, Timeout timeout = std::nullopt);
    // The same, for functions of several arguments: one argument list per input.
    ProcessMapResults map(const std::string& function,
                          const std::vector<std::vector<std::string>>& inputs,
                          std::size_t chunksize = 1, Timeout timeout = std::nullopt);

    // No new calls after this. cancel_futures cancels the calls still
    // pending; wait blocks until the workers have run the rest, exited and
    // been reaped (il::Cancelled if the session stops meanwhile; the
    // destructor still reaps).
    void shutdown(bool wait = true, bool cancel_futures = false);

    std::size_t max_workers() const;
    // Workers started so far, their pids and lanes, in start order.
    std::size_t worker_count() const;
    std::vector<pid_t> worker_pids() const;
    std::vector<trace::LaneId> worker_lanes() const;
    // The BrokenProcessPool message once a worker died, else "".
    std::string broken() const;
    trace::ObjectId id() const;
    trace::ObjectId call_queue_id() const;
    Session& session() const;

private:
    class Impl; // detail/process_pool_impl.h
    std::unique_ptr<Impl> impl_;
};

} // namespace il::process
