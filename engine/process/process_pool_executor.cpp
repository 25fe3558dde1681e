// ProcessPoolExecutor: its public face and the calls' way through the pool
// (submit -> pending -> call queue -> result -> future). The workers' side
// is in detail/pool_workers.cpp.
#include "process/process_pool_executor.h"

#include "process/detail/pool_wire.h"
#include "process/detail/process_pool_impl.h"
#include "run/errors.h"

#include <algorithm>

namespace il::process {

using executor::FutureCore;
using executor::RunRecording;
template <class T> using Core = executor::detail::ValueCore<T>;

namespace {

std::size_t checked(std::size_t max_workers) {
    if (max_workers == 0)
        throw ValueError("max_workers must be greater than 0");
    return max_workers;
}

} // namespace

ProcessPoolExecutor::Impl::Impl(Session& session, std::size_t max_workers, std::string name,
                                ProcessPoolOptions options)
    : session_(session), max_workers_(checked(max_workers)), name_(std::move(name)),
      window_(options.queued_calls ? options.queued_calls : 2 * max_workers_ + 1),
      id_(session.registry().add_object(trace::ObjectKind::Executor, name_,
                                        static_cast<std::int64_t>(max_workers_))),
      call_queue_(session, name_ + ".call_queue") {}

ProcessPoolExecutor::Impl::~Impl() {
    try {
        shutdown(true, false);
    } catch (...) {
        // The session stopped or a join failed: what still runs is killed below.
    }
    kill_workers();
    // Managers first (each ends at its pipe's EOF or at the stop), then the
    // pipes, then the processes (whose destructors reap).
    for (auto& w : workers_)
        w->manager.reset();
    workers_.clear();
}

std::vector<detail::PoolWorker*> ProcessPoolExecutor::Impl::workers() const {
    std::lock_guard g(mutex_);
    std::vector<detail::PoolWorker*> out;
    for (const auto& w : workers_)
        out.push_back(w.get());
    return out;
}

std::string ProcessPoolExecutor::Impl::broken() const {
    std::lock_guard g(mutex_);
    return broken_;
}

std::shared_ptr<FutureCore>
ProcessPoolExecutor::Impl::submit(const std::string& function,
                                  std::vector<std::vector<std::string>> inputs, bool chunk) {
    std::shared_ptr<FutureCore> core;
    bool need_worker = false;
    {
        std::lock_guard g(mutex_);
        if (!broken_.empty())
            throw BrokenProcessPool(broken_);
        if (shutdown_)
            throw RuntimeError("cannot schedule new futures after shutdown");
        const std::int64_t id = ++next_id_;
        std::string task = "task " + std::to_string(id);
        if (chunk)
            core = std::make_shared<Core<std::vector<std::string>>>(session_, std::move(task), id_,
                                                                    RunRecording::Elsewhere);
        else
            core = std::make_shared<Core<std::string>>(session_, std::move(task), id_,
                                                       RunRecording::Elsewhere);
        detail::PoolCall call{false, id, core->id(), function, std::move(inputs)};
        session_.recorder().record(trace::Kind::Submit, core->id(), 0,
                                   static_cast<std::int32_t>(id_));
        pending_.push_back(detail::PoolWork{id, core, chunk, detail::encode_call(call)});
        need_worker =
            workers_.size() < max_workers_ && running_.size() + pending_.size() > workers_.size();
    }
    if (need_worker)
        start_worker();
    dispatch();
    return core;
}

void ProcessPoolExecutor::Impl::queue_stops_locked() {
    for (; stops_queued_ < workers_.size(); ++stops_queued_)
        pending_.push_back(
            detail::PoolWork{0, nullptr, false, detail::encode_call({true, 0, 0, {}, {}})});
}

void ProcessPoolExecutor::Impl::dispatch() {
    // Whoever finds the feeder busy leaves a request; the feeder looks again
    // before it lets go. So no lane waits here while another blocks in put().
    dispatch_requested_.store(true);
    while (dispatch_requested_.load()) {
        std::unique_lock feeder(dispatch_mutex_, std::try_to_lock);
        if (!feeder.owns_lock())
            return;
        dispatch_requested_.store(false);
        for (;;) {
            std::string message;
            {
                std::lock_guard g(mutex_);
                if (!broken_.empty() || pending_.empty())
                    break;
                detail::PoolWork& front = pending_.front();
                // Stops pass the window: they come after every call anyway.
                if (front.id != 0 && running_.size() >= window_)
                    break;
                detail::PoolWork w = std::move(front);
                pending_.pop_front();
                if (w.id != 0) {
                    if (!w.future->set_running_or_notify_cancel())
                        continue; // cancelled while pending: never sent
                    message = std::move(w.message);
                    running_.emplace(w.id, std::move(w));
                } else {
                    message = std::move(w.message);
                }
            }
            try {
                call_queue_.put(message);
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception& e) {
                // A worker died in the middle of taking a message: the queue
                // is unusable, and so is the pool.
                feeder.unlock();
                break_pool(std::string("the pool's call queue broke (") + e.what() + ")");
                return;
            }
        }
    }
}

void ProcessPoolExecutor::Impl::complete(detail::PoolResult r) {
    detail::PoolWork w;
    {
        std::lock_guard g(mutex_);
        auto it = running_.find(r.id);
        if (it == running_.end())
            return; // already failed by break_pool
        w = std::move(it->second);
        running_.erase(it);
    }
    if (r.raised)
        w.future->set_exception(rebuild_exception(r.error_kind, r.error_message));
    else if (w.chunk)
        std::static_pointer_cast<Core<std::vector<std::string>>>(w.future)->set_result(
            std::move(r.results));
    else if (r.results.size() == 1)
        std::static_pointer_cast<Core<std::string>>(w.future)->set_result(
            std::move(r.results.front()));
    else
        w.future->set_exception(std::make_exception_ptr(
            RuntimeError("a worker process answered a call with " +
                         std::to_string(r.results.size()) + " results instead of 1")));
    dispatch();
}

void ProcessPoolExecutor::Impl::shutdown(bool wait, bool cancel_futures) {
    std::vector<detail::PoolWork> cancelled;
    {
        std::lock_guard g(mutex_);
        shutdown_ = true;
        if (cancel_futures) {
            std::deque<detail::PoolWork> keep;
            for (detail::PoolWork& w : pending_) {
                if (w.id != 0)
                    cancelled.push_back(std::move(w));
                else
                    keep.push_back(std::move(w));
            }
            pending_ = std::move(keep);
        }
        if (broken_.empty())
            queue_stops_locked();
    }
    // Cancelled outside the lock: their done-callbacks may call back in.
    for (detail::PoolWork& w : cancelled)
        w.future->cancel();
    dispatch();
    if (!wait)
        return;

    std::lock_guard j(join_mutex_);
    const trace::LaneId me = session_.recorder().current_lane();
    for (detail::PoolWorker* w : workers()) {
        if (w->manager->lane() != me && w->manager->started()) // a manager cannot join itself
            w->manager->join();
        w->process->join();
    }
}

// ---- the public face ----

ProcessPoolExecutor::ProcessPoolExecutor(Session& session, std::size_t max_workers,
                                         std::string name, ProcessPoolOptions options)
    : impl_(std::make_unique<Impl>(session, max_workers, std::move(name), options)) {}

ProcessPoolExecutor::~ProcessPoolExecutor() = default;

executor::Future<std::string> ProcessPoolExecutor::submit(const std::string& function,
                                                          std::vector<std::string> args) {
    std::vector<std::vector<std::string>> inputs;
    inputs.push_back(std::move(args));
    return executor::Future<std::string>(std::static_pointer_cast<Core<std::string>>(
        impl_->submit(function, std::move(inputs), false)));
}

ProcessMapResults ProcessPoolExecutor::map(const std::string& function,
                                           const std::vector<std::string>& inputs,
                                           std::size_t chunksize, Timeout timeout) {
    std::vector<std::vector<std::string>> lists;
    lists.reserve(inputs.size());
    for (const std::string& x : inputs)
        lists.push_back({x});
    return map(function, lists, chunksize, timeout);
}

ProcessMapResults ProcessPoolExecutor::map(const std::string& function,
                                           const std::vector<std::vector<std::string>>& inputs,
                                           std::size_t chunksize, Timeout timeout) {
    if (chunksize == 0)
        throw ValueError("chunksize must be at least 1");
    std::optional<ProcessMapResults::Clock::time_point> deadline;
    if (timeout)
        deadline = ProcessMapResults::Clock::now() + *timeout;
    std::vector<ProcessMapResults::Chunk> chunks;
    for (std::size_t i = 0; i < inputs.size(); i += chunksize) {
        const std::size_t end = std::min(inputs.size(), i + chunksize);
        std::vector<std::vector<std::string>> chunk(inputs.begin() + std::ptrdiff_t(i),
                                                    inputs.begin() + std::ptrdiff_t(end));
        chunks.emplace_back(std::static_pointer_cast<Core<std::vector<std::string>>>(
            impl_->submit(function, std::move(chunk), true)));
    }
    return ProcessMapResults(std::move(chunks), chunksize, inputs.size(), deadline);
}

void ProcessPoolExecutor::shutdown(bool wait, bool cancel_futures) {
    impl_->shutdown(wait, cancel_futures);
}

std::size_t ProcessPoolExecutor::max_workers() const {
    return impl_->max_workers();
}

std::size_t ProcessPoolExecutor::worker_count() const {
    return impl_->workers().size();
}

std::vector<pid_t> ProcessPoolExecutor::worker_pids() const {
    std::vector<pid_t> out;
    for (detail::PoolWorker* w : impl_->workers())
        out.push_back(w->process->pid());
    return out;
}

std::vector<trace::LaneId> ProcessPoolExecutor::worker_lanes() const {
    std::vector<trace::LaneId> out;
    for (detail::PoolWorker* w : impl_->workers())
        out.push_back(w->process->lane());
    return out;
}

std::string ProcessPoolExecutor::broken() const {
    return impl_->broken();
}

trace::ObjectId ProcessPoolExecutor::id() const {
    return impl_->id();
}

trace::ObjectId ProcessPoolExecutor::call_queue_id() const {
    return impl_->call_queue_id();
}

Session& ProcessPoolExecutor::session() const {
    return impl_->session();
}

} // namespace il::process
