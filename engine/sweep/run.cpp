// run_sweep: every value R times, one run at a time, on the calling thread.
#include "scenario/catalog.h"
#include "sweep/detail/spec_check.h"
#include "sweep/sweep.h"

#include <cmath>
#include <thread>

namespace il::sweep {

SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options) {
    const scenario::Scenario* scenario = scenario::find_scenario(spec.scenario);
    if (!scenario)
        throw SweepError("no scenario '" + spec.scenario + "' to sweep");
    const scenario::Params base = detail::check_spec(*scenario, spec);
    const scenario::ParamSpec& swept = detail::swept_spec(*scenario, spec.param);
    const bool seeded = detail::seed_spec(*scenario, spec.param) != nullptr;

    SweepResult result;
    result.spec = spec;
    result.cores = std::thread::hardware_concurrency();
    const int total = static_cast<int>(spec.values.size()) * spec.repeat;

    scenario::RunOptions run_options;
    run_options.timeout = options.timeout;
    run_options.stop = options.stop;
    // Value-major order: a cancelled sweep keeps whole points for the values it reached.
    for (double value : spec.values) {
        for (int r = 0; r < spec.repeat; ++r) {
            if (options.stop.stop_requested()) {
                result.cancelled = true;
                break;
            }
            scenario::Params params = base;
            if (swept.type == scenario::ParamType::Int)
                params.set(spec.param, static_cast<std::int64_t>(std::llround(value)));
            else
                params.set(spec.param, value);
            SweepRun run;
            run.value = value;
            run.repeat = r;
            if (seeded) {
                run.seed = spec.seed + static_cast<std::uint64_t>(r);
                params.set("seed", static_cast<std::int64_t>(run.seed));
            } else if (spec.param == "seed") {
                run.seed = static_cast<std::uint64_t>(std::llround(value));
            }

            scenario::RunResult rr = scenario::run_scenario(*scenario, params, run_options);
            if (rr.status == scenario::RunStatus::Stopped && options.stop.stop_requested()) {
                // Cancelled while it ran: half a run measures nothing.
                result.cancelled = true;
                break;
            }
            run.wall_ns = rr.duration_ns;
            run.cpu_ns = rr.cpu_ns;
            run.status = rr.status;
            run.ok = rr.outcome.ok;
            run.message = std::move(rr.outcome.message);
            run.values = std::move(rr.outcome.values);
            result.runs.push_back(std::move(run));
            if (options.progress)
                options.progress(static_cast<int>(result.runs.size()), total, result.runs.back());
        }
        if (result.cancelled)
            break;
    }
    result.points = summarise(result.runs, result.cores);
    result.serial_fraction = fit_serial_fraction(result.points);
    return result;
}

} // namespace il::sweep
