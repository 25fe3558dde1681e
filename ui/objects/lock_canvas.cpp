#include "objects/lock_canvas.h"

#include "objects/object_paint.h"
#include "style/colors.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace il::ui {

namespace {
constexpr qreal kMargin = 8;
constexpr qreal kRowH = 84;
constexpr qreal kGap = 8;
constexpr qreal kCardW = 260;
constexpr qreal kQueueGap = 40; // between the card and the first waiter
constexpr qreal kChipH = 20;
constexpr qreal kChipGap = 22; // room for an arrow between chips
constexpr qreal kTokenR = 7;

QColor muted(const QPalette& pal) {
    return pal.color(QPalette::PlaceholderText);
}
double ease(double x) {
    return x < 0.5 ? 2 * x * x : 1 - std::pow(-2 * x + 2, 2) / 2;
}
} // namespace

LockCanvas::LockCanvas(QWidget* parent) : QWidget(parent) {
    setObjectName("lockCanvas");
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LockCanvas::setData(RunDataPtr data) {
    data_ = std::move(data);
}

void LockCanvas::setNodes(std::vector<LockNode> nodes, std::int64_t t) {
    const bool resized = nodes.size() != nodes_.size();
    nodes_ = std::move(nodes);
    t_ = t;
    if (resized) {
        setFixedHeight(sizeHint().height());
        updateGeometry();
    }
    update();
}

void LockCanvas::setSelectedObject(trace::ObjectId object) {
    if (object == selected_)
        return;
    selected_ = object;
    update();
}

void LockCanvas::setHandoffs(std::vector<LockHandoff> handoffs, std::vector<LockNode> before) {
    handoffs_ = std::move(handoffs);
    before_ = std::move(before);
    progress_ = 0;
    update();
}

void LockCanvas::setProgress(double progress) {
    progress_ = std::clamp(progress, 0.0, 1.0);
    update();
}

void LockCanvas::clearHandoffs() {
    handoffs_.clear();
    before_.clear();
    progress_ = 1.0;
    update();
}

QSize LockCanvas::sizeHint() const {
    const qreal h = 2 * kMargin + nodes_.size() * (kRowH + kGap);
    return QSize(int(kCardW + kQueueGap + 260), int(std::max<qreal>(h, 40)));
}

int LockCanvas::row_of(trace::ObjectId object) const {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].object == object)
            return int(i);
    return -1;
}

const LockNode& LockCanvas::shown(int row) const {
    const LockNode& now = nodes_[std::size_t(row)];
    if (progress_ < 1.0)
        for (const LockNode& b : before_)
            if (b.object == now.object)
                return b;
    return now;
}

QRect LockCanvas::rowRect(trace::ObjectId object) const {
    const int row = row_of(object);
    if (row < 0)
        return {};
    return layout(row, nodes_[std::size_t(row)]).row.toAlignedRect();
}

QRect LockCanvas::cardRect(trace::ObjectId object) const {
    const int row = row_of(object);
    if (row < 0)
        return {};
    return layout(row, nodes_[std::size_t(row)]).card.toAlignedRect();
}

QString LockCanvas::holder_text(const LockHolderItem& h, const LockNode& node) const {
    QString name = lane_text(data_->snapshot, h.lane);
    if (h.count > 1)
        return node.counting() ? tr("%1 ×%2").arg(name).arg(h.count)
                               : tr("%1 depth %2").arg(name).arg(h.count);
    return name;
}

QString LockCanvas::waiter_text(const LockWaiterItem& w) const {
    const QString name = lane_text(data_->snapshot, w.lane);
    if (w.woken)
        return tr("%1 · woken").arg(name);
    return tr("%1 · %2").arg(name, duration_text(w.waited_ns));
}

