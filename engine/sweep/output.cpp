// sweep_json and sweep_csv: the result for scripts and spreadsheets. Numbers
// are written with std::to_chars, so the decimal point is '.' in every locale.
#include "sweep/detail/spec_check.h"
#include "sweep/sweep.h"

#include "export/csv.h"

#include <charconv>
#include <cmath>

namespace il::sweep {

namespace {

// A swept value as JSON: an integer when it is one (workers), else a number.
nlohmann::ordered_json value_json(double v) {
    if (v == std::floor(v) && std::fabs(v) < 9.0e15)
        return static_cast<std::int64_t>(v);
    return v;
}

std::string ms(std::int64_t ns) {
    return exporter::csv_number(static_cast<double>(ns) / 1e6,
                                6); // 6 decimals: the nanosecond is kept
}

} // namespace

nlohmann::ordered_json sweep_json(const SweepResult& result) {
    using J = nlohmann::ordered_json;
    const SweepSpec& s = result.spec;
    J out;
    out["scenario"] = s.scenario;
    out["param"] = s.param;
    J values = J::array();
    for (double v : s.values)
        values.push_back(value_json(v));
    out["values"] = values;
    out["repeat"] = s.repeat;
    out["seed"] = s.seed;
    out["assignments"] = s.assignments;
    out["cores"] = result.cores;
    out["cancelled"] = result.cancelled;
    out["serial_fraction"] = result.serial_fraction;
    J points = J::array();
    for (const SweepPoint& p : result.points)
        points.push_back(J{{"value", value_json(p.value)},
                           {"wall_ns", p.wall_ns},
                           {"wall_min_ns", p.wall_min_ns},
                           {"wall_max_ns", p.wall_max_ns},
                           {"cpu_ns", p.cpu_ns},
                           {"speedup", p.speedup},
                           {"ideal", p.ideal},
                           {"efficiency", p.efficiency},
                           {"amdahl", p.amdahl},
                           {"oversubscribed", p.oversubscribed},
                           {"ok", p.all_ok}});
    out["points"] = points;
    J runs = J::array();
    for (const SweepRun& r : result.runs)
        runs.push_back(J{{"value", value_json(r.value)},
                         {"repeat", r.repeat},
                         {"seed", r.seed},
                         {"wall_ns", r.wall_ns},
                         {"cpu_ns", r.cpu_ns},
                         {"status", scenario::run_status_name(r.status)},
                         {"ok", r.ok},
                         {"message", r.message},
                         {"values", r.values}});
    out["runs"] = runs;
    return out;
}

std::string sweep_csv(const SweepResult& result) {
    // RFC 4180 line ends, as the other CSV exports; no field needs quoting.
    std::string out = "value,wall_ms,wall_min_ms,wall_max_ms,cpu_ms,speedup,ideal,efficiency,"
                      "amdahl,oversubscribed,ok\r\n";
    for (const SweepPoint& p : result.points) {
        out += detail::number_text(p.value) + ',' + ms(p.wall_ns) + ',' + ms(p.wall_min_ns) + ',' +
               ms(p.wall_max_ns) + ',' + ms(p.cpu_ns) + ',' + exporter::csv_number(p.speedup, 6) +
               ',' + exporter::csv_number(p.ideal, 6) + ',' +
               exporter::csv_number(p.efficiency, 6) + ',' + exporter::csv_number(p.amdahl, 6) +
               ',' + (p.oversubscribed ? "true" : "false") + ',' + (p.all_ok ? "true" : "false") +
               "\r\n";
    }
    return out;
}

} // namespace il::sweep
