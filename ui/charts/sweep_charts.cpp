#include "charts/sweep_charts.h"

#include <QCoreApplication>

#include <algorithm>

namespace il::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("il::ui::Charts", text);
}

ChartSeries line(const QString& name, SeriesShape shape) {
    ChartSeries s;
    s.name = name;
    s.shape = shape;
    return s;
}

// Oversubscribed points as markers over `value`, and the region past the
// core count shaded; nothing when no point is past it.
using Points = std::vector<sweep::SweepPoint>;

template <class Value>
void mark_oversubscribed(const sweep::SweepResult& sweep, const Points& points, ChartData& c,
                         Value value) {
    ChartSeries over = line(tr("Oversubscribed"), SeriesShape::Markers);
    for (const auto& p : points)
        if (p.oversubscribed)
            over.points.emplace_back(p.value, value(p));
    if (over.points.empty())
        return;
    c.series.push_back(std::move(over));
    c.shade_from = double(sweep.cores);
    c.shade_label = tr("More than %1 cores").arg(sweep.cores);
}

ChartData wall_time(const sweep::SweepResult& sweep) {
    ChartData c;
    c.kind = ChartKind::WallTime;
    c.layout = ChartLayout::Bars;
    c.title = tr("Wall time");
    c.x_label = QString::fromStdString(sweep.spec.param);
    c.y_label = tr("Wall time (ms)");
    ChartSeries median{tr("Median"), QStringLiteral("ms"), SeriesShape::Bar, {}, {}};
    ChartSeries fastest{tr("Fastest"), QStringLiteral("ms"), SeriesShape::Markers, {}, {}};
    ChartSeries slowest{tr("Slowest"), QStringLiteral("ms"), SeriesShape::Markers, {}, {}};
    for (const auto& p : sweep.points) {
        c.categories.push_back(QString::number(p.value, 'g', 6));
        median.values.push_back(double(p.wall_ns) / 1e6);
        fastest.values.push_back(double(p.wall_min_ns) / 1e6);
        slowest.values.push_back(double(p.wall_max_ns) / 1e6);
    }
    c.series = {std::move(median), std::move(fastest), std::move(slowest)};
    return c;
}

ChartData speedup(const sweep::SweepResult& sweep, const Points& points) {
    ChartData c;
    c.kind = ChartKind::Speedup;
    c.layout = ChartLayout::Lines;
    c.title = tr("Speedup");
    c.x_label = QString::fromStdString(sweep.spec.param);
    c.y_label = tr("Speedup (×)");
    ChartSeries measured = line(tr("Measured"), SeriesShape::Line);
    ChartSeries ideal = line(tr("Ideal"), SeriesShape::DashedLine);
    ChartSeries amdahl =
        line(tr("Amdahl fit (serial fraction %1)").arg(sweep.serial_fraction, 0, 'f', 3),
             SeriesShape::Curve);
    for (const auto& p : points) {
        measured.points.emplace_back(p.value, p.speedup);
        ideal.points.emplace_back(p.value, p.ideal);
        amdahl.points.emplace_back(p.value, p.amdahl);
    }
    c.series = {std::move(measured), std::move(ideal), std::move(amdahl)};
    mark_oversubscribed(sweep, points, c, [](const sweep::SweepPoint& p) { return p.speedup; });
    return c;
}

ChartData efficiency(const sweep::SweepResult& sweep, const Points& points) {
    ChartData c;
    c.kind = ChartKind::Efficiency;
    c.layout = ChartLayout::Lines;
    c.title = tr("Efficiency");
    c.x_label = QString::fromStdString(sweep.spec.param);
    c.y_label = tr("Efficiency (speedup ÷ ideal)");
    ChartSeries measured = line(tr("Measured"), SeriesShape::Line);
    ChartSeries ideal = line(tr("Ideal"), SeriesShape::DashedLine);
    for (const auto& p : points) {
        measured.points.emplace_back(p.value, p.efficiency);
        ideal.points.emplace_back(p.value, 1.0);
    }
    c.series = {std::move(measured), std::move(ideal)};
    mark_oversubscribed(sweep, points, c, [](const sweep::SweepPoint& p) { return p.efficiency; });
    return c;
}

} // namespace

ChartData sweep_chart(const sweep::SweepResult& sweep, ChartKind kind) {
    if (!is_sweep_kind(kind))
        throw ChartError(std::string(chart_kind_name(kind)) +
                         " is a run chart; sweep charts: " + kind_names(sweep_chart_kinds()));
    if (sweep.points.empty())
        throw ChartError("this sweep has no finished runs to chart");
    // Lines need ascending x (the CSV and the step lookup rely on it).
    Points sorted = sweep.points;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.value < b.value; });
    switch (kind) {
    case ChartKind::WallTime:
        return wall_time(sweep);
    case ChartKind::Speedup:
        return speedup(sweep, sorted);
    default:
        return efficiency(sweep, sorted);
    }
}

ChartData sweep_chart(const sweep::SweepResult& sweep, const std::string& kind_name) {
    const auto kind = chart_kind_from_name(kind_name);
    if (!kind)
        throw ChartError("unknown sweep chart '" + kind_name +
                         "'; sweep charts: " + kind_names(sweep_chart_kinds()));
    return sweep_chart(sweep, *kind);
}

} // namespace il::ui
