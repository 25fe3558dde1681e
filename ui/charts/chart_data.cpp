#include "charts/chart_data.h"

#include <QCoreApplication>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace il::ui {

namespace {

struct KindName {
    ChartKind kind;
    const char* name;
};
constexpr KindName kNames[] = {
    {ChartKind::Utilisation, "utilisation"}, {ChartKind::LockWait, "lock-wait"},
    {ChartKind::LockHold, "lock-hold"},      {ChartKind::QueueFill, "queue-fill"},
    {ChartKind::Throughput, "throughput"},   {ChartKind::Models, "models"},
    {ChartKind::WallTime, "wall-time"},      {ChartKind::Speedup, "speedup"},
    {ChartKind::Efficiency, "efficiency"},
};

// Shortest text that reads back as the same double; '.' whatever the locale.
std::string number(double v) {
    if (std::isnan(v))
        return {};
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string quoted(const QString& text) {
    std::string s = text.toStdString();
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

QString header(const QString& name, const QString& unit) {
    return unit.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, unit);
}

void row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += cells[i];
    }
    out += '\n';
}

// Lines: one row per distinct x over every series.
void line_rows(const ChartData& c, std::string& out) {
    std::vector<double> xs;
    for (const auto& s : c.series)
        for (const QPointF& p : s.points)
            xs.push_back(p.x());
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    for (double x : xs) {
        std::vector<std::string> cells{number(x)};
        for (const auto& s : c.series) {
            // The last point at or before x (several may share an x: the last holds).
            auto it = std::upper_bound(s.points.begin(), s.points.end(), x,
                                       [](double v, const QPointF& p) { return v < p.x(); });
            const bool here = it != s.points.begin() && std::prev(it)->x() == x;
            const bool holds =
                (s.shape == SeriesShape::StepLine || s.shape == SeriesShape::DashedLine) &&
                it != s.points.begin();
            cells.push_back(here || holds ? number(std::prev(it)->y()) : std::string());
        }
        row(out, cells);
    }
}

} // namespace

std::string_view chart_kind_name(ChartKind kind) {
    for (const auto& k : kNames)
        if (k.kind == kind)
            return k.name;
    return "unknown";
}

std::optional<ChartKind> chart_kind_from_name(std::string_view name) {
    for (const auto& k : kNames)
        if (name == k.name)
            return k.kind;
    return std::nullopt;
}

QString chart_kind_label(ChartKind kind) {
    const char* c = "il::ui::Charts";
    switch (kind) {
    case ChartKind::Utilisation:
        return QCoreApplication::translate(c, "Lane utilisation");
    case ChartKind::LockWait:
        return QCoreApplication::translate(c, "Lock wait times");
    case ChartKind::LockHold:
        return QCoreApplication::translate(c, "Lock hold times");
    case ChartKind::QueueFill:
        return QCoreApplication::translate(c, "Queue fill");
    case ChartKind::Throughput:
        return QCoreApplication::translate(c, "Throughput");
    case ChartKind::Models:
        return QCoreApplication::translate(c, "Wall time per model");
    case ChartKind::WallTime:
        return QCoreApplication::translate(c, "Wall time");
    case ChartKind::Speedup:
        return QCoreApplication::translate(c, "Speedup");
    case ChartKind::Efficiency:
        return QCoreApplication::translate(c, "Efficiency");
    }
    return {};
}

bool is_sweep_kind(ChartKind kind) {
    return kind == ChartKind::WallTime || kind == ChartKind::Speedup ||
           kind == ChartKind::Efficiency;
}

const std::vector<ChartKind>& run_chart_kinds() {
    static const std::vector<ChartKind> kinds{ChartKind::Utilisation, ChartKind::LockWait,
                                              ChartKind::LockHold,    ChartKind::QueueFill,
                                              ChartKind::Throughput,  ChartKind::Models};
    return kinds;
}

const std::vector<ChartKind>& sweep_chart_kinds() {
    static const std::vector<ChartKind> kinds{ChartKind::WallTime, ChartKind::Speedup,
                                              ChartKind::Efficiency};
    return kinds;
}

std::string kind_names(const std::vector<ChartKind>& kinds) {
    std::string out;
    for (ChartKind k : kinds) {
        if (!out.empty())
            out += ", ";
        out += chart_kind_name(k);
    }
    return out.empty() ? "none" : out;
}

std::string chart_csv(const ChartData& c) {
    std::string out;
    std::vector<std::string> head;
    if (c.layout == ChartLayout::Histogram) {
        head.push_back(
            quoted(header(QCoreApplication::translate("il::ui::Charts", "from"), c.x_unit)));
        head.push_back(
            quoted(header(QCoreApplication::translate("il::ui::Charts", "to"), c.x_unit)));
    } else {
        head.push_back(quoted(c.x_label));
    }
    for (const auto& s : c.series)
        head.push_back(quoted(header(s.name, s.unit)));
    row(out, head);

    if (c.layout == ChartLayout::Lines) {
        line_rows(c, out);
        return out;
    }
    for (int i = 0; i < c.categories.size(); ++i) {
        std::vector<std::string> cells;
        if (c.layout == ChartLayout::Histogram) {
            const auto b = static_cast<std::size_t>(i);
            cells.push_back(b < c.bin_edges.size() ? number(c.bin_edges[b]) : std::string());
            cells.push_back(b + 1 < c.bin_edges.size() ? number(c.bin_edges[b + 1])
                                                       : std::string());
        } else {
            cells.push_back(quoted(c.categories[i]));
        }
        for (const auto& s : c.series) {
            const auto at = static_cast<std::size_t>(i);
            cells.push_back(at < s.values.size() ? number(s.values[at]) : std::string());
        }
        row(out, cells);
    }
    return out;
}

} // namespace il::ui
