#include "charts/run_charts.h"

#include "charts/run_chart_parts.h"
#include "style/colors.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace il::ui {

namespace detail {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("il::ui::Charts", text);
}
} // namespace

QString unique_name(const std::string& name, const char* fallback, std::uint32_t id,
                    QStringList& taken) {
    QString n = name.empty() ? QStringLiteral("%1 %2").arg(QString::fromUtf8(fallback)).arg(id)
                             : QString::fromStdString(name);
    // Qt's category axis drops repeated labels, and CSV columns must tell apart.
    if (taken.contains(n))
        n = QStringLiteral("%1 #%2").arg(n).arg(id);
    taken.push_back(n);
    return n;
}

std::optional<ChartData> utilisation_chart(const RunData& run, std::string& why) {
    using analysis::LaneState;
    const LaneState states[] = {LaneState::Running, LaneState::Ready, LaneState::Blocked,
                                LaneState::Sleeping};
    ChartData c;
    c.kind = ChartKind::Utilisation;
    c.layout = ChartLayout::StackedBars;
    c.title = tr("Lane utilisation");
    c.x_label = tr("Lane");
    c.y_label = tr("Time (ms)");
    std::vector<const analysis::LaneStats*> lanes;
    for (const auto& l : run.summary.stats.lanes) {
        if (l.alive_ns <= 0)
            continue;
        const trace::LaneInfo* info = run.snapshot.lane(l.lane);
        unique_name(info ? info->name : std::string(), "lane", l.lane, c.categories);
        lanes.push_back(&l);
    }
    if (lanes.empty()) {
        why = QT_TRANSLATE_NOOP("il::ui::Charts", "this run has no lane that ran");
        return std::nullopt;
    }
    for (LaneState st : states) {
        ChartSeries s;
        s.name = state_label(st);
        s.unit = QStringLiteral("ms");
        bool any = false;
        for (const auto* l : lanes) {
            s.values.push_back(double(l->time(st)) / 1e6);
            any = any || l->time(st) > 0;
        }
        // Running always shows, so a lane that only waited still reads as such.
        if (any || st == LaneState::Running)
            c.series.push_back(std::move(s));
    }
    return c;
}

std::optional<ChartData> models_chart(const RunData& run, std::string& why) {
    const auto& values = run.outcome.values;
    auto wall = [](const nlohmann::ordered_json& m) -> std::optional<double> {
        if (!m.is_object())
            return std::nullopt;
        auto it = m.find("wall_ns");
        if (it == m.end() || !it->is_number())
            return std::nullopt;
        return it->get<double>();
    };
    // groups[g][model] = wall ns, in first-seen order.
    std::vector<std::pair<QString, std::vector<std::pair<QString, double>>>> groups;
    std::vector<std::pair<QString, double>> top;
    if (values.is_object()) {
        for (const auto& [key, member] : values.items()) {
            if (auto w = wall(member)) {
                top.emplace_back(QString::fromStdString(key), *w);
                continue;
            }
            if (!member.is_object())
                continue;
            std::vector<std::pair<QString, double>> models;
            for (const auto& [name, model] : member.items())
                if (auto w = wall(model))
                    models.emplace_back(QString::fromStdString(name), *w);
            if (!models.empty())
                groups.emplace_back(QString::fromStdString(key), std::move(models));
        }
    }
    if (!top.empty())
        groups.insert(groups.begin(), {QString::fromStdString(run.scenario), std::move(top)});
    if (groups.empty()) {
        why = QT_TRANSLATE_NOOP("il::ui::Charts",
                                "this run's outcome compares no models (no values with wall_ns)");
        return std::nullopt;
    }
    ChartData c;
    c.kind = ChartKind::Models;
    c.layout = ChartLayout::Bars;
    c.title = tr("Wall time per model");
    c.x_label = tr("Workload");
    c.y_label = tr("Wall time (ms)");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        c.categories.push_back(groups[g].first);
        for (const auto& [model, ns] : groups[g].second) {
            auto it = std::find_if(c.series.begin(), c.series.end(),
                                   [&](const ChartSeries& s) { return s.name == model; });
            if (it == c.series.end()) {
                ChartSeries s;
                s.name = model;
                s.unit = QStringLiteral("ms");
                s.values.assign(groups.size(), nan);
                c.series.push_back(std::move(s));
                it = std::prev(c.series.end());
            }
            it->values[g] = ns / 1e6;
        }
    }
    return c;
}

} // namespace detail

namespace {

std::optional<ChartData> build(const RunData& run, ChartKind kind, std::string& why) {
    switch (kind) {
    case ChartKind::Utilisation:
        return detail::utilisation_chart(run, why);
    case ChartKind::LockWait:
        return detail::lock_histogram(run, false, why);
    case ChartKind::LockHold:
        return detail::lock_histogram(run, true, why);
    case ChartKind::QueueFill:
        return detail::queue_fill_chart(run, why);
    case ChartKind::Throughput:
        return detail::throughput_chart(run, why);
    case ChartKind::Models:
        return detail::models_chart(run, why);
    case ChartKind::WallTime:
    case ChartKind::Speedup:
    case ChartKind::Efficiency:
        break;
    }
    why = std::string(chart_kind_name(kind)) + " is a sweep chart, not a run chart";
    return std::nullopt;
}

} // namespace

std::vector<ChartKind> run_chart_kinds(const RunData& run) {
    std::vector<ChartKind> have;
    for (ChartKind k : run_chart_kinds())
        if (run_chart_unavailable(run, k).empty())
            have.push_back(k);
    return have;
}

std::string run_chart_unavailable(const RunData& run, ChartKind kind) {
    std::string why;
    return build(run, kind, why) ? std::string() : why;
}

ChartData run_chart(const RunData& run, ChartKind kind) {
    std::string why;
    if (auto c = build(run, kind, why))
        return std::move(*c);
    throw ChartError(why + "; charts it has: " + kind_names(run_chart_kinds(run)));
}

ChartData run_chart(const RunData& run, const std::string& kind_name) {
    const auto kind = chart_kind_from_name(kind_name);
    if (!kind)
        throw ChartError("unknown run chart '" + kind_name +
                         "'; run charts: " + kind_names(run_chart_kinds()));
    return run_chart(run, *kind);
}

} // namespace il::ui
