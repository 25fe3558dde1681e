// The soak suites' shared cycle: a representative set of the catalog with
// small parameters (threads, locks and conditions, queues, executors,
// processes, coroutines, the GIL, sockets), a run the monitor stops as
// deadlocked, one the user stops and two that fail (a bad input, a lane
// that throws), and the run count they read from INTERLEAVE_SOAK_RUNS.
// Test-only; header-only because the test build compiles one source per
// suite.
#pragma once

#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "scenarios/lanes.h"
#include "sync/lock.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace soak {

using il::scenario::RunStatus;

// Default runs when INTERLEAVE_SOAK_RUNS is unset. Sanitizer builds run the
// engine 2-10x slower, so they get fewer (run_count keeps them past the
// warm-up); the ui suite is not built there.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline constexpr int kDefaultEngineRuns = 100;
inline constexpr int kDefaultLiveRuns = 24;
#else
inline constexpr int kDefaultEngineRuns = 400;
inline constexpr int kDefaultLiveRuns = 115;
#endif
inline constexpr int kMaxRuns = 1'000'000;

struct RunCount {
    bool has_value = false;
    int value = 0;
    std::string error_message;
};

// INTERLEAVE_SOAK_RUNS, or `fallback` when unset; a bad value is an error
// that names the variable, the value and what is allowed.
inline RunCount run_count(int fallback, int minimum) {
    RunCount c;
    const char* text = std::getenv("INTERLEAVE_SOAK_RUNS");
    if (!text || !*text) {
        c.has_value = true;
        c.value = std::max(fallback, minimum);
        return c;
    }
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < minimum || v > kMaxRuns) {
        c.error_message = "INTERLEAVE_SOAK_RUNS=" + std::string(text) +
                          ": expected a whole number of runs from " + std::to_string(minimum) +
                          " (the warm-up and a few more) to " + std::to_string(kMaxRuns);
        return c;
    }
    c.has_value = true;
    c.value = static_cast<int>(v);
    return c;
}

// A scenario whose lane throws while another lane waits for the lock it
// holds: the exception escapes the run (RunStatus::Failed) and every lane,
// lock and buffer must still be released.
class Throws final : public il::scenario::Scenario {
public:
    const il::scenario::ScenarioInfo& info() const override {
        static const il::scenario::ScenarioInfo i{
            "soak-throws", "Soak: a lane throws", "Soak", "", "", "", {}};
        return i;
    }
    il::scenario::Outcome run(il::Session& session, const il::scenario::Params&) const override {
        il::sync::Lock lock(session, "soak_lock");
        il::scenarios::LaneGroup lanes(session);
        lanes.start("thrower", [&] {
            std::lock_guard g(lock);
            throw std::runtime_error("soak: a deliberate failure");
        });
        lanes.start("waiter", [&] { std::lock_guard g(lock); });
        lanes.join_all();
        return {};
    }
};

struct Step {
    std::string label;
    const il::scenario::Scenario* scenario = nullptr;
    std::vector<std::string> args;
    RunStatus want = RunStatus::Finished;
    bool stop_mid_run = false; // the user presses Stop shortly after the start
};

inline const il::scenario::Scenario& scenario_of(const char* id) {
    const il::scenario::Scenario* s = il::scenario::find_scenario(id);
    if (!s)
        throw std::runtime_error(std::string("soak: no scenario ") + id);
    return *s;
}

inline const std::vector<Step>& steps() {
    static const Throws throws;
    auto step = [](const char* label, const char* id, std::vector<std::string> args,
                   RunStatus want = RunStatus::Finished, bool stop = false) {
        return Step{label, &scenario_of(id), std::move(args), want, stop};
    };
    static const std::vector<Step> all = {
        step("counter", "counter", {"threads=3", "increments=200"}),
        step("counter racy", "counter", {"threads=3", "increments=200", "locked=false"}),
        step("condition-buffer", "condition-buffer", {"capacity=2", "items=20", "consume_ms=0"}),
        step("semaphore", "semaphore", {"workers=4", "permits=2", "hold_ms=1"}),
        step("event-pingpong", "event-pingpong", {"rounds=5"}),
        step("barrier-phases", "barrier-phases", {"workers=3", "phases=3", "work_ms=0"}),
        step("producer-consumer", "producer-consumer",
             {"producers=2", "consumers=2", "capacity=3", "items=30", "work_ms=0"}),
        step("sleeping-barber", "sleeping-barber",
             {"customers=6", "chairs=2", "cut_ms=1", "arrival_ms=1"}),
        step("thread-pool", "thread-pool", {"tasks=8", "workers=3", "work_ms=1"}),
        step("process-sum", "process-sum", {"n=1001", "processes=2"}),
        step("shared-counter", "shared-counter", {"processes=2", "increments=100"}),
        step("pipe-pingpong", "pipe-pingpong", {"rounds=5"}),
        step("process-pool", "process-pool", {"workers=2", "count=4", "size=1000"}),
        step("data-processor", "data-processor", {"size_mb=0.05", "workers=2", "top=3"}),
        step("async-gather", "async-gather", {"time_scale=0.005"}),
        step("async-producer-consumer", "async-producer-consumer",
             {"items=15", "maxsize=2", "produce_ms=0", "consume_ms=0"}),
        step("timeouts-and-cancellation", "timeouts-and-cancellation",
             {"jobs=3", "timeout_ms=20", "cancel_after_ms=5"}),
        step("async-crawler", "async-crawler", {"pages=6", "concurrency=2", "latency_ms=0"}),
        step("performance-comparison (GIL)", "performance-comparison",
             {"workers=2", "n=20000", "io_ms=1", "switch_interval_ms=1"}),
        step("lock-order-inversion deadlock", "lock-order-inversion", {}, RunStatus::Deadlocked),
        step("dining-philosophers stopped", "dining-philosophers",
             {"variant=ordered", "meals=10000"}, RunStatus::Stopped, true),
        step("data-processor bad input", "data-processor", {"input=/nonexistent/interleave-soak"},
             RunStatus::Failed),
        Step{"soak-throws", &throws, {}, RunStatus::Failed, false},
    };
    return all;
}

inline il::scenario::Params params_of(const Step& s) {
    return il::scenario::parse_params(s.scenario->info().params, s.args);
}

// A hang guard only; the soak makes no timing assertion.
inline il::scenario::RunOptions options_of(const Step&) {
    il::scenario::RunOptions o;
    o.timeout = std::chrono::seconds(60);
    return o;
}

// How long after the start a stop_mid_run step is stopped.
inline constexpr std::chrono::milliseconds kStopAfter{30};

inline il::scenario::RunResult run_step(const Step& s) {
    il::scenario::RunOptions o = options_of(s);
    std::stop_source stop;
    o.stop = stop.get_token();
    std::jthread stopper;
    if (s.stop_mid_run)
        stopper = std::jthread([&stop](std::stop_token cancel) {
            std::mutex m;
            std::condition_variable_any cv;
            std::unique_lock g(m);
            if (!cv.wait_for(g, cancel, kStopAfter, [] { return false; }))
                stop.request_stop();
        });
    return il::scenario::run_scenario(*s.scenario, params_of(s), o);
}

} // namespace soak
