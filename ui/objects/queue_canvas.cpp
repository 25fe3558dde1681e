#include "objects/queue_canvas.h"

#include "objects/object_paint.h"
#include "style/colors.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace il::ui {

namespace {
constexpr qreal kMargin = 8;
constexpr qreal kQueueH = 122;
constexpr qreal kPermitH = 28;
constexpr qreal kGap = 8;
constexpr qreal kHeaderH = 22;
constexpr qreal kChipH = 18;

QColor muted(const QPalette& pal) {
    return pal.color(QPalette::PlaceholderText);
}
QColor full_color() {
    return blocked_color(trace::WaitReason::QueuePut); // producers block
}
QColor empty_color() {
    return state_color(analysis::LaneState::Sleeping); // consumers idle
}
} // namespace

QueueCanvas::QueueCanvas(QWidget* parent) : QWidget(parent) {
    setObjectName("queueCanvas");
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void QueueCanvas::setData(RunDataPtr data) {
    data_ = std::move(data);
    cache_.clear();
    cache_width_ = -1;
}

void QueueCanvas::setGauges(std::vector<QueueGauge> queues, std::vector<PermitGauge> permits,
                            std::int64_t t) {
    const bool resized = queues.size() != queues_.size() || permits.size() != permits_.size();
    queues_ = std::move(queues);
    permits_ = std::move(permits);
    t_ = t;
    if (resized)
        setFixedHeight(sizeHint().height());
    update();
}

void QueueCanvas::setSelectedObject(trace::ObjectId object) {
    if (object != selected_) {
        selected_ = object;
        update();
    }
}

QSize QueueCanvas::sizeHint() const {
    qreal h = permits_top();
    if (!permits_.empty())
        h += kHeaderH + permits_.size() * (kPermitH + 4);
    return QSize(420, int(h + kMargin));
}

qreal QueueCanvas::permits_top() const {
    return queues_.empty() ? kMargin : kMargin + kHeaderH + queues_.size() * (kQueueH + kGap);
}

QRectF QueueCanvas::queue_row(std::size_t i) const {
    return QRectF(kMargin, kMargin + kHeaderH + i * (kQueueH + kGap),
                  std::max<qreal>(width() - 2 * kMargin, 300), kQueueH);
}
QRectF QueueCanvas::permit_row(std::size_t i) const {
    return QRectF(kMargin, permits_top() + kHeaderH + i * (kPermitH + 4),
                  std::max<qreal>(width() - 2 * kMargin, 300), kPermitH);
}
QRectF QueueCanvas::gauge_of(const QRectF& row) const {
    return QRectF(row.left() + 10, row.top() + 28, row.width() - 20, 20);
}
QRectF QueueCanvas::items_of(const QRectF& row) const {
    return QRectF(row.left() + 10, row.top() + 54, row.width() - 20, kChipH);
}
QRectF QueueCanvas::spark_of(const QRectF& row) const {
    return QRectF(row.left() + 10, row.top() + 80, row.width() - 20, 34);
}

static int index_of(const std::vector<QueueGauge>& v, trace::ObjectId o) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].object == o)
            return int(i);
    return -1;
}

QRect QueueCanvas::rowRect(trace::ObjectId object) const {
    const int i = index_of(queues_, object);
    if (i >= 0)
        return queue_row(std::size_t(i)).toAlignedRect();
    for (std::size_t k = 0; k < permits_.size(); ++k)
        if (permits_[k].object == object)
            return permit_row(k).toAlignedRect();
    return {};
}
QRect QueueCanvas::gaugeRect(trace::ObjectId object) const {
    const int i = index_of(queues_, object);
    return i < 0 ? QRect() : gauge_of(queue_row(std::size_t(i))).toAlignedRect();
}
QRect QueueCanvas::sparklineRect(trace::ObjectId object) const {
    const int i = index_of(queues_, object);
    return i < 0 ? QRect() : spark_of(queue_row(std::size_t(i))).toAlignedRect();
}