LockCanvas::RowLayout LockCanvas::layout(int row, const LockNode& node) const {
    RowLayout l;
    const qreal y = kMargin + row * (kRowH + kGap);
    l.row = QRectF(kMargin, y, std::max<qreal>(width() - 2 * kMargin, kCardW + 80), kRowH);
    l.card = QRectF(l.row.left(), y, kCardW, kRowH);
    const QFontMetricsF fm(font());
    const qreal line2 = y + 30;
    const qreal line3 = y + 56;
    const qreal x0 = l.card.left() + 10;
    if (node.counting()) {
        l.pips = QPointF(x0, line2 + 4);
        qreal x = x0;
        for (const LockHolderItem& h : node.holders) {
            const qreal w = chip_width(fm, holder_text(h, node));
            l.holders.emplace_back(x, line3, w, kChipH);
            x += w + 4;
        }
    } else if (node.kind == trace::ObjectKind::Condition) {
        l.lock_line = QRectF(x0, line2, kCardW - 20, kChipH);
        const qreal w = node.lock_owner
                            ? chip_width(fm, lane_text(data_->snapshot, node.lock_owner))
                            : fm.horizontalAdvance(tr("nobody")) + 4;
        l.owner = QRectF(x0 + fm.horizontalAdvance(tr("lock held by")) + 6, line3, w, kChipH);
    } else {
        const QString label = tr("held by");
        const qreal x = x0 + fm.horizontalAdvance(label) + 6;
        const qreal w = node.owner
                            ? chip_width(fm, holder_text({node.owner, 0, node.depth, false}, node))
                            : fm.horizontalAdvance(tr("nobody (free)")) + 4;
        l.owner = QRectF(x, line2, w, kChipH);
    }
    // The queue: first arrival nearest the card.
    qreal x = l.card.right() + kQueueGap;
    const qreal qy = y + (kRowH - kChipH) / 2;
    const qreal right = l.row.right() - 70; // room for "+N more"
    for (std::size_t i = 0; i < node.waiters.size(); ++i) {
        const qreal w = chip_width(fm, waiter_text(node.waiters[i]));
        if (i > 0 && x + w > right) {
            l.hidden = node.waiters.size() - i;
            break;
        }
        l.waiters.emplace_back(x, qy, w, kChipH);
        x += w + kChipGap;
    }
    return l;
}

void LockCanvas::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(event->rect(), palette().color(QPalette::Window));
    if (!data_)
        return;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        const qreal y = kMargin + i * (kRowH + kGap);
        if (y > event->rect().bottom() || y + kRowH < event->rect().top())
            continue;
        paint_row(p, int(i), shown(int(i)));
    }
    if (progress_ < 1.0)
        paint_tokens(p);
}

void LockCanvas::paint_row(QPainter& p, int row, const LockNode& node) const {
    const RowLayout l = layout(row, node);
    paint_card(p, l, node);
    paint_queue(p, l, node);
}

void LockCanvas::paint_card(QPainter& p, const RowLayout& l, const LockNode& node) const {
    const QPalette& pal = palette();
    const bool selected = node.object == selected_;
    QColor fill = pal.color(QPalette::Base);
    QPen border(pal.color(QPalette::Mid), 1);
    if (node.in_deadlock) {
        QColor tint = deadlock_color();
        tint.setAlpha(40);
        fill = tint;
        border = QPen(deadlock_color(), 2.5);
    }
    if (selected)
        border = QPen(selection_color(), 3);
    p.save();
    p.setPen(border);
    p.setBrush(fill);
    p.drawRoundedRect(l.card.adjusted(1, 1, -1, -1), 8, 8);
    if (node.in_deadlock && !selected)
        p.setPen(deadlock_color());
    else
        p.setPen(pal.color(QPalette::Text));

    // Title: name, and the kind in a muted colour on the right.
    const QRectF title(l.card.left() + 10, l.card.top() + 6, kCardW - 20, 20);
    QFont bold = p.font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(bold).elidedText(QString::fromStdString(node.name), Qt::ElideRight,
                                              kCardW - 110));
    p.setFont(font());
    p.setPen(muted(pal));
    p.drawText(title, Qt::AlignRight | Qt::AlignVCenter, object_kind_text(node.kind));

    const qreal x0 = l.card.left() + 10;
    const trace::Snapshot& s = data_->snapshot;
    if (node.counting()) {
        const std::int64_t total = std::max(node.capacity, node.free_permits);
        const QString text = tr("%1 of %2 free").arg(node.free_permits).arg(node.capacity);
        qreal x = x0;
        if (total > 0 && total <= 16) {
            const QColor c = node.free_permits == 0 ? blocked_color(trace::WaitReason::Semaphore)
                                                    : state_color(analysis::LaneState::Running);
            x = draw_pips(p, l.pips, int(total), int(node.free_permits), 12, c).right() + 8;
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(x, l.pips.y() - 4, l.card.right() - x - 8, kChipH),
                   Qt::AlignLeft | Qt::AlignVCenter, text);
        for (std::size_t i = 0; i < node.holders.size(); ++i) {
            ChipStyle st = lane_chip_style(node.holders[i].lane);
            if (node.holders[i].in_cycle)
                st.border = deadlock_color();
            draw_chip(p, l.holders[i].topLeft(), kChipH, holder_text(node.holders[i], node), st);
        }
        if (node.holders.empty()) {
            p.setPen(muted(pal));
            p.drawText(QRectF(x0, l.card.top() + 56, kCardW - 20, kChipH),
                       Qt::AlignLeft | Qt::AlignVCenter, tr("no permits held"));
        }
    } else {
        const bool condition = node.kind == trace::ObjectKind::Condition;
        if (condition) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(l.lock_line, Qt::AlignLeft | Qt::AlignVCenter,
                       tr("uses lock %1").arg(object_text(s, node.lock)));
        }
        const trace::LaneId owner = condition ? node.lock_owner : node.owner;
        p.setPen(muted(pal));
        p.drawText(QRectF(x0, l.owner.top(), l.owner.left() - x0, kChipH),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   condition ? tr("lock held by") : tr("held by"));
        if (owner) {
            ChipStyle st = lane_chip_style(owner);
            if (!node.holders.empty() && node.holders.front().in_cycle)
                st.border = deadlock_color();
            const QString text =
                condition ? lane_text(s, owner) : holder_text({owner, 0, node.depth, false}, node);
            draw_chip(p, l.owner.topLeft(), kChipH, text, st);
            if (!condition && !node.holders.empty()) {
                p.setPen(muted(pal));
                p.drawText(QRectF(x0, l.card.top() + 56, kCardW - 20, kChipH),
                           Qt::AlignLeft | Qt::AlignVCenter,
                           tr("for %1").arg(duration_text(t_ - node.holders.front().since)));
            }
        } else {
            p.drawText(l.owner, Qt::AlignLeft | Qt::AlignVCenter,
                       condition ? tr("nobody") : tr("nobody (free)"));
        }
    }
    p.restore();
}

