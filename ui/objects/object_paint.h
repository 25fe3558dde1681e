// Drawing and wording helpers shared by the lock view and the queue view:
// lane chips, arrows, pips, translated kind names. Stateless; GUI thread only.
#pragma once

#include "style/units.h" // duration_text, shared by every view
#include "trace/snapshot.h"

#include <QColor>
#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <QToolTip>
#include <QWidget>

namespace il::ui {

// A lane's own colour for chips. Local to these views: colors.h has no
// per-lane palette yet (reported to the lead); a fixed hue per lane id keeps
// a lane recognisable across the lock and queue views.
QColor lane_color(trace::LaneId lane);

// Registry name or "lane 7"; the object's name or "object 12".
QString lane_text(const trace::Snapshot& s, trace::LaneId lane);
QString object_text(const trace::Snapshot& s, trace::ObjectId object);
// "Lock", "RLock", "Semaphore", ... (translated).
QString object_kind_text(trace::ObjectKind kind);
// "FIFO", "LIFO", "priority" (translated).
QString queue_order_text(trace::QueueOrder order);

struct ChipStyle {
    QColor fill;
    QColor text;
    QColor border; // invalid: none
    qreal border_width = 1.5;
    qreal opacity = 1.0;
};

// Width a chip with this text takes at the painter's current font.
qreal chip_width(const QFontMetricsF& fm, const QString& text);
// A rounded label; returns its rect (top-left at `at`, height `height`).
QRectF draw_chip(QPainter& p, QPointF at, qreal height, const QString& text,
                 const ChipStyle& style);
// A chip for a lane: its colour with a readable text colour.
ChipStyle lane_chip_style(trace::LaneId lane);

// A straight arrow with a filled head at `to`.
void draw_arrow(QPainter& p, QPointF from, QPointF to, const QColor& color, qreal width = 1.5);

// `total` round pips in a row from `at`, the first `filled` of them filled.
// Returns the rect used.
QRectF draw_pips(QPainter& p, QPointF at, int total, int filled, qreal size, const QColor& color);

// A canvas's tooltip: on QEvent::ToolTip shows text_at(position), or hides
// the tooltip where there is nothing to say. True when the event was one.
template <class TextAt> bool show_tooltip(QWidget* widget, QEvent* event, TextAt text_at) {
    if (event->type() != QEvent::ToolTip)
        return false;
    auto* help = static_cast<QHelpEvent*>(event);
    const QString tip = text_at(help->pos());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), tip, widget);
    return true;
}

} // namespace il::ui
