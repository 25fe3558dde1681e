#include "run_output.h"

#include "chart_output.h"

#include "analysis/stats.h"
#include "export/chrome_trace.h"
#include "export/csv.h"
#include "export/export_error.h"
#include "report/run_report.h"
#include "runfile/runfile.h"

#include <iostream>

namespace il::cli {

int write_and_report(const scenario::RunResult& result, const Args& args) {
    const analysis::Summary summary = report::summarize(result);

    // Files first, so a failed write is reported (and fails the run) before the summary.
    bool write_failed = false;
    auto write = [&](const std::optional<std::string>& path, auto&& writer) {
        if (!path)
            return;
        try {
            writer(*path);
        } catch (const exporter::ExportError& e) {
            std::cerr << "interleave: " << e.what() << "\n";
            write_failed = true;
        }
    };
    write(args.trace_path, [&](const std::string& p) {
        exporter::export_chrome_trace(p, result.trace, summary, {result.scenario});
    });
    write(args.csv_path,
          [&](const std::string& p) { exporter::export_stats_csv(p, result.trace, summary); });
    write(args.save_path, [&](const std::string& p) { runfile::save_run(result, p); });
    if (!args.charts.empty() && !write_run_charts(result, summary, args.charts))
        write_failed = true;

    if (args.json)
        std::cout << report::run_json(result, summary).dump(2) << "\n";
    else
        std::cout << report::run_text(result, summary);
    return result.outcome.ok && !write_failed ? 0 : 1;
}

} // namespace il::cli
