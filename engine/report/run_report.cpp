#include "report/run_report.h"

#include "analysis/diagnose.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace il::report {

namespace {

using nlohmann::ordered_json;

std::string object_name(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    return o ? o->name : "#" + std::to_string(id);
}

std::string lane_name(const trace::Snapshot& s, trace::LaneId id) {
    const trace::LaneInfo* l = s.lane(id);
    return l ? l->name : "#" + std::to_string(id);
}

ordered_json distribution_json(const analysis::Distribution& d) {
    return {{"count", d.count}, {"min_ns", d.min}, {"median_ns", d.median},
            {"p95_ns", d.p95},  {"max_ns", d.max}, {"total_ns", d.total}};
}

ordered_json param_value_json(const scenario::ParamValue& v) {
    return std::visit([](const auto& x) { return ordered_json(x); }, v);
}

// "1.23 ms", "456 µs", "12 ns": durations people can read at a glance.
std::string human_ns(double ns) {
    char buf[32];
    if (ns >= 1e9)
        std::snprintf(buf, sizeof buf, "%.2f s", ns / 1e9);
    else if (ns >= 1e6)
        std::snprintf(buf, sizeof buf, "%.2f ms", ns / 1e6);
    else if (ns >= 1e3)
        std::snprintf(buf, sizeof buf, "%.1f µs", ns / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.0f ns", ns);
    return buf;
}

} // namespace

analysis::Summary summarize(const scenario::RunResult& r) {
    analysis::Summary summary = analysis::analyze(r.trace);
    summary.diagnostics = r.diagnostics;
    for (analysis::Diagnostic& d : analysis::diagnose(r.trace, summary)) {
        // A deadlock the monitor reported live is found again in the trace:
        // keep the live report, at the trace's time for it (the live one was
        // converted with an earlier clock calibration, a few ns off).
        auto seen = std::find_if(
            summary.diagnostics.begin(), summary.diagnostics.end(),
            [&](const analysis::Diagnostic& e) { return analysis::same_finding(e, d); });
        if (seen != summary.diagnostics.end())
            seen->t_ns = d.t_ns;
        else
            summary.diagnostics.push_back(std::move(d));
    }
    std::stable_sort(summary.diagnostics.begin(), summary.diagnostics.end(),
                     [](const auto& a, const auto& b) { return a.t_ns < b.t_ns; });
    return summary;
}

ordered_json stats_json(const trace::Snapshot& snap, const analysis::Summary& summary) {
    const analysis::Stats& st = summary.stats;
    ordered_json lanes = ordered_json::array();
    for (const auto& l : st.lanes) {
        ordered_json states = ordered_json::object();
        for (int i = 0; i < analysis::kLaneStateCount; ++i) {
            auto s = static_cast<analysis::LaneState>(i);
            if (s != analysis::LaneState::NotStarted && s != analysis::LaneState::Done)
                states[std::string(analysis::lane_state_name(s)) + "_ns"] = l.time(s);
        }
        lanes.push_back({{"lane", lane_name(snap, l.lane)},
                         {"alive_ns", l.alive_ns},
                         {"utilisation", l.utilisation},
                         {"waits", l.waits},
                         {"states", states}});
    }
    ordered_json locks = ordered_json::array();
    for (const auto& l : st.locks)
        locks.push_back({{"name", object_name(snap, l.object)},
                         {"kind", trace::object_kind_name(l.kind)},
                         {"acquisitions", l.acquisitions},
                         {"contended", l.contended},
                         {"contended_pct", l.contended_pct},
                         {"wait", distribution_json(l.wait)},
                         {"hold", distribution_json(l.hold)}});
    ordered_json sems = ordered_json::array();
    for (const auto& s : st.semaphores)
        sems.push_back({{"name", object_name(snap, s.object)},
                        {"kind", trace::object_kind_name(s.kind)},
                        {"permits", s.capacity},
                        {"acquisitions", s.acquisitions},
                        {"contended", s.contended},
                        {"contended_pct", s.contended_pct},
                        {"min_free", s.min_free},
                        {"wait", distribution_json(s.wait)}});
    ordered_json queues = ordered_json::array();
    for (const auto& q : st.queues)
        queues.push_back({{"name", object_name(snap, q.object)},
                          {"capacity", q.capacity},
                          {"puts", q.puts},
                          {"gets", q.gets},
                          {"max_fill", q.max_fill},
                          {"mean_fill", q.mean_fill},
                          {"time_full_ns", q.time_full_ns},
                          {"time_empty_ns", q.time_empty_ns},
                          {"get_wait", distribution_json(q.get_wait)},
                          {"put_wait", distribution_json(q.put_wait)}});
    return {{"lanes", lanes}, {"locks", locks}, {"semaphores", sems}, {"queues", queues}};
}

ordered_json run_json(const scenario::RunResult& r, const analysis::Summary& summary) {
    const trace::Snapshot& snap = r.trace;
    ordered_json j;
    j["scenario"] = r.scenario;
    ordered_json params = ordered_json::object();
    for (const auto& [name, value] : r.params.values())
        params[name] = param_value_json(value);
    j["params"] = params;
    j["status"] = scenario::run_status_name(r.status);
    ordered_json outcome;
    outcome["ok"] = r.outcome.ok;
    outcome["message"] = r.outcome.message;
    for (const auto& [k, v] : r.outcome.values.items())
        outcome[k] = v;
    j["outcome"] = outcome;
    if (!r.error.empty())
        j["error"] = r.error;
    j["duration_ns"] = r.duration_ns;
    j["events"] = snap.records.size();
    j["dropped"] = snap.dropped;
    j["budget"] = snap.budget;
    ordered_json lanes = ordered_json::array();
    for (const auto& l : snap.lanes)
        if (l.id != 0)
            lanes.push_back({{"id", l.id},
                             {"name", l.name},
                             {"kind", trace::lane_kind_name(l.kind)},
                             {"pid", l.pid},
                             {"parent", l.parent}});
    j["lanes"] = lanes;
    ordered_json diags = ordered_json::array();
    for (const auto& d : summary.diagnostics) {
        ordered_json dl = ordered_json::array(), dobj = ordered_json::array();
        for (auto l : d.lanes)
            dl.push_back(lane_name(snap, l));
        for (auto o : d.objects)
            dobj.push_back(object_name(snap, o));
        diags.push_back({{"kind", d.kind},
                         {"message", d.message},
                         {"lanes", dl},
                         {"objects", dobj},
                         {"t_ns", d.t_ns - snap.start_ns}});
    }
    j["diagnostics"] = diags;
    j["stats"] = stats_json(snap, summary);
    return j;
}

std::string run_text(const scenario::RunResult& r, const analysis::Summary& summary) {
    const trace::Snapshot& snap = r.trace;
    const analysis::Stats& st = summary.stats;
    std::ostringstream out;
    out << r.scenario;
    for (const auto& [name, value] : r.params.values())
        out << " " << name << "=" << scenario::value_text(value);
    out << "\n\n";
    out << (r.outcome.ok ? "OK      " : "NOT OK  ") << r.outcome.message << "\n";
    out << "status  " << scenario::run_status_name(r.status) << " in "
        << human_ns(double(r.duration_ns)) << "\n";
    out << "events  " << snap.records.size() << " recorded";
    if (snap.dropped > 0)
        out << ", " << snap.dropped << " DROPPED (the event budget of " << snap.budget
            << " was reached; raise it with --max-events)";
    else
        out << ", none dropped";
    out << "\n";
    std::size_t lanes = snap.lanes.empty() ? 0 : snap.lanes.size() - 1;
    out << "lanes   " << lanes << " (running / blocked / sleeping)\n";
    for (std::size_t i = 0; i < st.lanes.size() && i < 12; ++i) {
        const auto& l = st.lanes[i];
        out << "  " << lane_name(snap, l.lane) << ": "
            << human_ns(double(l.time(analysis::LaneState::Running))) << " / "
            << human_ns(double(l.time(analysis::LaneState::Blocked) +
                               l.time(analysis::LaneState::Ready)))
            << " / " << human_ns(double(l.time(analysis::LaneState::Sleeping))) << "\n";
    }
    if (st.lanes.size() > 12)
        out << "  ... and " << st.lanes.size() - 12 << " more\n";

    // Most contended first: total time lanes spent waiting for it.
    std::vector<const analysis::LockStats*> locks;
    for (const auto& l : st.locks)
        locks.push_back(&l);
    std::sort(locks.begin(), locks.end(),
              [](auto* a, auto* b) { return a->wait.total > b->wait.total; });
    if (!locks.empty()) {
        out << "\nlocks (most contended first)\n";
        for (std::size_t i = 0; i < locks.size() && i < 5; ++i) {
            const auto& l = *locks[i];
            out << "  " << object_name(snap, l.object) << ": " << l.acquisitions
                << " acquisitions, " << l.contended << " waited ("
                << static_cast<int>(l.contended_pct + 0.5) << "%)";
            if (l.wait.count)
                out << ", wait median " << human_ns(l.wait.median) << " max "
                    << human_ns(double(l.wait.max));
            if (l.hold.count)
                out << ", hold median " << human_ns(l.hold.median);
            out << "\n";
        }
    }
    if (!st.semaphores.empty()) {
        out << "\nsemaphores\n";
        for (const auto& s : st.semaphores)
            out << "  " << object_name(snap, s.object) << ": " << s.capacity << " permits, "
                << s.acquisitions << " acquisitions, " << s.contended << " waited, fewest free "
                << s.min_free << "\n";
    }
    if (!st.queues.empty()) {
        out << "\nqueues\n";
        for (const auto& q : st.queues) {
            out << "  " << object_name(snap, q.object) << ": " << q.puts << " puts, " << q.gets
                << " gets, fill max " << q.max_fill;
            if (q.capacity > 0)
                out << " of " << q.capacity << ", full " << human_ns(double(q.time_full_ns));
            char mean[32];
            std::snprintf(mean, sizeof mean, "%.2f", q.mean_fill);
            out << ", mean " << mean << ", empty " << human_ns(double(q.time_empty_ns)) << "\n";
        }
    }
    if (!summary.diagnostics.empty()) {
        out << "\ndiagnostics\n";
        for (const auto& d : summary.diagnostics)
            out << "  [" << d.kind << "] at " << human_ns(double(d.t_ns - snap.start_ns)) << ": "
                << d.message << "\n";
    }
    return out.str();
}

} // namespace il::report
