// threading.Thread: a named lane running on its own OS thread.
//
// The lane is registered when the Thread is made (so lanes are numbered in
// creation order) and runs from start(). An exception that escapes the
// function ends the lane and is kept (exception()); il::Cancelled ends it as
// cancelled. The destructor joins, so no thread outlives its Thread.
// Recorded: LaneStart, LaneEnd (cause, token 1), and for join() a
// WaitBegin/WaitEnd with WaitReason::Join and Joined (effect) on the lane's object.
// start() and join() are for the owning lane; the queries are thread-safe.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace il::thread {

class Thread {
public:
    Thread(Session& session, std::string name, std::function<void()> fn);
    ~Thread();
    Thread(const Thread&) = delete;
    Thread& operator=(const Thread&) = delete;

    void start();
    // Waits until the lane ends (true) or the timeout passes (false). May be
    // called again, as in Python. Throws il::RuntimeError before start() and
    // il::Cancelled if the session stops first (the destructor still joins).
    bool join(Timeout timeout = std::nullopt);

    bool started() const { return started_; }
    bool is_alive() const;
    trace::LaneId lane() const { return lane_; }
    trace::ObjectId object() const { return object_; }
    // What escaped the lane's function (other than il::Cancelled), if anything.
    std::exception_ptr exception() const;

private:
    void body();

    Session& session_;
    const trace::LaneId lane_;
    const trace::ObjectId object_;
    std::function<void()> fn_;
    std::thread os_thread_; // joinable from start() until the first join that returns
    bool started_ = false;  // owning lane only

    mutable std::mutex mutex_; // guards done_ and error_
    std::condition_variable_any done_cv_;
    bool done_ = false;
    std::int64_t end_tick_ = 0; // when LaneEnd was recorded: Joined comes after it
    std::exception_ptr error_;
};

// Starts a Thread per name and joins them all: the common fork-join shape.
void run_all(Session& session,
             const std::vector<std::pair<std::string, std::function<void()>>>& lanes);

} // namespace il::thread
