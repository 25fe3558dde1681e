// Internal to ui/charts: the builder of each per-run kind. Each returns
// nullopt and says why in `why` when the run has nothing for its kind; the
// dispatch in run_charts.cpp turns that into availability and ChartError.
// `why` is English, marked with QT_TRANSLATE_NOOP in context "il::ui::Charts"
// so views can translate it.
// Pure functions; thread-safe.
#pragma once

#include "charts/chart_data.h"
#include "model/run_data.h"

#include <optional>
#include <string>

namespace il::ui::detail {

std::optional<ChartData> utilisation_chart(const RunData& run, std::string& why);
std::optional<ChartData> models_chart(const RunData& run, std::string& why);
// lock-wait (hold = false) and lock-hold (hold = true).
std::optional<ChartData> lock_histogram(const RunData& run, bool hold, std::string& why);
std::optional<ChartData> queue_fill_chart(const RunData& run, std::string& why);
std::optional<ChartData> throughput_chart(const RunData& run, std::string& why);

// Log-spaced bins on the 1-2-5 sequence covering [lo, hi] (ns, hi >= lo):
// edges e0 <= max(lo, 1) < ... and hi < e_last. Values below e0 (0 ns) fall
// into the first bin.
std::vector<double> log_bins_125(double lo, double hi);

// A lane's or object's name for a legend or axis, unique in `taken`.
QString unique_name(const std::string& name, const char* fallback, std::uint32_t id,
                    QStringList& taken);

} // namespace il::ui::detail
