// queue-fill and throughput: quantities over the run's time, x in ms since
// the run's start.
#include "charts/run_chart_parts.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace il::ui::detail {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("il::ui::Charts", text);
}

double ms_since(const RunData& run, std::int64_t t) {
    return double(t - run.summary.range.begin) / 1e6;
}

// Equal buckets over the run; enough to see bursts, few enough that each
// bucket holds several completions in a typical scenario.
constexpr std::int64_t kBuckets = 50;

} // namespace

std::optional<ChartData> queue_fill_chart(const RunData& run, std::string& why) {
    ChartData c;
    c.kind = ChartKind::QueueFill;
    c.layout = ChartLayout::Lines;
    c.title = tr("Queue fill");
    c.x_label = tr("Time since start (ms)");
    c.x_unit = QStringLiteral("ms");
    c.y_label = tr("Items");
    c.y_counts = true;
    QStringList names;
    std::vector<ChartSeries> capacities;
    const double end = ms_since(run, run.summary.range.end);
    for (const auto& level : run.summary.levels) {
        if (level.kind != trace::ObjectKind::Queue || level.points.empty())
            continue;
        const trace::ObjectInfo* info = run.snapshot.object(level.object);
        ChartSeries s;
        s.name = unique_name(info ? info->name : std::string(), "queue", level.object, names);
        s.unit = tr("items");
        s.shape = SeriesShape::StepLine;
        s.points.reserve(level.points.size() + 1);
        for (const auto& p : level.points)
            s.points.emplace_back(ms_since(run, p.t), double(p.value));
        // The last level holds until the end: draw it there.
        s.points.emplace_back(std::max(s.points.back().x(), ms_since(run, level.t_end)),
                              double(level.points.back().value));
        if (level.capacity > 0) {
            ChartSeries cap;
            cap.name = tr("%1 capacity").arg(s.name);
            cap.unit = s.unit;
            cap.shape = SeriesShape::DashedLine;
            cap.points = {{0.0, double(level.capacity)},
                          {std::max(end, s.points.back().x()), double(level.capacity)}};
            capacities.push_back(std::move(cap));
        }
        c.series.push_back(std::move(s));
    }
    if (c.series.empty()) {
        why = QT_TRANSLATE_NOOP("il::ui::Charts", "this run has no queues");
        return std::nullopt;
    }
    for (auto& cap : capacities)
        c.series.push_back(std::move(cap));
    return c;
}

std::optional<ChartData> throughput_chart(const RunData& run, std::string& why) {
    // What counts as one completed item, by record kind.
    struct Counted {
        trace::Kind kind;
        const char* name;
    };
    static constexpr std::array<Counted, 3> kCounted{{
        {trace::Kind::Get, QT_TRANSLATE_NOOP("il::ui::Charts", "Items taken from queues")},
        {trace::Kind::TaskEnd, QT_TRANSLATE_NOOP("il::ui::Charts", "Tasks finished")},
        {trace::Kind::LaneEnd, QT_TRANSLATE_NOOP("il::ui::Charts", "Lanes finished")},
    }};
    const std::int64_t begin = run.summary.range.begin;
    const std::int64_t length = run.summary.range.length();
    if (length <= 0) {
        why =
            QT_TRANSLATE_NOOP("il::ui::Charts", "this run took no time: no rate over time to show");
        return std::nullopt;
    }
    const std::int64_t buckets = std::clamp<std::int64_t>(length, 1, kBuckets);
    std::array<std::vector<std::int64_t>, kCounted.size()> counts;
    std::array<bool, kCounted.size()> present{};
    for (auto& v : counts)
        v.assign(std::size_t(buckets), 0);
    for (const auto& r : run.snapshot.records) {
        for (std::size_t k = 0; k < kCounted.size(); ++k) {
            if (r.kind != kCounted[k].kind)
                continue;
            // The end instant belongs to the last bucket.
            const std::int64_t off = std::clamp<std::int64_t>(r.t_ns - begin, 0, length);
            const std::int64_t b = std::min(buckets - 1, off * buckets / length);
            ++counts[k][std::size_t(b)];
            present[k] = true;
        }
    }
    ChartData c;
    c.kind = ChartKind::Throughput;
    c.layout = ChartLayout::Lines;
    c.title = tr("Throughput");
    c.x_label = tr("Time since start (ms)");
    c.x_unit = QStringLiteral("ms");
    c.y_label = tr("Completed (per s)");
    for (std::size_t k = 0; k < kCounted.size(); ++k) {
        if (!present[k])
            continue;
        ChartSeries s;
        s.name = tr(kCounted[k].name);
        s.unit = tr("per s");
        s.shape = SeriesShape::Line;
        for (std::int64_t b = 0; b < buckets; ++b) {
            const std::int64_t t0 = length * b / buckets, t1 = length * (b + 1) / buckets;
            const double seconds = double(std::max<std::int64_t>(t1 - t0, 1)) / 1e9;
            s.points.emplace_back(double(t0 + t1) / 2e6,
                                  double(counts[k][std::size_t(b)]) / seconds);
        }
        c.series.push_back(std::move(s));
    }
    if (c.series.empty()) {
        why = QT_TRANSLATE_NOOP(
            "il::ui::Charts",
            "nothing completed in this run (no queue gets, finished tasks or lanes)");
        return std::nullopt;
    }
    return c;
}

} // namespace il::ui::detail
