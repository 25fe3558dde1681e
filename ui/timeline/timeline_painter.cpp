#include "timeline/timeline_painter.h"

#include "style/colors.h"
#include "timeline/timeline_ruler.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace il::ui {

namespace {
QString tr(const char* text, int n = -1) {
    return QCoreApplication::translate("il::ui::TimelinePainter", text, nullptr, n);
}

// Rows of the layout that overlap the lane area, as [first, last).
std::pair<std::size_t, std::size_t> visible_rows(const TimelineScene& s) {
    const auto& rows = s.layout->rows();
    const int top = s.scroll, bottom = s.scroll + s.lane_area().height();
    const int first = std::max(0, s.layout->row_at(std::max(0, top)));
    std::size_t last = static_cast<std::size_t>(first);
    while (last < rows.size() && rows[last].y < bottom)
        ++last;
    return {static_cast<std::size_t>(first), last};
}

QColor with_alpha(QColor c, int alpha) {
    c.setAlpha(alpha);
    return c;
}
} // namespace

QRect TimelineScene::lane_area() const {
    return QRect(area.left() + names_width, area.top() + ruler_height,
                 std::max(0, area.width() - names_width),
                 std::max(0, area.height() - ruler_height));
}

QRect TimelineScene::ruler_area() const {
    return QRect(area.left() + names_width, area.top(), std::max(0, area.width() - names_width),
                 ruler_height);
}

QRect TimelineScene::names_area() const {
    return QRect(area.left(), area.top() + ruler_height, names_width,
                 std::max(0, area.height() - ruler_height));
}

PixelWindow TimelineScene::pixels() const {
    return {t0, t1, lane_area().width()};
}

double TimelineScene::x_of(std::int64_t t) const {
    const QRect lanes = lane_area();
    if (t1 <= t0)
        return lanes.left();
    return lanes.left() + double(t - t0) * lanes.width() / double(t1 - t0);
}

std::int64_t TimelineScene::time_at(double x) const {
    const QRect lanes = lane_area();
    if (lanes.width() <= 0)
        return t0;
    return t0 + std::llround((x - lanes.left()) * double(t1 - t0) / lanes.width());
}

int TimelineScene::row_top(const TimelineRow& row) const {
    return lane_area().top() + row.y - scroll;
}