std::int64_t QueueCanvas::timeAt(qreal x) const {
    if (!data_ || queues_.empty())
        return 0;
    const QRectF r = spark_of(queue_row(0));
    const auto& range = data_->summary.range;
    const double f = std::clamp((x - r.left()) / std::max<qreal>(r.width(), 1), 0.0, 1.0);
    return range.begin + std::int64_t(f * double(range.length()));
}

const std::vector<QueueCanvas::Column>& QueueCanvas::columns(std::size_t queue, int w) const {
    if (w != cache_width_) {
        cache_.clear();
        cache_width_ = w;
    }
    if (cache_.size() <= queue)
        cache_.resize(queues_.size());
    std::vector<Column>& cols = cache_[queue];
    if (!cols.empty() || w <= 0 || !queues_[queue].series)
        return cols;
    // Min and max level per pixel column: one pass over the series, each
    // value spread over the columns its step covers.
    const analysis::LevelSeries& s = *queues_[queue].series;
    const auto& range = data_->summary.range;
    const double len = std::max<double>(double(range.length()), 1.0);
    auto col = [&](std::int64_t t) {
        return std::clamp(int(double(t - range.begin) / len * w), 0, w - 1);
    };
    cols.assign(std::size_t(w), {INT64_MAX, INT64_MIN});
    for (std::size_t k = 0; k < s.points.size(); ++k) {
        const std::int64_t until = k + 1 < s.points.size() ? s.points[k + 1].t : s.t_end;
        for (int c = col(s.points[k].t), e = col(until); c <= e; ++c) {
            cols[std::size_t(c)].lo = std::min(cols[std::size_t(c)].lo, s.points[k].value);
            cols[std::size_t(c)].hi = std::max(cols[std::size_t(c)].hi, s.points[k].value);
        }
    }
    for (Column& c : cols)
        if (c.lo > c.hi)
            c = {0, 0};
    return cols;
}

void QueueCanvas::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(event->rect(), palette().color(QPalette::Window));
    if (!data_)
        return;
    QFont bold = font();
    bold.setBold(true);
    if (!queues_.empty()) {
        p.setFont(bold);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(kMargin, kMargin, 300, kHeaderH), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Queues"));
        p.setFont(font());
    }
    for (std::size_t i = 0; i < queues_.size(); ++i)
        if (queue_row(i).toAlignedRect().intersects(event->rect()))
            paint_queue(p, i);
    if (!permits_.empty()) {
        p.setFont(bold);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(kMargin, permits_top(), 300, kHeaderH), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Semaphores: free permits"));
        p.setFont(font());
    }
    for (std::size_t i = 0; i < permits_.size(); ++i)
        paint_permit(p, i);
}

