// lock-wait and lock-hold: how long lanes waited for / held each lock, as
// histograms over shared bins so the locks compare bar by bar.
#include "charts/run_chart_parts.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace il::ui::detail {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("il::ui::Charts", text);
}

// 1-2-5 steps: value = kMantissa[m] * 10^exp.
constexpr double kMantissa[] = {1, 2, 5};

struct Step {
    int m = 0;
    int exp = 0;
    double value() const { return kMantissa[m] * std::pow(10.0, exp); }
    void next() {
        if (++m == 3) {
            m = 0;
            ++exp;
        }
    }
};

struct Samples {
    trace::ObjectId object = 0;
    std::vector<std::int64_t> ns;
};

} // namespace

std::vector<double> log_bins_125(double lo, double hi) {
    const double start = std::max(lo, 1.0);
    Step s{0, static_cast<int>(std::floor(std::log10(start)))};
    if (s.value() > start) // log10 rounded up across a power of ten
        --s.exp;
    // The largest step <= start.
    for (Step t = s;; s = t) {
        t.next();
        if (t.value() > start)
            break;
    }
    std::vector<double> edges{s.value()};
    while (edges.size() < 2 || edges.back() <= hi) {
        s.next();
        edges.push_back(s.value());
    }
    return edges;
}

std::optional<ChartData> lock_histogram(const RunData& run, bool hold, std::string& why) {
    if (run.summary.ownership.empty()) {
        why = QT_TRANSLATE_NOOP("il::ui::Charts", "this run has no locks");
        return std::nullopt;
    }
    std::vector<Samples> per_lock;
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = 0;
    for (const auto& o : run.summary.ownership) {
        Samples s{o.object, {}};
        // Finished spans only: an open one has no length yet.
        if (hold) {
            for (const auto& h : o.holds)
                if (!h.open())
                    s.ns.push_back(h.duration());
        } else {
            for (const auto& w : o.waits)
                if (!w.open())
                    s.ns.push_back(w.duration());
        }
        if (s.ns.empty())
            continue;
        const auto [mn, mx] = std::minmax_element(s.ns.begin(), s.ns.end());
        lo = std::min(lo, *mn);
        hi = std::max(hi, *mx);
        per_lock.push_back(std::move(s));
    }
    if (per_lock.empty()) {
        why = hold
                  ? QT_TRANSLATE_NOOP("il::ui::Charts", "no lock was held and released in this run")
                  : QT_TRANSLATE_NOOP("il::ui::Charts", "no lane waited for a lock in this run");
        return std::nullopt;
    }

    const std::vector<double> edges = log_bins_125(double(lo), double(hi));
    const bool ms = edges.back() >= 1e7; // past 10 ms, µs numbers get long
    const double scale = ms ? 1e6 : 1e3;
    const QString unit = ms ? QStringLiteral("ms") : QStringLiteral("µs");

    ChartData c;
    c.kind = hold ? ChartKind::LockHold : ChartKind::LockWait;
    c.layout = ChartLayout::Histogram;
    c.title = hold ? tr("Lock hold times") : tr("Lock wait times");
    c.x_label = (hold ? tr("Hold (%1)") : tr("Wait (%1)")).arg(unit);
    c.y_label = hold ? tr("Holds (count)") : tr("Waits (count)");
    c.x_unit = unit;
    c.y_counts = true;
    for (double e : edges)
        c.bin_edges.push_back(e / scale);
    for (std::size_t b = 0; b + 1 < edges.size(); ++b)
        c.categories.push_back(QStringLiteral("%1–%2").arg(
            QString::number(c.bin_edges[b], 'g', 6), QString::number(c.bin_edges[b + 1], 'g', 6)));

    QStringList names;
    for (const auto& s : per_lock) {
        const trace::ObjectInfo* info = run.snapshot.object(s.object);
        ChartSeries series;
        series.name = unique_name(info ? info->name : std::string(), "lock", s.object, names);
        series.unit = tr("count");
        series.values.assign(edges.size() - 1, 0.0);
        for (std::int64_t v : s.ns) {
            auto it = std::upper_bound(edges.begin(), edges.end(), double(v));
            const auto bin = std::clamp<std::ptrdiff_t>(it - edges.begin() - 1, 0,
                                                        std::ptrdiff_t(edges.size()) - 2);
            series.values[std::size_t(bin)] += 1;
        }
        c.series.push_back(std::move(series));
    }
    return c;
}

} // namespace il::ui::detail
