// chart_output.h with Qt: the desktop app's chart code (ui/charts) draws on
// Qt's offscreen platform, so --chart needs no display.
#include "chart_output.h"

#include "args.h"

#include "charts/chart_export.h"
#include "charts/run_charts.h"
#include "charts/sweep_charts.h"
#include "export/export_error.h"
#include "timeline/timeline_export.h"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace il::cli {

namespace {

std::string extension_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

// The run's whole timeline as a picture: `--chart timeline=FILE.png|svg`.
constexpr const char* kTimeline = "timeline";

// Charts are drawn one after the other; a failure is said and the rest go on.
// `write(kind, path)` writes one.
template <typename Write> bool write_all(const ChartRequests& charts, Write&& write) {
    bool all = true;
    bool needs_app = std::any_of(charts.begin(), charts.end(),
                                 [](const auto& c) { return extension_of(c.second) != "csv"; });
    if (needs_app && ui::ensure_chart_application() != 0) {
        std::cerr << "interleave: --chart: charts cannot be drawn in this process\n";
        return false;
    }
    for (const auto& [kind, path] : charts) {
        try {
            write(kind, path);
        } catch (const ui::ChartError& e) {
            std::cerr << "interleave: --chart " << kind << "=" << path << ": " << e.what() << "\n";
            all = false;
        } catch (const exporter::ExportError& e) {
            std::cerr << "interleave: " << e.what() << "\n";
            all = false;
        }
    }
    return all;
}

} // namespace

void check_chart_requests(const ChartRequests& charts, bool sweep) {
    const auto& kinds = sweep ? ui::sweep_chart_kinds() : ui::run_chart_kinds();
    for (const auto& [kind, path] : charts) {
        std::string ext = extension_of(path);
        if (!sweep && kind == kTimeline) {
            if (ext != "png" && ext != "svg")
                throw UsageError("--chart: the timeline is drawn as .png or .svg, not '" + path +
                                 "'");
            continue;
        }
        auto k = ui::chart_kind_from_name(kind);
        if (!k || std::find(kinds.begin(), kinds.end(), *k) == kinds.end())
            throw UsageError("--chart: '" + kind + "' is not a chart " +
                             (sweep ? "of a sweep" : "of a run") +
                             "; allowed: " + ui::kind_names(kinds) + (sweep ? "" : ", timeline"));
        if (ext != "png" && ext != "svg" && ext != "pdf" && ext != "csv")
            throw UsageError("--chart: '" + path + "' does not end in ." +
                             "png, .svg, .pdf or .csv" +
                             (ext.empty() ? "" : " (." + ext + " is not a chart format)"));
    }
}

bool write_run_charts(const scenario::RunResult& run, const analysis::Summary& summary,
                      const ChartRequests& charts) {
    ui::RunData data;
    data.scenario = run.scenario;
    data.snapshot = run.trace;
    data.summary = summary;
    data.status = run.status;
    data.outcome = run.outcome;
    data.error = run.error;
    data.duration_ns = run.duration_ns;
    data.cpu_ns = run.cpu_ns;
    return write_all(charts, [&](const std::string& kind, const std::string& path) {
        if (kind == kTimeline)
            ui::export_timeline(data, path);
        else
            ui::export_chart(ui::run_chart(data, kind), path);
    });
}

bool write_sweep_charts(const sweep::SweepResult& sweep, const ChartRequests& charts) {
    return write_all(charts, [&](const std::string& kind, const std::string& path) {
        ui::export_chart(ui::sweep_chart(sweep, kind), path);
    });
}

} // namespace il::cli
