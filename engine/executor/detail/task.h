// One submitted call and its future, in one allocation: what an executor's
// work queue carries. Made by the submitting lane, run once by a worker.
#pragma once

#include "executor/future.h"
#include "run/errors.h"

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace il::executor::detail {

// The work queue's item type. A null WorkItem is the shutdown sentinel.
class Task {
public:
    // Runs the call unless the future was cancelled, and completes the
    // future. Only il::Cancelled escapes (after it was set on the future),
    // so the worker lane ends as cancelled.
    virtual void run() = 0;
    virtual FutureCore& future() = 0;

protected:
    ~Task() = default; // owned through the future's shared_ptr, never deleted as a Task
};
using WorkItem = std::shared_ptr<Task>;

// Fn is a callable taking nothing and returning R.
template <class R, class Fn> class TaskState final : public ValueCore<R>, public Task {
public:
    TaskState(Session& session, std::string name, trace::ObjectId executor, Fn fn)
        : ValueCore<R>(session, std::move(name), executor), fn_(std::move(fn)) {}

    void run() override {
        if (!this->set_running_or_notify_cancel()) {
            fn_.reset();
            return;
        }
        try {
            if constexpr (std::is_void_v<R>) {
                (*fn_)();
                this->set_result();
            } else {
                this->set_result((*fn_)());
            }
        } catch (const Cancelled&) {
            this->set_exception(std::current_exception());
            fn_.reset();
            throw;
        } catch (...) {
            this->set_exception(std::current_exception());
        }
        // Drop the call and its arguments now, as CPython's worker drops its
        // work item: the future may live much longer than they should.
        fn_.reset();
    }
    FutureCore& future() override { return *this; }

private:
    std::optional<Fn> fn_; // touched by the one worker that runs it
};

} // namespace il::executor::detail
