#include "thread/thread.h"

#include "run/errors.h"
#include "sync/detail/blocking_wait.h"

#include <memory>
#include <sys/syscall.h>
#include <unistd.h>

namespace il::thread {

using trace::Kind;

Thread::Thread(Session& session, std::string name, std::function<void()> fn)
    : session_(session), lane_(session.registry().add_lane(std::move(name), trace::LaneKind::Thread,
                                                           session.recorder().current_lane())),
      object_(session.registry().lane(lane_).object), fn_(std::move(fn)) {}

Thread::~Thread() {
    if (os_thread_.joinable())
        os_thread_.join();
}

void Thread::start() {
    if (started_)
        throw RuntimeError("threads can only be started once");
    started_ = true;
    os_thread_ = std::thread([this] { body(); });
}

void Thread::body() {
    trace::Recorder& rec = session_.recorder();
    rec.bind_thread(lane_);
    rec.record(Kind::LaneStart, object_, 0, static_cast<std::int32_t>(::syscall(SYS_gettid)));
    auto reason = trace::LaneEndReason::Returned;
    std::exception_ptr error;
    try {
        fn_();
    } catch (const Cancelled&) {
        reason = trace::LaneEndReason::Cancelled;
    } catch (...) {
        reason = trace::LaneEndReason::Raised;
        error = std::current_exception();
    }
    std::lock_guard g(mutex_);
    end_tick_ = rec.record(Kind::LaneEnd, object_, 1, 0, static_cast<std::uint16_t>(reason));
    done_ = true;
    error_ = error;
    done_cv_.notify_all();
}

bool Thread::join(Timeout timeout) {
    if (!started_)
        throw RuntimeError("cannot join thread before it is started");
    {
        std::unique_lock g(mutex_);
        bool ok =
            sync::detail::blocking_wait(session_, g, done_cv_, object_, trace::WaitReason::Join,
                                        timeout, [this] { return done_; });
        if (!ok)
            return false;
    }
    if (os_thread_.joinable())
        os_thread_.join();
    session_.recorder().record_after(end_tick_, Kind::Joined, object_, 1);
    return true;
}

bool Thread::is_alive() const {
    std::lock_guard g(mutex_);
    return started_ && !done_;
}

std::exception_ptr Thread::exception() const {
    std::lock_guard g(mutex_);
    return error_;
}

void run_all(Session& session,
             const std::vector<std::pair<std::string, std::function<void()>>>& lanes) {
    std::vector<std::unique_ptr<Thread>> threads;
    threads.reserve(lanes.size());
    for (const auto& [name, fn] : lanes)
        threads.push_back(std::make_unique<Thread>(session, name, fn));
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        t->join();
}

} // namespace il::thread