void LockCanvas::paint_queue(QPainter& p, const RowLayout& l, const LockNode& node) const {
    const QPalette& pal = palette();
    p.save();
    p.setPen(muted(pal));
    const QRectF label(l.card.right() + kQueueGap, l.row.top() + 4, 300, 16);
    if (node.waiters.empty()) {
        p.drawText(label.translated(0, (kRowH - 24) / 2), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("no one waiting"));
        p.restore();
        return;
    }
    p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
               node.kind == trace::ObjectKind::Condition
                   ? tr("waiting for a notify (%1)").arg(node.waiters.size())
                   : tr("waiting, first come first (%1)").arg(node.waiters.size()));
    const QColor wait_color = blocked_color(
        node.kind == trace::ObjectKind::Condition
            ? trace::WaitReason::Condition
            : (node.counting() ? trace::WaitReason::Semaphore : trace::WaitReason::Lock));
    for (std::size_t i = 0; i < l.waiters.size(); ++i) {
        const LockWaiterItem& w = node.waiters[i];
        const QRectF& r = l.waiters[i];
        const QPointF to = i == 0 ? QPointF(l.card.right() + 2, r.center().y())
                                  : QPointF(l.waiters[i - 1].right() + 2, r.center().y());
        const QColor arrow = w.in_cycle ? deadlock_color() : wait_color;
        draw_arrow(p, QPointF(r.left() - 2, r.center().y()), to, arrow, w.in_cycle ? 2.5 : 1.5);
        ChipStyle st = lane_chip_style(w.lane);
        if (w.in_cycle)
            st.border = deadlock_color();
        if (w.woken)
            st.opacity = 0.5;
        draw_chip(p, r.topLeft(), kChipH, waiter_text(w), st);
    }
    if (l.hidden > 0) {
        p.setPen(pal.color(QPalette::Text));
        const qreal x = l.waiters.back().right() + 8;
        p.drawText(QRectF(x, l.waiters.back().top(), l.row.right() - x, kChipH),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("+%1 more").arg(l.hidden));
    }
    p.restore();
}

QPointF LockCanvas::tokenPosition(std::size_t k) const {
    if (k >= handoffs_.size() || k >= before_.size() || progress_ >= 1.0)
        return {};
    const LockHandoff& h = handoffs_[k];
    const int row = row_of(h.object);
    if (row < 0)
        return {};
    const LockNode& b = before_[k];
    const RowLayout l = layout(row, b);
    // From the releasing lane's chip (or the owner slot it left) ...
    QPointF from = l.owner.isNull() ? l.pips : l.owner.center();
    for (std::size_t i = 0; i < b.holders.size() && i < l.holders.size(); ++i)
        if (b.holders[i].lane == h.from)
            from = l.holders[i].center();
    // ... to the new owner's chip in the queue (or where the queue begins).
    QPointF to(l.card.right() + kQueueGap + 20, l.row.center().y());
    for (std::size_t i = 0; i < b.waiters.size() && i < l.waiters.size(); ++i)
        if (b.waiters[i].lane == h.to) {
            to = l.waiters[i].center();
            break;
        }
    const double e = ease(progress_);
    return from + (to - from) * e;
}

