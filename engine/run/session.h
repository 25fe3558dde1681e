// One run of something: its recorder and its stop switch. Every primitive,
// lane and executor belongs to one Session and must not outlive it.
// Thread-safe.
#pragma once

#include "trace/recorder.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>

namespace il {

// A wait's limit: nullopt waits forever (Python's timeout=None).
using Timeout = std::optional<std::chrono::nanoseconds>;

struct SessionOptions {
    std::uint64_t event_budget = trace::Recorder::kDefaultBudget;
};

class Session {
public:
    explicit Session(SessionOptions options = {});

    trace::Recorder& recorder() { return recorder_; }
    const trace::Recorder& recorder() const { return recorder_; }
    trace::Registry& registry() { return recorder_.registry(); }

    // Stops the run: every wait in every primitive of this session throws
    // il::Cancelled as soon as it notices (immediately for blocked waits).
    void request_stop() { stop_.request_stop(); }
    bool stop_requested() const { return stop_.stop_requested(); }
    std::stop_token stop_token() const { return stop_.get_token(); }

    // Throws il::Cancelled if the run is being stopped: for loops that never block.
    void check_stop() const;

private:
    trace::Recorder recorder_;
    std::stop_source stop_;
};

} // namespace il
