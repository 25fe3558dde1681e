// ProcessPoolExecutor's workers: starting them, the manager lane that reads
// each one's results, noticing a death and breaking the pool.
#include "process/detail/pool_wire.h"
#include "process/detail/process_pool_impl.h"
#include "process/errors.h"
#include "process/pool_worker.h"
#include "run/errors.h"

#include <algorithm>

namespace il::process {

void ProcessPoolExecutor::Impl::start_worker() {
    std::lock_guard s(start_mutex_);
    std::size_t index = 0;
    {
        std::lock_guard g(mutex_);
        if (!broken_.empty() || workers_.size() >= max_workers_ ||
            running_.size() + pending_.size() <= workers_.size())
            return;
        index = workers_.size() + 1;
    }
    auto w = std::make_unique<detail::PoolWorker>();
    const std::string n = std::to_string(index);
    try {
        auto [receive, send] = Pipe(session_, name_ + ".results-" + n, false);
        w->process = std::make_unique<Process>(
            session_, name_ + "-worker-" + n, kPoolWorkerTask, std::vector<std::string>{},
            std::vector<Shareable>{call_queue_.share(), send.share()});
        w->process->start();
        send.close(); // the worker's copy is the only one: its death is our EOF
        w->results.emplace(std::move(receive));
    } catch (const std::exception& e) {
        std::size_t started = 0;
        {
            std::lock_guard g(mutex_);
            started = workers_.size();
        }
        // With no worker at all, nothing would ever run the calls: fail them now.
        if (started == 0)
            break_pool(std::string("cannot start a worker process: ") + e.what());
        throw;
    }
    detail::PoolWorker* raw = w.get();
    w->manager = std::make_unique<thread::Thread>(session_, name_ + "-manager-" + n,
                                                  [this, raw] { manage(*raw); });
    {
        std::lock_guard g(mutex_);
        workers_.push_back(std::move(w));
        if (shutdown_)
            queue_stops_locked(); // shut down while it started: it needs its Stop too
    }
    raw->manager->start();
}

void ProcessPoolExecutor::Impl::manage(detail::PoolWorker& w) {
    for (;;) {
        std::string message;
        try {
            message = w.results->recv();
        } catch (const EOFError&) {
            worker_ended(w);
            return;
        } catch (const Cancelled&) {
            w.process->kill(); // the run is over: nothing may keep running
            throw;
        }
        detail::PoolResult result;
        try {
            result = detail::decode_result(message);
        } catch (const WireError& e) {
            break_pool(std::string("a worker process sent a malformed result (") + e.what() + ")");
            return;
        }
        complete(std::move(result));
    }
}

void ProcessPoolExecutor::Impl::worker_ended(detail::PoolWorker& w) {
    w.process->join(); // it closed its pipe: it is exiting or dead
    const std::optional<int> code = w.process->exitcode();
    bool expected = false;
    bool stranded = false;
    {
        std::lock_guard g(mutex_);
        // Exiting with 0 is a worker's answer to its Stop, which comes after
        // every call; anything else is a death.
        expected = shutdown_ && stops_queued_ > 0 && code == 0;
        if (expected) {
            ++ended_;
            const bool calls_left =
                !running_.empty() || std::any_of(pending_.begin(), pending_.end(),
                                                 [](const auto& p) { return p.id != 0; });
            // Every worker gone with calls left (one exited without its Stop):
            // nobody would ever run them.
            stranded = ended_ == workers_.size() && calls_left;
        }
    }
    if (!expected)
        break_pool("a worker process died (pid " + std::to_string(w.process->pid()) + ", " +
                   describe_exit(code) + ") while the future was running or pending");
    else if (stranded)
        break_pool("every worker process exited while calls were still running or pending");
}

void ProcessPoolExecutor::Impl::break_pool(const std::string& why) {
    std::vector<detail::PoolWork> failed;
    {
        std::lock_guard g(mutex_);
        if (!broken_.empty())
            return;
        broken_ = why;
        for (auto& [id, w] : running_)
            failed.push_back(std::move(w));
        running_.clear();
        for (detail::PoolWork& w : pending_)
            if (w.id != 0)
                failed.push_back(std::move(w));
        pending_.clear();
    }
    const auto error = std::make_exception_ptr(BrokenProcessPool(why));
    for (detail::PoolWork& w : failed) {
        try {
            w.future->set_exception(error);
        } catch (const InvalidStateError&) {
            // Cancelled while pending: it stays cancelled.
        }
    }
    kill_workers(); // as CPython terminates the rest of a broken pool
}

void ProcessPoolExecutor::Impl::kill_workers() {
    for (detail::PoolWorker* w : workers())
        if (w->process->is_alive())
            w->process->kill();
}

} // namespace il::process