void QueueCanvas::paint_queue(QPainter& p, std::size_t i) const {
    const QPalette& pal = palette();
    const QueueGauge& g = queues_[i];
    const QRectF row = queue_row(i);
    const trace::ObjectInfo* info = data_->snapshot.object(g.object);
    p.save();
    p.setPen(g.object == selected_ ? QPen(selection_color(), 3) : QPen(pal.color(QPalette::Mid)));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(row.adjusted(1, 1, -1, -1), 8, 8);

    // Title line: name, order, fill in words.
    const QRectF title(row.left() + 10, row.top() + 4, row.width() - 20, 20);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter, object_text(data_->snapshot, g.object));
    p.setFont(font());
    const QString order =
        info ? queue_order_text(static_cast<trace::QueueOrder>(info->detail)) : QString();
    QString fill = g.capacity > 0 ? tr("%1 / %2 items").arg(g.level).arg(g.capacity)
                                  : tr("%1 items (unbounded)").arg(g.level);
    if (g.full)
        fill += " · " + tr("full");
    else if (g.empty)
        fill += " · " + tr("empty");
    p.setPen(g.full ? full_color() : (g.empty ? empty_color() : muted(pal)));
    p.drawText(title, Qt::AlignRight | Qt::AlignVCenter, order + " · " + fill);

    // The gauge.
    const QRectF gauge = gauge_of(row);
    p.setPen(QPen(g.full ? full_color() : (g.empty ? empty_color() : pal.color(QPalette::Mid)),
                  g.full || g.empty ? 2 : 1));
    p.setBrush(pal.color(QPalette::AlternateBase));
    p.drawRoundedRect(gauge, 4, 4);
    const double frac =
        std::clamp(double(g.level) / double(std::max<std::int64_t>(g.scale, 1)), 0.0, 1.0);
    if (frac > 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(g.full ? full_color() : pal.color(QPalette::Highlight));
        p.drawRoundedRect(QRectF(gauge.topLeft(), QSizeF(gauge.width() * frac, gauge.height()))
                              .adjusted(1, 1, -1, -1),
                          3, 3);
    }
    if (g.capacity > 0 && g.capacity <= 64) { // slot ticks for small queues
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        for (std::int64_t k = 1; k < g.capacity; ++k) {
            const qreal x = gauge.left() + gauge.width() * double(k) / double(g.capacity);
            p.drawLine(QPointF(x, gauge.top() + 3), QPointF(x, gauge.bottom() - 3));
        }
    }

    // Items, next out first.
    const QRectF items = items_of(row);
    const QFontMetricsF fm(font());
    qreal x = items.left();
    p.setPen(muted(pal));
    if (g.items.empty()) {
        p.drawText(items, Qt::AlignLeft | Qt::AlignVCenter, tr("no items"));
    } else {
        const QString next = tr("next out:");
        p.drawText(items, Qt::AlignLeft | Qt::AlignVCenter, next);
        x += fm.horizontalAdvance(next) + 6;
        ChipStyle st;
        st.fill = flow_color(analysis::FlowKind::PutGet);
        st.text = st.fill.lightness() > 140 ? Qt::black : Qt::white;
        std::size_t shown = 0;
        for (std::int64_t seq : g.items) {
            const QString text = tr("#%1").arg(seq);
            if (x + chip_width(fm, text) > items.right() - 60)
                break;
            x = draw_chip(p, QPointF(x, items.top()), kChipH, text, st).right() + 4;
            ++shown;
        }
        if (shown < g.count) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(x + 4, items.top(), items.right() - x, kChipH),
                       Qt::AlignLeft | Qt::AlignVCenter, tr("+%1 more").arg(g.count - shown));
        }
    }
    paint_sparkline(p, i, spark_of(row));
    p.restore();
}

void QueueCanvas::paint_sparkline(QPainter& p, std::size_t i, const QRectF& r) const {
    const QPalette& pal = palette();
    const QueueGauge& g = queues_[i];
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::AlternateBase));
    p.drawRect(r);
    const int w = int(r.width());
    const std::vector<Column>& cols = columns(i, w);
    const double scale = double(std::max<std::int64_t>(g.scale, 1));
    // The area under the level, lightly, then its min..max per column.
    QColor line = pal.color(QPalette::Highlight);
    QColor area = line;
    area.setAlpha(60);
    for (int c = 0; c < int(cols.size()); ++c) {
        const qreal x = r.left() + c + 0.5;
        const qreal y0 =
            r.bottom() - r.height() * std::min(1.0, double(cols[std::size_t(c)].lo) / scale);
        const qreal y1 =
            r.bottom() - r.height() * std::min(1.0, double(cols[std::size_t(c)].hi) / scale);
        p.setPen(QPen(area, 1));
        p.drawLine(QPointF(x, r.bottom()), QPointF(x, y0));
        p.setPen(QPen(line, 1));
        p.drawLine(QPointF(x, std::max(y0, y1 + 1)), QPointF(x, y1));
    }
    if (g.capacity > 0) { // the capacity line: reaching it blocks producers
        p.setPen(QPen(full_color(), 1, Qt::DashLine));
        p.drawLine(r.topLeft(), r.topRight());
    }
    const auto& range = data_->summary.range;
    if (range.length() > 0) {
        const qreal x = r.left() + r.width() * double(t_ - range.begin) / double(range.length());
        p.setPen(QPen(playhead_color(), 1.5));
        p.drawLine(QPointF(x, r.top() - 2), QPointF(x, r.bottom() + 2));
    }
}

