// Runs one scenario to its end: on its own "main" lane, with a timeout and
// an external stop, and returns everything the views and exporters need.
#pragma once

#include "analysis/diagnostic.h"
#include "run/session.h"
#include "scenario/scenario.h"
#include "trace/snapshot.h"

#include <functional>
#include <memory>
#include <stop_token>

namespace il::scenario {

struct RunOptions {
    Timeout timeout;      // stop the run after this long
    std::stop_token stop; // or when this is requested (Ctrl-C, Stop button)
    std::uint64_t event_budget = trace::Recorder::kDefaultBudget;
    // A run with no new record for this long while lanes are blocked is
    // stuck: reported and stopped. nullopt: never.
    Timeout stall = std::chrono::seconds(3);
    // Stop the run as soon as a deadlock is found (true), or only report it.
    bool stop_on_deadlock = true;
    // Called on the calling thread once the session exists (live views poll
    // it), and once recording has finished, just before the session goes away:
    // a poller must stop touching the session before on_finish returns.
    std::function<void(Session&)> on_start;
    std::function<void(Session&)> on_finish;
};

// Finished: the scenario returned. Stopped: on request (Stop, Ctrl-C).
// TimedOut: the run's timeout. Deadlocked / Stalled: the engine's monitor
// found a wait-for cycle / no progress for `stall` and stopped the run; the
// scenario's judge_stopped() gives the outcome. Failed: an exception escaped.
enum class RunStatus { Finished, Stopped, TimedOut, Deadlocked, Stalled, Failed };

struct RunResult {
    std::string scenario;
    Params params;
    Outcome outcome;
    RunStatus status = RunStatus::Finished;
    std::string error; // Failed: what escaped the scenario
    std::int64_t duration_ns = 0;
    // CPU time (user + system) of this process and the children it reaped
    // during the run: includes the engine's own threads (monitor, spawner).
    std::int64_t cpu_ns = 0;
    trace::Snapshot trace; // finished snapshot
    // Deadlocks and stalls the live monitor found, in the order found.
    std::vector<analysis::Diagnostic> diagnostics;
};

// Blocks until the scenario returns, throws, or is stopped. A stopped run
// ends within a second of the stop once every wait is cancelled; its outcome
// is not ok and says it was stopped.
RunResult run_scenario(const Scenario& scenario, const Params& params, const RunOptions& options);

std::string_view run_status_name(RunStatus s);

} // namespace il::scenario
