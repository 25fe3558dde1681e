#include "executor/future_state.h"

#include "executor/detail/waiter.h"
#include "run/errors.h"
#include "sync/detail/signal_wait.h"

namespace il::executor {

using trace::Kind;

std::string_view future_state_name(FutureState s) {
    switch (s) {
    case FutureState::Pending:
        return "pending";
    case FutureState::Running:
        return "running";
    case FutureState::Finished:
        return "finished";
    case FutureState::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

FutureCore::FutureCore(Session& session, std::string name, trace::ObjectId executor,
                       RunRecording run_recording)
    : session_(session), id_(session.registry().add_object(trace::ObjectKind::Future,
                                                           std::move(name), 0, 0, executor)),
      records_run_(run_recording == RunRecording::Here) {}

FutureCore::~FutureCore() = default;

bool FutureCore::cancel() {
    std::vector<Callback> callbacks;
    {
        std::lock_guard g(mutex_);
        if (state_ == FutureState::Running || state_ == FutureState::Finished)
            return false;
        if (state_ == FutureState::Cancelled)
            return true;
        state_ = FutureState::Cancelled;
        session_.recorder().record(Kind::Cancel, id_);
        callbacks = finish_locked();
    }
    run_callbacks(*this, callbacks);
    return true;
}

bool FutureCore::cancelled() const {
    std::lock_guard g(mutex_);
    return state_ == FutureState::Cancelled;
}

bool FutureCore::running() const {
    std::lock_guard g(mutex_);
    return state_ == FutureState::Running;
}

bool FutureCore::done() const {
    std::lock_guard g(mutex_);
    return is_done();
}

FutureState FutureCore::state() const {
    std::lock_guard g(mutex_);
    return state_;
}

void FutureCore::wait_done(std::unique_lock<std::mutex>& lock, Timeout timeout) {
    if (is_done())
        return;
    if (!cv_)
        cv_ = std::make_unique<std::condition_variable_any>();
    bool ok = sync::detail::signal_wait(
        session_, lock, *cv_, id_, trace::WaitReason::Future, timeout, [this] { return is_done(); },
        [this](bool waited) {
            if (waited)
                session_.recorder().record_after(set_tick(), Kind::Wake, id_, kSetToken);
            return trace::WaitResult::Ok;
        });
    if (!ok)
        throw TimeoutError("the future was not done within the timeout");
}

std::exception_ptr FutureCore::exception(Timeout timeout) {
    std::unique_lock g(mutex_);
    wait_done(g, timeout);
    if (state_ == FutureState::Cancelled)
        throw CancelledError("the future was cancelled");
    return error_;
}

void FutureCore::wait_result(Timeout timeout) {
    std::unique_lock g(mutex_);
    wait_done(g, timeout);
    if (state_ == FutureState::Cancelled)
        throw CancelledError("the future was cancelled");
    if (error_) {
        std::exception_ptr e = error_;
        g.unlock();
        std::rethrow_exception(e);
    }
}

void FutureCore::add_done_callback(Callback fn) {
    {
        std::lock_guard g(mutex_);
        if (!is_done()) {
            callbacks_.push_back(std::move(fn));
            return;
        }
    }
    try {
        fn(*this);
    } catch (...) {
        // Ignored, as CPython logs it and goes on.
    }
}

bool FutureCore::set_running_or_notify_cancel() {
    std::lock_guard g(mutex_);
    if (state_ == FutureState::Cancelled)
        return false; // its waiters and callbacks heard of it at cancel()
    if (state_ != FutureState::Pending)
        throw RuntimeError("Future in unexpected state: " + std::string(future_state_name(state_)));
    state_ = FutureState::Running;
    if (records_run_)
        session_.recorder().record(Kind::TaskStart, id_);
    return true;
}

void FutureCore::set_exception(std::exception_ptr error) {
    if (!error)
        throw ValueError("set_exception needs an exception");
    complete(lock_for_set("set_exception"), std::move(error));
}

std::unique_lock<std::mutex> FutureCore::lock_for_set(const char* what) {
    std::unique_lock g(mutex_);
    if (is_done())
        throw InvalidStateError(std::string(what) + " on a " +
                                std::string(future_state_name(state_)) + " future");
    return g;
}

void FutureCore::complete(std::unique_lock<std::mutex> lock, std::exception_ptr error) {
    error_ = std::move(error);
    if (state_ == FutureState::Running && records_run_)
        session_.recorder().record(Kind::TaskEnd, id_, 0, error_ ? 1 : 0,
                                   static_cast<std::uint16_t>(FutureState::Finished));
    state_ = FutureState::Finished;
    std::vector<Callback> callbacks = finish_locked();
    lock.unlock();
    run_callbacks(*this, callbacks);
}

std::vector<FutureCore::Callback> FutureCore::finish_locked() {
    set_tick_.store(session_.recorder().record(Kind::Set, id_, kSetToken),
                    std::memory_order_release);
    const bool r = raised();
    for (auto& [waiter, index] : waiters_)
        waiter->on_done(index, r);
    // Notified with the mutex held, as every primitive does (see Lock::release).
    if (cv_)
        cv_->notify_all();
    std::vector<Callback> callbacks;
    callbacks.swap(callbacks_);
    return callbacks;
}

void FutureCore::run_callbacks(FutureCore& self, std::vector<Callback>& callbacks) {
    for (Callback& fn : callbacks) {
        try {
            fn(self);
        } catch (...) {
            // Ignored, as CPython logs it and goes on.
        }
    }
}

} // namespace il::executor
