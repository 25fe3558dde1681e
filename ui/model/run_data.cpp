#include "model/run_data.h"

#include "analysis/diagnose.h"
#include "report/run_report.h"

#include <algorithm>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace il::ui {

RunDataPtr make_run_data(scenario::RunResult result, std::string params) {
    auto data = std::make_shared<RunData>();
    data->summary = report::summarize(result);
    data->scenario = result.scenario;
    data->params = std::move(params);
    data->live = false;
    data->status = result.status;
    data->outcome = std::move(result.outcome);
    data->error = std::move(result.error);
    data->duration_ns = result.duration_ns;
    data->cpu_ns = result.cpu_ns;
    data->typed_params = std::move(result.params);
    data->live_diagnostics = std::move(result.diagnostics);
    data->snapshot = std::move(result.trace);
    release_unused_memory();
    return data;
}

scenario::RunResult run_result_of(const RunData& data) {
    scenario::RunResult r;
    r.scenario = data.scenario;
    r.params = data.typed_params;
    r.outcome = data.outcome;
    r.status = data.status;
    r.error = data.error;
    r.duration_ns = data.duration_ns;
    r.cpu_ns = data.cpu_ns;
    r.trace = data.snapshot;
    r.diagnostics = data.live_diagnostics;
    return r;
}

std::vector<std::string> assignments_of(const scenario::Params& params) {
    std::vector<std::string> out;
    for (const auto& [name, value] : params.values())
        out.push_back(name + "=" + scenario::value_text(value));
    return out;
}

std::string params_text(const scenario::Params& params) {
    std::string text;
    for (const auto& a : assignments_of(params))
        text += (text.empty() ? "" : " ") + a;
    return text;
}

void release_unused_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

RunDataPtr make_live_data(std::string scenario, std::string params, trace::Snapshot snapshot,
                          std::vector<analysis::Diagnostic> live_diagnostics) {
    auto data = std::make_shared<RunData>();
    data->summary = analysis::analyze(snapshot);
    data->summary.diagnostics = std::move(live_diagnostics);
    std::stable_sort(data->summary.diagnostics.begin(), data->summary.diagnostics.end(),
                     [](const auto& a, const auto& b) { return a.t_ns < b.t_ns; });
    data->scenario = std::move(scenario);
    data->params = std::move(params);
    data->live = true;
    data->duration_ns = snapshot.end_ns - snapshot.start_ns;
    data->snapshot = std::move(snapshot);
    return data;
}

} // namespace il::ui
