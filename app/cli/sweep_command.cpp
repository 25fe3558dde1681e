#include "sweep_command.h"

#include "chart_output.h"
#include "stop_signals.h"

#include "export/atomic_file.h"
#include "export/export_error.h"
#include "sweep/sweep.h"

#include <cstdio>
#include <iostream>

namespace il::cli {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void print_table(const sweep::SweepResult& r) {
    const auto& s = r.spec;
    std::cout << "sweep of " << s.scenario << " over " << s.param << ", " << s.repeat
              << (s.repeat == 1 ? " run" : " runs (median)") << " per value, " << r.cores
              << " cores" << (r.cancelled ? " (cancelled: the values below are those reached)" : "")
              << "\n";
    std::printf("%12s %12s %20s %8s %6s %10s %7s\n", s.param.c_str(), "wall ms", "min..max ms",
                "speedup", "ideal", "efficiency", "amdahl");
    for (const auto& p : r.points) {
        std::string range = fixed(p.wall_min_ns / 1e6, 1) + ".." + fixed(p.wall_max_ns / 1e6, 1);
        std::printf("%12s %12s %20s %8s %6s %9s%% %7s%s%s\n", number(p.value).c_str(),
                    fixed(p.wall_ns / 1e6, 1).c_str(), range.c_str(), fixed(p.speedup, 2).c_str(),
                    fixed(p.ideal, 2).c_str(), fixed(p.efficiency * 100, 0).c_str(),
                    fixed(p.amdahl, 2).c_str(), p.oversubscribed ? "  oversubscribed" : "",
                    p.all_ok ? "" : "  outcome failed");
    }
    std::cout << "Amdahl's law fitted to the speedups: serial fraction "
              << fixed(r.serial_fraction, 3);
    if (r.serial_fraction > 0)
        std::cout << " (no number of workers can go past " << fixed(1 / r.serial_fraction, 1)
                  << "x)";
    std::cout << "\n";
    std::cout.flush();
}

} // namespace

int sweep_command(const scenario::Scenario& scenario, const Args& args) {
    sweep::SweepSpec spec;
    try {
        spec = sweep::parse_sweep(scenario, args.sweep_range, args.repeat, args.seed,
                                  args.assignments);
    } catch (const sweep::SweepError& e) {
        throw UsageError(e.what());
    }
    check_chart_requests(args.charts, true);

    sweep::SweepOptions options;
    if (args.timeout_s)
        options.timeout =
            std::chrono::nanoseconds(static_cast<std::int64_t>(*args.timeout_s * 1e9));
    options.progress = [&](int done, int total, const sweep::SweepRun& last) {
        std::cerr << "sweep: " << done << "/" << total << "  " << spec.param << "="
                  << number(last.value) << (spec.repeat > 1 ? " repeat " : "")
                  << (spec.repeat > 1 ? std::to_string(last.repeat + 1) : "") << "  "
                  << fixed(last.wall_ns / 1e6, 1) << " ms  "
                  << (last.ok ? "ok" : "outcome failed: " + last.message) << "\n";
    };
    std::stop_source stop;
    options.stop = stop.get_token();
    sweep::SweepResult result;
    {
        SignalWatcher watcher(stop, "cancelling the sweep");
        result = sweep::run_sweep(spec, options);
    }

    bool write_failed = false;
    if (args.csv_path) {
        try {
            exporter::write_file_atomically(*args.csv_path, sweep::sweep_csv(result));
        } catch (const exporter::ExportError& e) {
            std::cerr << "interleave: " << e.what() << "\n";
            write_failed = true;
        }
    }
    if (!args.charts.empty() && !write_sweep_charts(result, args.charts))
        write_failed = true;

    if (args.json)
        std::cout << sweep::sweep_json(result).dump(2) << "\n";
    else
        print_table(result);

    bool all_ok = !result.cancelled && !result.points.empty();
    for (const auto& p : result.points)
        all_ok = all_ok && p.all_ok;
    return all_ok && !write_failed ? 0 : 1;
}

} // namespace il::cli
