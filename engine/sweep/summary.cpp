// summarise and the Amdahl fit: pure functions of the runs.
//
// Speedup, ideal and efficiency compare every value with the first one,
// whatever the parameter means. For a worker count that is the usual
// scaling; for anything else (a work time, a queue size) "ideal" is simply
// value / first value and says how the run would scale if its wall time were
// inversely proportional to the parameter. A first value <= 0 has no such
// ratio: ideal, efficiency and the Amdahl curve are then 0.
#include "sweep/sweep.h"

#include <algorithm>
#include <cmath>

namespace il::sweep {

namespace {

std::int64_t median(std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    if (n == 0)
        return 0;
    if (n % 2)
        return v[n / 2];
    const std::int64_t a = v[n / 2 - 1], b = v[n / 2];
    return a + (b - a) / 2; // no overflow, unlike (a + b) / 2
}

double amdahl(double f, double n) {
    return 1.0 / (f + (1.0 - f) / n);
}

} // namespace

std::vector<SweepPoint> summarise(const std::vector<SweepRun>& runs, unsigned cores) {
    // Values in the order first run; each point over all of its repeats.
    std::vector<SweepPoint> points;
    std::vector<std::vector<const SweepRun*>> members;
    for (const SweepRun& r : runs) {
        auto it = std::find_if(points.begin(), points.end(),
                               [&](const SweepPoint& p) { return p.value == r.value; });
        if (it == points.end()) {
            points.push_back(SweepPoint{});
            points.back().value = r.value;
            members.emplace_back();
            it = points.end() - 1;
        }
        members[static_cast<std::size_t>(it - points.begin())].push_back(&r);
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
        SweepPoint& p = points[i];
        std::vector<std::int64_t> wall, cpu;
        p.all_ok = true;
        for (const SweepRun* r : members[i]) {
            wall.push_back(r->wall_ns);
            cpu.push_back(r->cpu_ns);
            p.all_ok = p.all_ok && r->ok;
        }
        p.wall_ns = median(wall);
        p.wall_min_ns = *std::min_element(wall.begin(), wall.end());
        p.wall_max_ns = *std::max_element(wall.begin(), wall.end());
        p.cpu_ns = median(cpu);
        p.oversubscribed = cores > 0 && p.value > static_cast<double>(cores);
    }
    if (points.empty())
        return points;
    const SweepPoint first = points.front();
    for (SweepPoint& p : points) {
        p.speedup = p.wall_ns > 0 && first.wall_ns > 0
                        ? static_cast<double>(first.wall_ns) / static_cast<double>(p.wall_ns)
                        : 0.0;
        p.ideal = first.value > 0 ? p.value / first.value : 0.0;
        p.efficiency = p.ideal > 0 ? p.speedup / p.ideal : 0.0;
    }
    const double f = fit_serial_fraction(points);
    for (SweepPoint& p : points)
        p.amdahl = p.ideal > 0 ? amdahl(f, p.ideal) : 0.0;
    return points;
}

// 1/S = f + (1 - f)/n is linear in f: with x = 1 - 1/n and z = 1/S - 1/n it
// reads z = f x, whose least-squares solution is sum(x z) / sum(x^2). Every
// point counts, the oversubscribed ones too: the fit describes what was
// measured, and the oversubscription marks say where the machine, not the
// program, set the limit. Points without a speedup or ideal (0) are left out.
double fit_serial_fraction(const std::vector<SweepPoint>& points) {
    double xz = 0, xx = 0;
    for (const SweepPoint& p : points) {
        if (!(p.speedup > 0) || !(p.ideal > 0))
            continue;
        const double x = 1.0 - 1.0 / p.ideal;
        const double z = 1.0 / p.speedup - 1.0 / p.ideal;
        xz += x * z;
        xx += x * x;
    }
    if (!(xx > 0))
        return 0.0;
    const double f = xz / xx;
    return std::isfinite(f) ? std::clamp(f, 0.0, 1.0) : 0.0;
}

} // namespace il::sweep
