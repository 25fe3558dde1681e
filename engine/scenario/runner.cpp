#include "scenario/runner.h"

#include "run/cpu_time.h"
#include "run/errors.h"
#include "scenario/monitor.h"
#include "trace/clock.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace il::scenario {

RunResult run_scenario(const Scenario& scenario, const Params& params, const RunOptions& options) {
    RunResult result;
    result.scenario = scenario.info().id;
    result.params = params;

    Session session(SessionOptions{options.event_budget});
    std::stop_callback forward(options.stop, [&session] { session.request_stop(); });
    if (options.on_start)
        options.on_start(session);
    // Runs on every way out, before `session` is destroyed.
    struct FinishGuard {
        const RunOptions& options;
        Session& session;
        ~FinishGuard() {
            if (options.on_finish)
                options.on_finish(session);
        }
    } finish_guard{options, session};

    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::int64_t t0 = trace::clock::monotonic_ns();
    std::int64_t t1 = t0;
    const std::int64_t cpu0 = process_cpu_ns();

    // The scenario runs on its own thread so that this one can enforce the timeout.
    std::thread main([&] {
        trace::Recorder& rec = session.recorder();
        trace::LaneId lane = session.registry().add_lane("main", trace::LaneKind::Thread);
        rec.bind_thread(lane);
        trace::ObjectId self = session.registry().lane(lane).object;
        rec.record(trace::Kind::LaneStart, self);
        auto reason = trace::LaneEndReason::Returned;
        try {
            result.outcome = scenario.run(session, params);
        } catch (const Cancelled&) {
            reason = trace::LaneEndReason::Cancelled;
        } catch (const std::exception& e) {
            reason = trace::LaneEndReason::Raised;
            result.status = RunStatus::Failed;
            result.error = e.what();
        } catch (...) {
            reason = trace::LaneEndReason::Raised;
            result.status = RunStatus::Failed;
            result.error = "unknown exception";
        }
        rec.record(trace::Kind::LaneEnd, self, 1, 0, static_cast<std::uint16_t>(reason));
        std::lock_guard g(m);
        t1 = trace::clock::monotonic_ns();
        done = true;
        cv.notify_all();
    });

    RunMonitor monitor(session, {options.stall, options.stop_on_deadlock});
    bool timed_out = false;
    {
        std::unique_lock g(m);
        if (options.timeout) {
            if (!cv.wait_for(g, *options.timeout, [&] { return done; })) {
                timed_out = true;
                session.request_stop();
            }
        }
        cv.wait(g, [&] { return done; });
    }
    main.join();
    session.recorder().finish();
    monitor.finish();
    result.diagnostics = monitor.diagnostics();

    result.duration_ns = t1 - t0;
    result.cpu_ns = process_cpu_ns() - cpu0;
    if (result.status != RunStatus::Failed && (monitor.deadlocked() || monitor.stalled())) {
        // The engine stopped the run: the scenario judges what was found.
        result.status = monitor.deadlocked() ? RunStatus::Deadlocked : RunStatus::Stalled;
        result.outcome = scenario.judge_stopped(params, result.diagnostics);
    } else if (result.status != RunStatus::Failed && session.stop_requested()) {
        result.status = timed_out ? RunStatus::TimedOut : RunStatus::Stopped;
        result.outcome.ok = false;
        result.outcome.message =
            timed_out ? "stopped: the run exceeded its timeout" : "stopped on request";
    } else if (result.status == RunStatus::Failed) {
        result.outcome.ok = false;
        result.outcome.message = "failed: " + result.error;
    }
    result.trace = session.recorder().snapshot();
    return result;
}

std::string_view run_status_name(RunStatus s) {
    switch (s) {
    case RunStatus::Finished:
        return "finished";
    case RunStatus::Stopped:
        return "stopped";
    case RunStatus::TimedOut:
        return "timed_out";
    case RunStatus::Deadlocked:
        return "deadlocked";
    case RunStatus::Stalled:
        return "stalled";
    case RunStatus::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace il::scenario
