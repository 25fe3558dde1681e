// Small helpers scenarios share: start a group of named lanes and join them,
// re-raising the first exception a lane raised (after all were joined).
// A lane that raises stops the session, so the others are cancelled.
#pragma once

#include "thread/thread.h"

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace il::scenarios {

class LaneGroup {
public:
    explicit LaneGroup(Session& session) : session_(session) {}

    // Makes and starts a lane.
    thread::Thread& start(std::string name, std::function<void()> fn);
    // Joins every lane, then re-raises the first exception any of them raised.
    void join_all();

private:
    Session& session_;
    std::vector<std::unique_ptr<thread::Thread>> lanes_;
    // The first exception a lane raised, kept before that lane stops the
    // session: join_all may be cancelled by that very stop before the lane
    // has ended, and must still re-raise the failure, not a plain stop.
    std::mutex mutex_;
    std::exception_ptr first_error_;
};

} // namespace il::scenarios
