#include "timeline/timeline_marks.h"

#include "events/event_text.h"
#include "style/colors.h"
#include "style/units.h"
#include "timeline/timeline_painter.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPolygon>

#include <algorithm>
#include <cstdlib>

namespace il::ui {

namespace {

constexpr int kMaxLabel = 160; // px: a long note is elided to this at most

QString annotation_text(const trace::Snapshot& snapshot, const trace::Record& mark) {
    const QString text = object_label(snapshot, mark.object);
    return text.isEmpty() ? QCoreApplication::translate("il::ui::MarkPainter", "(no text)") : text;
}

bool is_unit_first(const QString& text) {
    return text.startsWith(QLatin1Char('%'));
}

// A progress note says its unit first ("% of the part received").
QString unit_of(const QString& text) {
    return text.section(QLatin1Char(' '), 0, 0);
}
} // namespace

QString mark_label(const trace::Snapshot& snapshot, const trace::Record& mark) {
    const QString text = annotation_text(snapshot, mark);
    if (is_unit_first(text))
        return QStringLiteral("%1 %2").arg(QString::number(mark.a), unit_of(text));
    return text;
}

QString mark_tooltip(const trace::Snapshot& snapshot, const VisibleMark& mark,
                     std::int64_t origin) {
    if (mark.record >= snapshot.records.size())
        return {};
    const trace::Record& r = snapshot.records[mark.record];
    const QString text = annotation_text(snapshot, r);
    // "40 % of the part received" reads as a sentence; other notes keep
    // their text whole and give the value after it.
    // (One arg() call for both: a note's own "%1" stays as written.)
    const QString value = QString::number(r.a), escaped = text.toHtmlEscaped();
    QString out =
        is_unit_first(text)
            ? QCoreApplication::translate("il::ui::MarkPainter", "Mark: %1 %2").arg(value, escaped)
            : QCoreApplication::translate("il::ui::MarkPainter", "Mark: %1 (value %2)")
                  .arg(escaped, value);
    out += QStringLiteral("<br>") + QCoreApplication::translate("il::ui::MarkPainter", "at %1")
                                        .arg(duration_text(r.t_ns - origin));
    if (mark.folded > 0) {
        const int folded = static_cast<int>(std::min<std::size_t>(mark.folded, INT32_MAX));
        out += QStringLiteral("<br><i>") +
               QCoreApplication::translate("il::ui::MarkPainter",
                                           "%n earlier mark(s) in these pixels: zoom in", nullptr,
                                           folded) +
               QStringLiteral("</i>");
    }
    return out;
}

void MarkPainter::paint(QPainter& p, const TimelineScene& s, const QPalette& pal,
                        std::size_t first_row, std::size_t last_row) {
    const QRect lanes = s.lane_area();
    const PixelWindow w = s.pixels();
    const TimelineMetrics& m = s.layout->metrics();
    std::optional<QFontMetrics> fm; // set up at the first lane with marks in view
    for (std::size_t r = first_row; r < last_row; ++r) {
        const TimelineRow& row = s.layout->rows()[r];
        if (row.kind == TimelineRow::Kind::Process || row.lane >= s.lods->size())
            continue;
        const LaneMarks& marks = (*s.lods)[row.lane].marks();
        if (marks.empty())
            continue;
        marks.visible(w, kGap, visible_);
        if (visible_.empty())
            continue;
        if (!fm) {
            // Labels fit inside the bar: a font a little smaller than it.
            p.save();
            QFont font = p.font();
            font.setPixelSize(std::max(7, m.bar_height - 3));
            p.setFont(font);
            fm.emplace(font);
        }
        const int bar = row.bar_top(m) - row.y + s.row_top(row);
        const int mid = bar + m.bar_height / 2;

        // Labels first, so no label box ever covers a diamond.
        for (std::size_t k = 0; k < visible_.size(); ++k) {
            const int x = lanes.left() + visible_[k].x;
            const int next = k + 1 < visible_.size() ? lanes.left() + visible_[k + 1].x - kHalf
                                                     : lanes.right() + 1;
            const int room = next - (x + kHalf + 2) - 4;
            if (room < fm->horizontalAdvance(QStringLiteral("MM…")))
                continue;
            const trace::Record& rec = s.snapshot->records[visible_[k].record];
            const bool value = is_unit_first(annotation_text(*s.snapshot, rec));
            QString label = mark_label(*s.snapshot, rec);
            const int limit = std::min(room, kMaxLabel);
            if (fm->horizontalAdvance(label) > limit) {
                if (value)
                    continue; // a value is shown whole or not at all
                label = fm->elidedText(label, Qt::ElideRight, limit);
            }
            const QRect box(x + kHalf + 2, bar, fm->horizontalAdvance(label) + 4, m.bar_height);
            QColor back = pal.color(QPalette::Base);
            back.setAlpha(210);
            p.fillRect(box, back);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(box, Qt::AlignCenter, label);
        }

        p.setPen(QPen(mark_outline_color(), 0));
        p.setBrush(mark_color());
        for (const VisibleMark& v : visible_) {
            const int x = lanes.left() + v.x;
            const QPoint diamond[] = {
                {x, mid - kHalf}, {x + kHalf, mid}, {x, mid + kHalf}, {x - kHalf, mid}};
            p.drawPolygon(diamond, 4);
        }
    }
    if (fm)
        p.restore();
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::NoBrush);
}

std::optional<VisibleMark> mark_near(const TimelineScene& s, trace::LaneId lane, int x) {
    if (!s.lods || lane >= s.lods->size())
        return std::nullopt;
    std::vector<VisibleMark> visible;
    (*s.lods)[lane].marks().visible(s.pixels(), MarkPainter::kGap, visible);
    std::optional<VisibleMark> best;
    for (const VisibleMark& v : visible) {
        const int d = std::abs(v.x - x);
        if (d <= MarkPainter::kHalf && (!best || d <= std::abs(best->x - x)))
            best = v;
    }
    return best;
}

} // namespace il::ui
