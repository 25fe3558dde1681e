#include "run_command.h"

#include "analysis/stats.h"
#include "export/chrome_trace.h"
#include "export/csv.h"
#include "export/export_error.h"
#include "report/run_report.h"
#include "scenario/runner.h"

#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace il::cli {

namespace {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

// Waits for Ctrl-C / SIGTERM on its own thread and turns it into a stop
// request: a signal handler may not touch a std::stop_source, a thread may.
class SignalWatcher {
public:
    explicit SignalWatcher(std::stop_source& stop) {
        thread_ = std::thread([this, &stop] {
            sigset_t set = stop_signals();
            int sig = 0;
            while (sigwait(&set, &sig) == 0) {
                if (done_)
                    return;
                std::cerr << "interleave: " << (sig == SIGINT ? "interrupted" : "terminated")
                          << ", stopping the run\n";
                stop.request_stop();
            }
        });
    }
    ~SignalWatcher() {
        done_ = true;
        pthread_kill(thread_.native_handle(), SIGTERM);
        thread_.join();
    }

private:
    std::atomic<bool> done_{false};
    std::thread thread_;
};

} // namespace

void block_stop_signals() {
    sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int run_command(const scenario::Scenario& scenario, const Args& args) {
    scenario::Params params;
    try {
        params = scenario::parse_params(scenario.info().params, args.assignments);
    } catch (const scenario::ParamError& e) {
        throw UsageError(std::string(e.what()) + " (scenario '" + scenario.info().id + "')");
    }

    scenario::RunOptions options;
    if (args.timeout_s)
        options.timeout =
            std::chrono::nanoseconds(static_cast<std::int64_t>(*args.timeout_s * 1e9));
    options.stall =
        args.stall_s > 0
            ? Timeout(std::chrono::nanoseconds(static_cast<std::int64_t>(args.stall_s * 1e9)))
            : std::nullopt;
    if (args.max_events)
        options.event_budget = *args.max_events;
    std::stop_source stop;
    options.stop = stop.get_token();

    scenario::RunResult result;
    {
        SignalWatcher watcher(stop);
        result = scenario::run_scenario(scenario, params, options);
    }
    const analysis::Summary summary = report::summarize(result);

    // Files first, so a failed write is reported (and fails the run) before the summary.
    bool write_failed = false;
    auto write = [&](const std::optional<std::string>& path, auto&& writer) {
        if (!path)
            return;
        try {
            writer(*path);
        } catch (const exporter::ExportError& e) {
            std::cerr << "interleave: " << e.what() << "\n";
            write_failed = true;
        }
    };
    write(args.trace_path, [&](const std::string& p) {
        exporter::export_chrome_trace(p, result.trace, summary, {result.scenario});
    });
    write(args.csv_path,
          [&](const std::string& p) { exporter::export_stats_csv(p, result.trace, summary); });

    if (args.json)
        std::cout << report::run_json(result, summary).dump(2) << "\n";
    else
        std::cout << report::run_text(result, summary);
    return result.outcome.ok && !write_failed ? 0 : 1;
}

} // namespace il::cli
