#include "run_command.h"

#include "chart_output.h"
#include "run_output.h"
#include "stop_signals.h"

#include "scenario/runner.h"

namespace il::cli {

int run_command(const scenario::Scenario& scenario, const Args& args) {
    scenario::Params params;
    try {
        params = scenario::parse_params(scenario.info().params, args.assignments);
    } catch (const scenario::ParamError& e) {
        throw UsageError(std::string(e.what()) + " (scenario '" + scenario.info().id + "')");
    }

    check_chart_requests(args.charts, false);

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
        SignalWatcher watcher(stop, "stopping the run");
        result = scenario::run_scenario(scenario, params, options);
    }
    return write_and_report(result, args);
}

} // namespace il::cli