TimelinePainter::Stats TimelinePainter::paint(QPainter& p, const TimelineScene& s,
                                              const QPalette& pal) {
    Stats stats;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(s.area, pal.color(QPalette::Base));
    if (s.snapshot && s.summary && s.lods && s.layout && s.t1 > s.t0) {
        p.setClipRect(s.lane_area());
        paint_rows(p, s, pal, stats);
        paint_loop_steps(p, s, pal);
        const auto [first, last] = visible_rows(s);
        marks_.paint(p, s, pal, first, last);
        paint_arrows(p, s, stats);
        paint_selection(p, s);
        p.setClipping(false);
        paint_names(p, s, pal);
    }
    paint_ruler(p, s, pal);

    const QRect lanes = s.lane_area();
    const int px = static_cast<int>(std::floor(s.x_of(s.playhead)));
    if (s.t1 > s.t0 && px >= lanes.left() && px <= lanes.right())
        p.fillRect(QRect(px, s.area.top(), 2, s.area.height()), playhead_color());

    if (stats.arrows_hidden > 0) {
        const int hidden = int(stats.arrows_hidden);
        const QString text = QCoreApplication::translate(
            "il::ui::TimelinePainter", "%n arrow(s) hidden, zoom in", nullptr, hidden);
        const QFontMetrics fm = p.fontMetrics();
        QRect box(0, 0, fm.horizontalAdvance(text) + 12, fm.height() + 4);
        box.moveTopRight(lanes.topRight() + QPoint(-4, 4));
        p.fillRect(box, with_alpha(pal.color(QPalette::ToolTipBase), 230));
        p.setPen(pal.color(QPalette::ToolTipText));
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
    return stats;
}

void TimelinePainter::paint_rows(QPainter& p, const TimelineScene& s, const QPalette& pal,
                                 Stats& stats) {
    for (auto& v : by_category_)
        v.clear();
    holds_.clear();
    ticks_.clear();
    headers_.clear();
    stripes_.clear();

    const QRect lanes = s.lane_area();
    const PixelWindow w = s.pixels();
    const TimelineMetrics& m = s.layout->metrics();
    const int left = lanes.left();
    const int accent_h = std::max(2, m.bar_height * 2 / 5);
    const auto [first, last] = visible_rows(s);
    for (std::size_t r = first; r < last; ++r) {
        const TimelineRow& row = s.layout->rows()[r];
        const int top = s.row_top(row);
        if (row.kind == TimelineRow::Kind::Process) {
            headers_.push_back(QRect(left, top, lanes.width(), row.height));
            continue;
        }
        if (r % 2 == 0)
            stripes_.push_back(QRect(left, top, lanes.width(), row.height));
        if (row.lane >= s.lods->size())
            continue;
        const LaneLod& lod = (*s.lods)[row.lane];
        const int bar = row.bar_top(m) - row.y + top;
        lod.state_runs(w, runs_);
        stats.runs += runs_.size();
        for (const StateRun& run : runs_) {
            by_category_[run.category].push_back(
                QRect(left + run.x0, bar, run.x1 - run.x0, m.bar_height));
            if (run.accent != kNoCategory)
                by_category_[run.accent].push_back(
                    QRect(left + run.x0, bar + m.bar_height - accent_h, run.x1 - run.x0, accent_h));
        }
        const int strip = row.strip_top(m) - row.y + top;
        lod.hold_runs(w, pixel_runs_);
        for (const PixelRun& run : pixel_runs_)
            holds_.push_back(QRect(left + run.x0, strip, run.x1 - run.x0, m.strip_height));
        lod.tick_runs(w, pixel_runs_);
        for (const PixelRun& run : pixel_runs_)
            ticks_.push_back(QRect(left + run.x0, bar, run.x1 - run.x0, 3));
    }

    // Batched, pen-less rectangles: one drawRects per colour.
    p.setPen(Qt::NoPen);
    auto batch = [&](const QVector<QRect>& rects, const QColor& color) {
        if (rects.isEmpty())
            return;
        p.setBrush(color);
        p.drawRects(rects.constData(), static_cast<int>(rects.size()));
    };
    batch(stripes_, pal.color(QPalette::AlternateBase));
    for (int c = 0; c < kCategoryCount; ++c)
        batch(by_category_[c], interval_color(category_interval(static_cast<std::uint8_t>(c))));
    batch(holds_, lock_held_color());
    batch(ticks_, with_alpha(pal.color(QPalette::Text), 70));
    batch(headers_, pal.color(QPalette::Button));
    p.setBrush(Qt::NoBrush);
}

// An event loop's lane says which coroutine it runs: each step is a stretch
// of the strip under the bar in that coroutine's colour, named inside the bar
// when there is room. Steps narrower than a pixel share it: after drawing one,
// the next search starts at the following column, so a frame costs
// O(width log n) however many steps the window holds.
void TimelinePainter::paint_loop_steps(QPainter& p, const TimelineScene& s, const QPalette& pal) {
    if (s.summary->loops.empty())
        return;
    const TimelineMetrics& m = s.layout->metrics();
    const QFontMetrics fm = p.fontMetrics();
    const int min_label = fm.horizontalAdvance(QStringLiteral("MMMM"));
    const auto [first, last] = visible_rows(s);
    for (std::size_t r = first; r < last; ++r) {
        const TimelineRow& row = s.layout->rows()[r];
        if (row.kind == TimelineRow::Kind::Process)
            continue;
        const analysis::LoopLane* loop = s.summary->loop_of(row.lane);
        if (!loop)
            continue;
        const int top = s.row_top(row);
        const int strip = row.strip_top(m) - row.y + top;
        const int bar = row.bar_top(m) - row.y + top;
        const auto& runs = loop->runs;
        std::int64_t from = s.t0;
        while (true) {
            auto it = std::upper_bound(
                runs.begin(), runs.end(), from,
                [](std::int64_t v, const analysis::LoopRun& x) { return v < x.t1; });
            if (it == runs.end() || it->t0 >= s.t1)
                break;
            const int x0 = static_cast<int>(std::floor(s.x_of(std::max(it->t0, s.t0))));
            const int x1 =
                std::max(x0 + 1, static_cast<int>(std::ceil(s.x_of(std::min(it->t1, s.t1)))));
            const QColor color = loop_step_color(it->task);
            p.fillRect(QRect(x0, strip, x1 - x0, m.strip_height), color);
            if (x1 - x0 >= min_label) {
                const trace::LaneInfo* task = s.snapshot->lane(it->task);
                const QString name = task ? QString::fromStdString(task->name) : QString();
                const QRect box(x0 + 2, bar, x1 - x0 - 4, m.bar_height);
                p.setPen(pal.color(QPalette::Base));
                p.drawText(box, Qt::AlignVCenter | Qt::AlignLeft,
                           fm.elidedText(name, Qt::ElideRight, box.width()));
            }
            // Next: the first step still running after this column.
            from = std::max(it->t1, s.time_at(x1));
        }
    }
    p.setPen(Qt::NoPen);
}

void TimelinePainter::paint_arrows(QPainter& p, const TimelineScene& s, Stats& stats) {
    const auto& records = s.snapshot->records;
    const auto& flows = s.summary->flows;
    if (flows.empty())
        return;
    // Effects from the window's start to one span past its end: arrows
    // ending in view, or starting in view and ending a little later.
    const std::int64_t span = s.t1 - s.t0;
    auto record_at = [&](std::int64_t t) {
        return static_cast<std::size_t>(
            std::lower_bound(records.begin(), records.end(), t,
                             [](const trace::Record& r, std::int64_t v) { return r.t_ns < v; }) -
            records.begin());
    };
    auto flow_at = [&](std::size_t record) {
        return static_cast<std::size_t>(
            std::lower_bound(flows.begin(), flows.end(), record,
                             [](const analysis::Flow& f, std::size_t v) { return f.to < v; }) -
            flows.begin());
    };
    const std::size_t f0 = flow_at(record_at(s.t0));
    const std::size_t f_end_window = flow_at(record_at(s.t1));
    const std::size_t f1 = flow_at(record_at(s.t1 > INT64_MAX - span ? s.t1 : s.t1 + span));
    const std::size_t candidates = f1 - f0;
    if (candidates == 0)
        return;

    auto visible = [&](const analysis::Flow& f) {
        return records[f.from].t_ns < s.t1 && s.layout->lane_row(records[f.from].lane) &&
               s.layout->lane_row(records[f.to].lane);
    };
    // Few enough to count exactly; else estimate by the effects in view.
    std::size_t shown = 0;
    if (candidates <= 8 * kMaxArrows) {
        for (std::size_t k = f0; k < f1; ++k)
            shown += visible(flows[k]);
    } else {
        shown = f_end_window - f0;
    }
    // Too many: a sample spread evenly over the candidates.
    const std::size_t stride =
        shown > kMaxArrows ? (candidates + kMaxArrows - 1) / kMaxArrows : std::size_t(1);

    for (auto& v : arrows_)
        v.clear();
    const TimelineMetrics& m = s.layout->metrics();
    auto lane_mid = [&](trace::LaneId lane) {
        const TimelineRow* row = s.layout->lane_row(lane);
        return s.row_top(*row) + m.pad + m.bar_height / 2.0;
    };
    std::size_t drawn = 0;
    for (std::size_t k = f0; k < f1 && drawn < kMaxArrows; k += stride) {
        const analysis::Flow& f = flows[k];
        if (!visible(f))
            continue;
        const trace::Record& from = records[f.from];
        const trace::Record& to = records[f.to];
        const QPointF a(s.x_of(from.t_ns), lane_mid(from.lane));
        const QPointF b(s.x_of(to.t_ns), lane_mid(to.lane));
        auto& out = arrows_[static_cast<int>(f.kind) * 2 + (f.handoff ? 1 : 0)];
        out.push_back(QLineF(a, b));
        QLineF back(b, a);
        if (back.length() > 6) {
            back.setLength(6);
            QLineF l1 = back, l2 = back;
            l1.setAngle(back.angle() + 25);
            l2.setAngle(back.angle() - 25);
            out.push_back(l1);
            out.push_back(l2);
        }
        ++drawn;
    }
    stats.arrows_drawn = drawn;
    stats.arrows_hidden = shown > drawn ? shown - drawn : 0;

    for (int g = 0; g < int(arrows_.size()); ++g) {
        if (arrows_[g].isEmpty())
            continue;
        QColor c = flow_color(static_cast<analysis::FlowKind>(g / 2));
        if (stride > 1)
            c.setAlpha(70); // a sample of many: a hint of where they are, not a hairball
        else if (g % 2 == 0)
            c.setAlpha(140); // found the thing free: quieter than a handoff
        p.setPen(QPen(c, 0));
        p.drawLines(arrows_[g].constData(), static_cast<int>(arrows_[g].size()));
    }
}

void TimelinePainter::paint_selection(QPainter& p, const TimelineScene& s) {
    if (s.selected == TimelineScene::kNone || s.selected >= s.snapshot->records.size())
        return;
    const trace::Record& rec = s.snapshot->records[s.selected];
    const TimelineRow* row = s.layout->lane_row(rec.lane);
    if (!row)
        return;
    const TimelineMetrics& m = s.layout->metrics();
    const int x = static_cast<int>(std::floor(s.x_of(rec.t_ns)));
    const int top = s.row_top(*row);
    // The selected record's incoming arrow, bold.
    if (const analysis::Flow* f = analysis::flow_to(s.summary->flows, s.selected)) {
        const trace::Record& from = s.snapshot->records[f->from];
        if (const TimelineRow* fr = s.layout->lane_row(from.lane)) {
            p.setPen(QPen(flow_color(f->kind), 2));
            p.drawLine(QPointF(s.x_of(from.t_ns), s.row_top(*fr) + m.pad + m.bar_height / 2.0),
                       QPointF(s.x_of(rec.t_ns), top + m.pad + m.bar_height / 2.0));
        }
    }
    p.setPen(QPen(selection_color(), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRect(x - 3, top + 1, 7, row->height - 2));
}

void TimelinePainter::paint_names(QPainter& p, const TimelineScene& s, const QPalette& pal) {
    const QRect names = s.names_area();
    p.fillRect(names, pal.color(QPalette::Window));
    p.setClipRect(names);
    const QFontMetrics fm = p.fontMetrics();
    const TimelineMetrics& m = s.layout->metrics();
    const auto [first, last] = visible_rows(s);
    for (std::size_t r = first; r < last; ++r) {
        const TimelineRow& row = s.layout->rows()[r];
        const int top = s.row_top(row);
        if (row.kind == TimelineRow::Kind::Process) {
            p.fillRect(QRect(names.left(), top, names.width(), row.height),
                       pal.color(QPalette::Button));
            const trace::LaneInfo* first_lane = s.snapshot->lane(row.lane);
            const QString name = first_lane ? QString::fromStdString(first_lane->name) : QString();
            const QString text = QStringLiteral("%1 %2").arg(
                row.collapsed ? QStringLiteral("▸") : QStringLiteral("▾"),
                tr("Process %1 (%2)").arg(row.pid).arg(name));
            p.setPen(pal.color(QPalette::ButtonText));
            p.drawText(QRect(names.left() + 4, top, names.width() - 8, row.height),
                       Qt::AlignVCenter | Qt::AlignLeft,
                       fm.elidedText(text, Qt::ElideRight, names.width() - 8));
            continue;
        }
        const trace::LaneInfo* lane = s.snapshot->lane(row.lane);
        const QString name = lane ? QString::fromStdString(lane->name) : QString::number(row.lane);
        const int indent = 8 + row.depth * m.indent;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(names.left() + indent, top, names.width() - indent - 4, row.height),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(name, Qt::ElideRight, names.width() - indent - 4));
    }
    p.setClipping(false);
    p.fillRect(QRect(names.right(), names.top(), 1, names.height()), pal.color(QPalette::Mid));
}

void TimelinePainter::paint_ruler(QPainter& p, const TimelineScene& s, const QPalette& pal) {
    const QRect ruler = s.ruler_area();
    p.fillRect(QRect(s.area.left(), s.area.top(), s.area.width(), s.ruler_height),
               pal.color(QPalette::Window));
    p.fillRect(QRect(s.area.left(), ruler.bottom(), s.area.width(), 1), pal.color(QPalette::Mid));
    if (s.snapshot && s.snapshot->dropped > 0) {
        p.setPen(deadlock_color());
        const int dropped = int(std::min<std::uint64_t>(s.snapshot->dropped, INT32_MAX));
        p.drawText(QRect(s.area.left() + 4, s.area.top(), s.names_width - 8, s.ruler_height),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   QCoreApplication::translate("il::ui::TimelinePainter", "%n event(s) dropped",
                                               nullptr, dropped));
    }
    if (s.t1 <= s.t0 || ruler.width() <= 0)
        return;
    const std::int64_t step = ruler_step(s.t1 - s.t0, ruler.width());
    const std::int64_t minor = step / 5 > 0 ? step / 5 : step;
    // Ticks at multiples of the step counted from the run's start.
    auto first_tick = [&](std::int64_t st) {
        const std::int64_t rel = s.t0 - s.origin;
        std::int64_t k = rel / st;
        if (k * st < rel)
            ++k;
        return s.origin + k * st;
    };
    QVector<QRect> lines;
    for (std::int64_t t = first_tick(minor); t < s.t1; t += minor) {
        const int x = static_cast<int>(std::floor(s.x_of(t)));
        const bool major = (t - s.origin) % step == 0;
        const int h = major ? s.ruler_height / 2 : s.ruler_height / 5;
        lines.push_back(QRect(x, ruler.bottom() - h, 1, h));
    }
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::WindowText));
    p.drawRects(lines.constData(), static_cast<int>(lines.size()));
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetrics fm = p.fontMetrics();
    for (std::int64_t t = first_tick(step); t < s.t1; t += step) {
        const int x = static_cast<int>(std::floor(s.x_of(t)));
        const QString label = ruler_label(t - s.origin, step);
        if (x + 3 + fm.horizontalAdvance(label) > ruler.right())
            break;
        p.drawText(QPoint(x + 3, ruler.top() + fm.ascent() + 1), label);
    }
}

} // namespace il::ui
