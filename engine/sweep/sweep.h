// Parameter sweeps: one numeric parameter of a scenario run over a range,
// each value repeated R times, timed, and summarised as speedup and
// efficiency against the first value, with Amdahl's law fitted to the
// speedups (its serial fraction reported) and the values past the machine's
// core count marked as oversubscribed.
#pragma once

#include "scenario/runner.h"
#include "scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

namespace il::sweep {

// A sweep that cannot be run as asked: the message names the problem and
// what is allowed (unknown parameter, not numeric, outside its range, too
// many points, malformed range).
struct SweepError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct SweepSpec {
    std::string scenario;                 // id
    std::string param;                    // an Int or Real parameter of it
    std::vector<double> values;           // the values swept, in order (>= 2)
    int repeat = 1;                       // runs per value (1..100)
    std::uint64_t seed = 1;               // repeat r of every value runs with seed + r
                                          // (when the scenario has a `seed` parameter)
    std::vector<std::string> assignments; // the other parameters, name=value
};

// "workers=1..8", "workers=1..16:2" (step), "interval_ms=0.5..5:0.5":
// checked against the scenario's parameter spec. Int: step defaults to 1;
// Real: to 8 evenly spaced values. At most 1000 values. Throws SweepError.
SweepSpec parse_sweep(const scenario::Scenario& scenario, const std::string& range, int repeat = 1,
                      std::uint64_t seed = 1, std::vector<std::string> assignments = {});

// One run of the sweep.
struct SweepRun {
    double value = 0;
    int repeat = 0; // 0..R-1
    std::uint64_t seed = 0;
    std::int64_t wall_ns = 0;
    std::int64_t cpu_ns = 0;
    scenario::RunStatus status = scenario::RunStatus::Finished;
    bool ok = false;
    std::string message;           // the outcome's message
    nlohmann::ordered_json values; // the outcome's values
};

// One swept value, over its repeats.
struct SweepPoint {
    double value = 0;
    std::int64_t wall_ns = 0;     // median over the repeats
    std::int64_t wall_min_ns = 0; // fastest and slowest repeat
    std::int64_t wall_max_ns = 0;
    std::int64_t cpu_ns = 0;     // median
    double speedup = 0;          // wall(first value) / wall(this value)
    double ideal = 0;            // value / first value: perfect scaling
    double efficiency = 0;       // speedup / ideal
    double amdahl = 0;           // the fitted curve's speedup here
    bool oversubscribed = false; // value > the machine's cores
    bool all_ok = false;         // every repeat's outcome held
};

struct SweepResult {
    SweepSpec spec;
    std::vector<SweepRun> runs;     // in the order run
    std::vector<SweepPoint> points; // one per value reached
    double serial_fraction = 0;     // Amdahl's f fitted to the speedups, 0..1
    unsigned cores = 0;             // std::thread::hardware_concurrency()
    bool cancelled = false;         // stopped before every run was done
};

struct SweepOptions {
    std::stop_token stop; // Cancel: the run going on is stopped; the result keeps what finished
    std::optional<std::chrono::nanoseconds> timeout; // per run
    // Called on the sweeping thread after every run: runs done, runs in all.
    std::function<void(int done, int total, const SweepRun& last)> progress;
};

// Runs every value R times, one run at a time, value by value (a cancelled
// sweep keeps whole points for the values it reached). Blocks. Checks a spec
// built by hand as parse_sweep does; throws SweepError. A run stopped by the
// cancel is dropped (half a run measures nothing); runs that time out, fail
// or miss their outcome are kept and make their point's all_ok false.
// SweepRun::seed is the seed that run used, 0 when the scenario has none.
SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options = {});

// From runs alone (also for tests with hand-made runs): medians, speedup,
// efficiency, the Amdahl fit and oversubscription. Points in the order their
// values first appear. Whatever the swept parameter means, speedup, ideal and
// efficiency compare each value with the first: for a worker count that is
// scaling; for anything else (a work time, a queue size) "ideal" is simply
// value / first value. A first value <= 0 has no such ratio: ideal,
// efficiency and amdahl are then 0.
std::vector<SweepPoint> summarise(const std::vector<SweepRun>& runs, unsigned cores);
// Least-squares fit of 1/S = f + (1 - f)/n over the points (n = ideal, all
// points, oversubscribed ones too), f clamped to 0..1; 0 when nothing to fit.
double fit_serial_fraction(const std::vector<SweepPoint>& points);

nlohmann::ordered_json sweep_json(const SweepResult& result);
// One row per swept value: value, wall_ms, wall_min_ms, wall_max_ms, cpu_ms,
// speedup, ideal, efficiency, amdahl, oversubscribed, ok.
std::string sweep_csv(const SweepResult& result);

} // namespace il::sweep
