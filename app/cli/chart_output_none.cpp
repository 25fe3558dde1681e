// chart_output.h for a build without Qt: every chart request is refused
// before anything runs, naming why.
#include "chart_output.h"

#include "args.h"

namespace il::cli {

void check_chart_requests(const ChartRequests& charts, bool) {
    if (!charts.empty())
        throw UsageError("--chart: this build has no charts (it was configured with "
                         "INTERLEAVE_GUI=OFF); build the default preset to draw them");
}

bool write_run_charts(const scenario::RunResult&, const analysis::Summary&,
                      const ChartRequests& charts) {
    return charts.empty();
}

bool write_sweep_charts(const sweep::SweepResult&, const ChartRequests& charts) {
    return charts.empty();
}

} // namespace il::cli
