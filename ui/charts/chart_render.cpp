#include "charts/chart_render.h"

#include "style/colors.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplineSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace il::ui {

namespace {

// Past this many points a line is thinned (per x bucket: first, lowest,
// highest, last), which keeps its envelope and costs O(n) once.
constexpr std::size_t kMaxLinePoints = 8000;
// Category labels drawn at most.
constexpr int kMaxLabels = 60;

QList<QPointF> thinned(const QList<QPointF>& in) {
    if (std::size_t(in.size()) <= kMaxLinePoints)
        return in;
    const int buckets = int(kMaxLinePoints / 4);
    const double x0 = in.front().x(), span = std::max(in.back().x() - x0, 1e-300);
    QList<QPointF> out;
    int i = 0;
    for (int b = 0; b < buckets && i < in.size(); ++b) {
        const double limit = x0 + span * (b + 1) / buckets;
        const int first = i;
        int lo = i, hi = i;
        for (; i < in.size() && (in[i].x() <= limit || b == buckets - 1); ++i) {
            if (in[i].y() < in[lo].y())
                lo = i;
            if (in[i].y() > in[hi].y())
                hi = i;
        }
        if (i == first)
            continue;
        const int picks[] = {first, std::min(lo, hi), std::max(lo, hi), i - 1};
        for (int k = 0; k < 4; ++k)
            if (k == 0 || picks[k] != picks[k - 1])
                out.push_back(in[picks[k]]);
    }
    return out;
}

// Ticks at a 1-2-5 step giving at most ~8 intervals over [lo, hi], anchored
// on a multiple of the step; the range stays as given. Labels show as many
// decimals as the step needs. `whole`: the step is at least 1.
void nice_ticks(QValueAxis* axis, double lo, double hi, bool whole) {
    axis->setRange(lo, hi);
    const double span = hi - lo;
    if (!(span > 0) || !std::isfinite(span))
        return;
    double step = std::pow(10.0, std::floor(std::log10(span / 8)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (span / (step * m) <= 8) {
            step *= m;
            break;
        }
    if (whole)
        step = std::max(step, 1.0);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(std::ceil(lo / step) * step);
    axis->setTickInterval(step);
    const int decimals = step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

bool all_whole(const ChartData& d) {
    for (const auto& s : d.series)
        for (const QPointF& p : s.points)
            if (p.x() != std::floor(p.x()))
                return false;
    return true;
}

QList<QPointF> drawn_points(const ChartSeries& s) {
    QList<QPointF> pts;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        // A step holds its value until the next point's x.
        if (s.shape == SeriesShape::StepLine && i > 0)
            pts.push_back({s.points[i].x(), s.points[i - 1].y()});
        pts.push_back(s.points[i]);
    }
    return thinned(pts);
}

void style_line(QXYSeries* series, const ChartSeries& s) {
    QPen pen = series->pen();
    pen.setWidthF(2);
    if (s.shape == SeriesShape::DashedLine)
        pen.setStyle(Qt::DashLine);
    series->setPen(pen);
    if ((s.shape == SeriesShape::Line || s.shape == SeriesShape::Curve) && s.points.size() <= 20)
        series->setPointsVisible(true);
}

QScatterSeries* markers(const QString& name) {
    auto* m = new QScatterSeries;
    m->setName(name);
    m->setMarkerSize(11);
    return m;
}

void bar_chart(QChart* chart, const ChartData& d) {
    QAbstractBarSeries* bars = d.layout == ChartLayout::StackedBars
                                   ? static_cast<QAbstractBarSeries*>(new QStackedBarSeries)
                                   : new QBarSeries;
    auto* x = new QBarCategoryAxis;
    x->append(d.categories);
    // Past kMaxLabels, labels overlap into a smear: the chart's title says
    // how many there are (the CSV names them) and the bars lose their
    // outlines, which would otherwise be all that shows of bars a pixel or two
    // wide. (Hidden labels also throw the axis title into the chart's corner.)
    const bool crowded = d.categories.size() > kMaxLabels;
    x->setTitleText(d.x_label);
    if (crowded) {
        x->setLabelsVisible(false);
        x->setTitleVisible(false);
        chart->setTitle(
            QStringLiteral("%1 (%2: %3)").arg(d.title, d.x_label).arg(d.categories.size()));
    } else if (d.categories.size() > 8) {
        x->setLabelsAngle(-45);
    }
    if (crowded)
        bars->setBarWidth(1.0);
    auto* y = new QValueAxis;
    y->setTitleText(d.y_label);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    double top = 0;
    std::vector<double> stack(std::size_t(d.categories.size()), 0.0);
    std::vector<QScatterSeries*> overlays;
    for (const auto& s : d.series) {
        if (s.shape != SeriesShape::Bar) {
            auto* m = markers(s.name);
            for (std::size_t i = 0; i < s.values.size(); ++i)
                if (!std::isnan(s.values[i])) {
                    m->append(double(i), s.values[i]);
                    top = std::max(top, s.values[i]);
                }
            overlays.push_back(m);
            continue;
        }
        auto* set = new QBarSet(s.name);
        if (crowded)
            set->setPen(Qt::NoPen);
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            const double v = std::isnan(s.values[i]) ? 0.0 : s.values[i];
            set->append(v);
            if (i < stack.size())
                stack[i] =
                    d.layout == ChartLayout::StackedBars ? stack[i] + v : std::max(stack[i], v);
        }
        if (d.kind == ChartKind::Utilisation)
            for (auto st : {analysis::LaneState::Running, analysis::LaneState::Ready,
                            analysis::LaneState::Blocked, analysis::LaneState::Sleeping})
                if (s.name == state_label(st))
                    set->setColor(state_color(st));
        bars->append(set);
    }
    for (double v : stack)
        top = std::max(top, v);
    chart->addSeries(bars);
    bars->attachAxis(x);
    bars->attachAxis(y);
    for (auto* m : overlays) {
        chart->addSeries(m);
        m->attachAxis(x);
        m->attachAxis(y);
    }
    nice_ticks(y, 0, top > 0 ? top * 1.05 : 1, d.y_counts);
}

void line_chart(QChart* chart, const ChartData& d) {
    auto* x = new QValueAxis;
    x->setTitleText(d.x_label);
    auto* y = new QValueAxis;
    y->setTitleText(d.y_label);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double x0 = std::numeric_limits<double>::max(), x1 = std::numeric_limits<double>::lowest();
    double y0 = d.y_from_zero ? 0.0 : std::numeric_limits<double>::max(), y1 = 0;
    for (const auto& s : d.series) {
        for (const QPointF& p : s.points) {
            x0 = std::min(x0, p.x());
            x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y());
            y1 = std::max(y1, p.y());
        }
        QXYSeries* series = s.shape == SeriesShape::Markers
                                ? static_cast<QXYSeries*>(markers(s.name))
                                : new QLineSeries;
        series->setName(s.name);
        series->replace(drawn_points(s));
        chart->addSeries(series); // the theme colours it here: style after
        series->attachAxis(x);
        series->attachAxis(y);
        if (s.shape != SeriesShape::Markers)
            style_line(series, s);
    }
    if (x0 > x1)
        x0 = 0, x1 = 1;
    if (x0 == x1)
        x1 = x0 + 1;
    if (y0 > y1 || y0 == y1)
        y1 = y0 + 1;
    const double ytop = y1 + (y1 - y0) * 0.05;
    if (d.shade_from && *d.shade_from < x1) {
        // A translucent band over the shaded x range, full height.
        auto* upper = new QLineSeries;
        auto* lower = new QLineSeries;
        const double from = std::max(*d.shade_from, x0);
        upper->append({{from, ytop}, {x1, ytop}});
        lower->append({{from, y0}, {x1, y0}});
        auto* band = new QAreaSeries(upper, lower);
        band->setName(d.shade_label);
        chart->addSeries(band);
        band->attachAxis(x);
        band->attachAxis(y);
        QColor fill = band->color();
        fill.setAlpha(40);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
    }
    nice_ticks(x, x0, x1, all_whole(d));
    nice_ticks(y, y0, ytop, d.y_counts);
}

} // namespace

QChart* make_chart(const ChartData& data, bool dark) {
    auto* chart = new QChart;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(data.title);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // a frame must be complete when grabbed
    if (data.layout == ChartLayout::Lines)
        line_chart(chart, data);
    else
        bar_chart(chart, data);
    return chart;
}

bool chart_dark() {
    return dark_palette();
}

} // namespace il::ui
