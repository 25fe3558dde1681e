#include "objects/object_paint.h"

#include <QCoreApplication>
#include <QPainterPath>

#include <cmath>

namespace il::ui {

// QCoreApplication::translate spelled out at each call so that lupdate files
// the strings under the context they are looked up with.
QColor lane_color(trace::LaneId lane) {
    // Golden-angle hues spread neighbouring ids apart.
    const int hue = static_cast<int>(std::fmod(lane * 137.508, 360.0));
    return QColor::fromHsl(hue, 150, 120);
}

QString lane_text(const trace::Snapshot& s, trace::LaneId lane) {
    const trace::LaneInfo* info = s.lane(lane);
    if (info && !info->name.empty())
        return QString::fromStdString(info->name);
    return QCoreApplication::translate("il::ui::ObjectPaint", "lane %1").arg(lane);
}

QString object_text(const trace::Snapshot& s, trace::ObjectId object) {
    const trace::ObjectInfo* info = s.object(object);
    if (info && !info->name.empty())
        return QString::fromStdString(info->name);
    return QCoreApplication::translate("il::ui::ObjectPaint", "object %1").arg(object);
}

QString object_kind_text(trace::ObjectKind kind) {
    using K = trace::ObjectKind;
    switch (kind) {
    case K::Lock:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Lock");
    case K::RLock:
        return QCoreApplication::translate("il::ui::ObjectPaint", "RLock");
    case K::Semaphore:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Semaphore");
    case K::BoundedSemaphore:
        return QCoreApplication::translate("il::ui::ObjectPaint", "BoundedSemaphore");
    case K::Condition:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Condition");
    case K::Queue:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Queue");
    case K::Event:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Event");
    case K::Barrier:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Barrier");
    default:
        return QCoreApplication::translate("il::ui::ObjectPaint", "Object");
    }
}

QString queue_order_text(trace::QueueOrder order) {
    switch (order) {
    case trace::QueueOrder::Fifo:
        return QCoreApplication::translate("il::ui::ObjectPaint", "FIFO");
    case trace::QueueOrder::Lifo:
        return QCoreApplication::translate("il::ui::ObjectPaint", "LIFO");
    case trace::QueueOrder::Priority:
        return QCoreApplication::translate("il::ui::ObjectPaint", "priority");
    }
    return {};
}

qreal chip_width(const QFontMetricsF& fm, const QString& text) {
    return fm.horizontalAdvance(text) + 14;
}

QRectF draw_chip(QPainter& p, QPointF at, qreal height, const QString& text,
                 const ChipStyle& style) {
    const QFontMetricsF fm(p.font());
    const QRectF r(at, QSizeF(chip_width(fm, text), height));
    p.save();
    p.setOpacity(p.opacity() * style.opacity);
    p.setPen(style.border.isValid() ? QPen(style.border, style.border_width) : Qt::NoPen);
    p.setBrush(style.fill);
    p.drawRoundedRect(r, height / 2, height / 2);
    p.setPen(style.text);
    p.drawText(r, Qt::AlignCenter, text);
    p.restore();
    return r;
}

ChipStyle lane_chip_style(trace::LaneId lane) {
    ChipStyle s;
    s.fill = lane_color(lane);
    s.text = s.fill.lightness() > 140 ? Qt::black : Qt::white;
    return s;
}

void draw_arrow(QPainter& p, QPointF from, QPointF to, const QColor& color, qreal width) {
    const QPointF d = to - from;
    const qreal len = std::hypot(d.x(), d.y());
    if (len < 1)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    const qreal head = 6 + width;
    p.save();
    p.setPen(QPen(color, width));
    p.drawLine(from, to - u * head * 0.8);
    QPainterPath tip;
    tip.moveTo(to);
    tip.lineTo(to - u * head + n * head * 0.5);
    tip.lineTo(to - u * head - n * head * 0.5);
    tip.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(tip);
    p.restore();
}

QRectF draw_pips(QPainter& p, QPointF at, int total, int filled, qreal size, const QColor& color) {
    const qreal gap = size * 0.4;
    p.save();
    for (int i = 0; i < total; ++i) {
        const QRectF r(at.x() + i * (size + gap), at.y(), size, size);
        p.setPen(QPen(color, 1.2));
        p.setBrush(i < filled ? QBrush(color) : Qt::NoBrush);
        p.drawEllipse(r);
    }
    p.restore();
    return QRectF(at, QSizeF(total > 0 ? total * (size + gap) - gap : 0, size));
}

} // namespace il::ui
