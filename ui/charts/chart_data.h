// What a chart shows, as a plain value: kind, title, axes with units,
// categories and named series. Built from a run (run_charts.h) or a sweep
// (sweep_charts.h); drawn by chart_render.h, written by chart_export.h. No
// widgets: Qt Core types only, so the CLI and tests build them headless.
// Plain values; the free functions are pure and thread-safe.
#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace il::ui {

// Stable names for the CLI (`--chart KIND=FILE`) in chart_kind_name.
enum class ChartKind {
    // Per run.
    Utilisation, // "utilisation": per lane, stacked time in each state (ms)
    LockWait,    // "lock-wait": per lock, histogram of finished waits
    LockHold,    // "lock-hold": per lock, histogram of finished holds
    QueueFill,   // "queue-fill": per queue, items over time (step lines)
    Throughput,  // "throughput": completions per second over time
    Models,      // "models": wall time per model, grouped (outcome values)
    // Per sweep.
    WallTime,   // "wall-time": median wall time per swept value, min/max markers
    Speedup,    // "speedup": measured, ideal, fitted Amdahl curve
    Efficiency, // "efficiency": measured, ideal 1.0
};

// How the series are laid out.
enum class ChartLayout {
    Bars,        // categories on x; one bar per series in each category
    StackedBars, // categories on x; series stacked
    Histogram,   // categories are bins (low..high); one bar per series per bin
    Lines,       // numeric x; series are lines through their points
};

// How one series is drawn. Bar layouts: Bar series become bars; Markers
// series are drawn over them at x = category index.
enum class SeriesShape {
    Bar,
    Line,       // straight segments, points marked
    StepLine,   // value holds from a point's x until the next point's x
    Curve,      // a smooth curve through the points: a fitted model
    DashedLine, // a reference: ideal scaling, a capacity
    Markers,    // points only (oversubscribed values, min/max)
};

struct ChartSeries {
    QString name; // legend; also the CSV header, with the unit
    QString unit; // of the values ("ms", "items", "per s"); empty: none
    SeriesShape shape = SeriesShape::Bar;
    // Bar layouts: one value per category (NaN: no value there).
    std::vector<double> values;
    // Lines: points by ascending x.
    std::vector<QPointF> points;
};

struct ChartData {
    ChartKind kind = ChartKind::Utilisation;
    ChartLayout layout = ChartLayout::Bars;
    QString title;
    QString x_label; // with the unit: "Time since start (ms)"
    QString y_label; // "Time (ms)"
    QString x_unit;  // Lines: the x column's unit in the CSV ("ms"); may be empty
    // Bar layouts: the x labels. Histogram: "low–high" per bin.
    QStringList categories;
    // Histogram: the bins' edges (categories.size() + 1), in x_unit.
    std::vector<double> bin_edges;
    std::vector<ChartSeries> series;
    // Lines: x from here on is shaded and labelled (oversubscription: more
    // workers than cores).
    std::optional<double> shade_from;
    QString shade_label;
    bool y_from_zero = true; // the value axis starts at 0
    bool y_counts = false;   // whole numbers (items, counts): integer ticks
};

// Why a chart cannot be built: the message names the problem and the charts
// that can be (for the CLI: "this run has no locks; charts it has:
// utilisation, throughput"). English, one line.
struct ChartError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

std::string_view chart_kind_name(ChartKind kind);
// nullopt for a name that is not one of the kinds.
std::optional<ChartKind> chart_kind_from_name(std::string_view name);
// Translated, for the kind selector ("Lane utilisation").
QString chart_kind_label(ChartKind kind);
bool is_sweep_kind(ChartKind kind);
// Every per-run / per-sweep kind, in menu order.
const std::vector<ChartKind>& run_chart_kinds();
const std::vector<ChartKind>& sweep_chart_kinds();
// "utilisation, throughput".
std::string kind_names(const std::vector<ChartKind>& kinds);

// The data behind the chart: a header row of column names (series names
// with their units in parentheses), then one row per category (bars), per
// bin (histogram: low, high, then counts) or per distinct x (lines: a step
// or dashed reference series holds its last value, the others leave the
// cell empty where they have no point). '.' decimals, RFC 4180 quoting, '\n' line ends, UTF-8.
std::string chart_csv(const ChartData& chart);

} // namespace il::ui