void QueueCanvas::paint_permit(QPainter& p, std::size_t i) const {
    const QPalette& pal = palette();
    const PermitGauge& g = permits_[i];
    const QRectF row = permit_row(i);
    p.save();
    p.setPen(g.object == selected_ ? selection_color() : pal.color(QPalette::Text));
    const QRectF name(row.left() + 4, row.top(), 180, row.height());
    p.drawText(name, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(font()).elidedText(object_text(data_->snapshot, g.object),
                                                Qt::ElideRight, name.width()));
    const QRectF bar(name.right() + 8, row.top() + 7, std::max<qreal>(row.width() - 340, 60),
                     row.height() - 14);
    const std::int64_t total = std::max(g.capacity, g.free);
    const bool none = g.free == 0;
    p.setPen(QPen(none ? blocked_color(trace::WaitReason::Semaphore) : pal.color(QPalette::Mid)));
    p.setBrush(pal.color(QPalette::AlternateBase));
    p.drawRoundedRect(bar, 3, 3);
    if (total > 0 && g.free > 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(state_color(analysis::LaneState::Running));
        p.drawRoundedRect(QRectF(bar.topLeft(),
                                 QSizeF(bar.width() * double(g.free) / double(total), bar.height()))
                              .adjusted(1, 1, -1, -1),
                          2, 2);
    }
    p.setPen(none ? blocked_color(trace::WaitReason::Semaphore) : muted(pal));
    p.drawText(QRectF(bar.right() + 8, row.top(), 150, row.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("%1 of %2 free").arg(g.free).arg(g.capacity));
    p.restore();
}

void QueueCanvas::mousePressEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    for (std::size_t i = 0; i < queues_.size(); ++i)
        if (spark_of(queue_row(i)).adjusted(0, -3, 0, 3).contains(pos)) {
            emit timeClicked(timeAt(pos.x()));
            return;
        }
    QWidget::mousePressEvent(event);
}

QString QueueCanvas::tooltip_at(QPointF pos) const {
    for (std::size_t i = 0; i < queues_.size(); ++i) {
        const QRectF row = queue_row(i);
        if (!row.contains(pos))
            continue;
        const QueueGauge& g = queues_[i];
        const QString name = object_text(data_->snapshot, g.object);
        if (spark_of(row).contains(pos) && g.series) {
            const std::int64_t t = timeAt(pos.x());
            return tr("%1 held %2 items at %3 (click to move the playhead there)")
                .arg(name)
                .arg(analysis::value_at(*g.series, t))
                .arg(duration_text(t - data_->summary.range.begin));
        }
        if (items_of(row).contains(pos))
            return tr("Items in %1 by sequence number, the next to leave first").arg(name);
        QString tip = g.capacity > 0
                          ? tr("%1 holds %2 of %3 items").arg(name).arg(g.level).arg(g.capacity)
                          : tr("%1 holds %2 items (unbounded)").arg(name).arg(g.level);
        if (g.series) {
            const auto len = std::max<std::int64_t>(data_->summary.range.length(), 1);
            if (g.capacity > 0)
                tip += "<br>" + tr("Full %1% of the run, empty %2%")
                                    .arg(100 * g.series->time_full_ns / len)
                                    .arg(100 * g.series->time_empty_ns / len);
            tip +=
                "<br>" +
                tr("At most %1, on average %2").arg(g.series->max).arg(g.series->mean, 0, 'f', 1);
        }
        return tip;
    }
    for (std::size_t i = 0; i < permits_.size(); ++i)
        if (permit_row(i).contains(pos))
            return tr("%1: %2 of %3 permits free")
                .arg(object_text(data_->snapshot, permits_[i].object))
                .arg(permits_[i].free)
                .arg(permits_[i].capacity);
    return {};
}

bool QueueCanvas::event(QEvent* event) {
    if (data_ && show_tooltip(this, event, [this](QPoint pos) { return tooltip_at(pos); }))
        return true;
    return QWidget::event(event);
}

void QueueCanvas::resizeEvent(QResizeEvent* event) {
    cache_width_ = -1; // sparkline columns follow the width
    QWidget::resizeEvent(event);
}

} // namespace il::ui
