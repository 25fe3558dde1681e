// An async scope that times a block (a timing `async with` context
// manager): made at the top of the block, it records a Mark (a = 0) on an
// Annotation object "timer: <name>" and, when stopped or destroyed, a Mark
// with a = the elapsed ns. elapsed() reads the time so far (or the final
// time once stopped). Works in a task or any lane; not thread-safe.
//
//   { coro::TimerScope t(session, "download"); co_await fetch(); }  // Mark .. Mark(a = ns)
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <chrono>
#include <string>

namespace il::coro {

class TimerScope {
public:
    TimerScope(Session& session, std::string name);
    ~TimerScope() { stop(); }
    TimerScope(const TimerScope&) = delete;
    TimerScope& operator=(const TimerScope&) = delete;

    // Ends the timing now (once); returns the elapsed time.
    std::chrono::nanoseconds stop();
    std::chrono::nanoseconds elapsed() const;
    bool stopped() const { return stopped_; }
    trace::ObjectId id() const { return id_; }

private:
    Session& session_;
    const trace::ObjectId id_;
    const std::chrono::steady_clock::time_point start_;
    std::chrono::nanoseconds elapsed_{0};
    bool stopped_ = false;
};

} // namespace il::coro