void LockCanvas::paint_tokens(QPainter& p) const {
    p.save();
    for (std::size_t k = 0; k < handoffs_.size(); ++k) {
        const QPointF c = tokenPosition(k);
        if (c.isNull())
            continue;
        p.setPen(QPen(lane_color(handoffs_[k].to), 2.5));
        p.setBrush(lock_held_color());
        p.drawEllipse(c, kTokenR, kTokenR);
    }
    p.restore();
}

void LockCanvas::mousePressEvent(QMouseEvent* event) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        const RowLayout l = layout(int(i), nodes_[i]);
        if (l.card.contains(event->position())) {
            emit nodeClicked(nodes_[i].object);
            return;
        }
        for (const QRectF& r : l.waiters)
            if (r.contains(event->position())) {
                emit nodeClicked(nodes_[i].object);
                return;
            }
    }
    QWidget::mousePressEvent(event);
}

QString LockCanvas::card_tooltip(const LockNode& n) const {
    const trace::Snapshot& s = data_->snapshot;
    QString tip =
        QString("<b>%1</b> — %2")
            .arg(QString::fromStdString(n.name).toHtmlEscaped(), object_kind_text(n.kind));
    if (n.counting()) {
        tip += "<br>" + tr("%1 of %2 permits free").arg(n.free_permits).arg(n.capacity);
        for (const LockHolderItem& h : n.holders)
            tip += "<br>" + tr("%1 holds %n permit(s) for %2", "", h.count)
                                .arg(lane_text(s, h.lane), duration_text(t_ - h.since));
    } else if (n.kind == trace::ObjectKind::Condition) {
        tip += "<br>" + tr("Uses lock %1, held by %2")
                            .arg(object_text(s, n.lock),
                                 n.lock_owner ? lane_text(s, n.lock_owner) : tr("nobody"));
    } else if (n.owner) {
        tip += "<br>" + tr("Held by %1 for %2")
                            .arg(lane_text(s, n.owner),
                                 duration_text(t_ - (n.holders.empty() ? t_ : n.holders[0].since)));
        if (n.kind == trace::ObjectKind::RLock)
            tip += "<br>" + tr("Re-entered to depth %1").arg(n.depth);
    } else {
        tip += "<br>" + tr("Free");
    }
    tip += "<br>" + tr("%n lane(s) waiting", "", int(n.waiters.size()));
    if (n.in_deadlock)
        tip += "<br><span style='color:" + deadlock_color().name() + "'>" +
               tr("Part of a deadlock cycle") + "</span>";
    tip += "<br><i>" + tr("Click to select its latest event") + "</i>";
    return tip;
}

QString LockCanvas::tooltip_at(QPointF pos) const {
    const trace::Snapshot& s = data_->snapshot;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        const LockNode& n = nodes_[i];
        const RowLayout l = layout(int(i), n);
        if (!l.row.contains(pos))
            continue;
        for (std::size_t k = 0; k < l.waiters.size(); ++k) {
            if (!l.waiters[k].contains(pos))
                continue;
            const LockWaiterItem& w = n.waiters[k];
            QString tip =
                w.woken ? tr("%1 was notified and is about to run again").arg(lane_text(s, w.lane))
                        : tr("%1 has waited %2 for %3 (number %4 in the queue)")
                              .arg(lane_text(s, w.lane), duration_text(w.waited_ns),
                                   QString::fromStdString(n.name))
                              .arg(k + 1);
            if (w.in_cycle)
                tip += "<br>" + tr("This wait is part of the deadlock cycle");
            return tip;
        }
        for (std::size_t k = 0; k < l.holders.size(); ++k)
            if (l.holders[k].contains(pos))
                return tr("%1 holds %n permit(s) since %2 ago", "", n.holders[k].count)
                    .arg(lane_text(s, n.holders[k].lane), duration_text(t_ - n.holders[k].since));
        return card_tooltip(n);
    }
    return {};
}

bool LockCanvas::event(QEvent* event) {
    if (data_ && show_tooltip(this, event, [this](QPoint pos) { return tooltip_at(pos); }))
        return true;
    return QWidget::event(event);
}

} // namespace il::ui
