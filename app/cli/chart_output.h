// --chart KIND=FILE for `run`, `open` and `sweep`: charts drawn with the
// desktop app's chart code (Qt Charts) on Qt's offscreen platform, so they
// need no display. A build without Qt (INTERLEAVE_GUI=OFF, the sanitizer
// builds) says so instead.
#pragma once

#include "analysis/stats.h"
#include "scenario/runner.h"
#include "sweep/sweep.h"

#include <string>
#include <utility>
#include <vector>

namespace il::cli {

using ChartRequests = std::vector<std::pair<std::string, std::string>>; // kind, file

// Throws UsageError for a kind that does not exist or a file whose format is
// not known, before anything runs.
void check_chart_requests(const ChartRequests& charts, bool sweep);

// Write every chart; a chart that cannot be drawn (the run has no locks) or
// written is reported on stderr and the others are still written. False when
// any failed.
bool write_run_charts(const scenario::RunResult& run, const analysis::Summary& summary,
                      const ChartRequests& charts);
bool write_sweep_charts(const sweep::SweepResult& sweep, const ChartRequests& charts);

} // namespace il::cli
