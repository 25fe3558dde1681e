// Charts of a parameter sweep, from its SweepResult (points already
// summarised by the sweep: medians, speedup, ideal, efficiency, Amdahl fit,
// oversubscription). Pure functions; thread-safe.
//
//  * wall-time: bars of the median wall time (ms) per swept value, with the
//    fastest and slowest repeat as markers.
//  * speedup: measured speedup per value (line), the ideal (dashed), the
//    fitted Amdahl curve with its serial fraction in its name, the
//    oversubscribed values (more than the machine's cores) as markers, and
//    the region past the core count shaded.
//  * efficiency: measured efficiency (line), the ideal 1.0 (dashed), the
//    oversubscribed values as markers, the same shaded region.
#pragma once

#include "charts/chart_data.h"
#include "sweep/sweep.h"

#include <string>

namespace il::ui {

// The default for `interleave sweep ... --chart FILE` without a kind.
inline constexpr ChartKind kDefaultSweepChart = ChartKind::Speedup;

// Throws ChartError: a run kind, or a sweep with no points.
ChartData sweep_chart(const sweep::SweepResult& sweep, ChartKind kind);
// By CLI name; an unknown name: ChartError listing the sweep chart names.
ChartData sweep_chart(const sweep::SweepResult& sweep, const std::string& kind_name);

} // namespace il::ui
