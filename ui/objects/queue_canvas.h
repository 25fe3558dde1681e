// The queue view's drawing surface: per queue a fill gauge, the items in it
// (next out first) and a sparkline of its level over the whole run with the
// playhead; per semaphore a small free-permits gauge. Holds copies of the
// gauges it is given, a RunDataPtr for names and levels, and a per-width
// sparkline cache; GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QWidget>

#include <cstdint>
#include <vector>

namespace il::ui {

struct QueueGauge {
    trace::ObjectId object = 0;
    std::int64_t level = 0;
    std::int64_t capacity = 0; // 0: unbounded
    std::int64_t scale = 1;    // capacity, or the most it ever held when unbounded
    bool full = false;         // bounded and at capacity
    bool empty = false;
    std::vector<std::int64_t> items; // sequence numbers, next out first (maybe cut)
    std::size_t count = 0;           // items in all
    const analysis::LevelSeries* series = nullptr;
};

struct PermitGauge {
    trace::ObjectId object = 0;
    std::int64_t free = 0;
    std::int64_t capacity = 0;
};

class QueueCanvas : public QWidget {
    Q_OBJECT
public:
    explicit QueueCanvas(QWidget* parent = nullptr);

    void setData(RunDataPtr data);
    void setGauges(std::vector<QueueGauge> queues, std::vector<PermitGauge> permits,
                   std::int64_t t);
    void setSelectedObject(trace::ObjectId object);
    trace::ObjectId selectedObject() const { return selected_; }

    const std::vector<QueueGauge>& queues() const { return queues_; }
    const std::vector<PermitGauge>& permits() const { return permits_; }
    QRect gaugeRect(trace::ObjectId object) const;
    QRect sparklineRect(trace::ObjectId object) const;
    QRect rowRect(trace::ObjectId object) const;
    // The trace time at x on a sparkline.
    std::int64_t timeAt(qreal x) const;
    QSize sizeHint() const override;

signals:
    void timeClicked(qint64 t);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Column {
        std::int64_t lo = 0, hi = 0;
    };
    QRectF queue_row(std::size_t i) const;
    QRectF permit_row(std::size_t i) const;
    QRectF gauge_of(const QRectF& row) const;
    QRectF items_of(const QRectF& row) const;
    QRectF spark_of(const QRectF& row) const;
    qreal permits_top() const;
    const std::vector<Column>& columns(std::size_t queue, int width) const;
    void paint_queue(QPainter& p, std::size_t i) const;
    void paint_sparkline(QPainter& p, std::size_t i, const QRectF& r) const;
    void paint_permit(QPainter& p, std::size_t i) const;
    QString tooltip_at(QPointF pos) const;

    RunDataPtr data_;
    std::vector<QueueGauge> queues_;
    std::vector<PermitGauge> permits_;
    std::int64_t t_ = 0;
    trace::ObjectId selected_ = 0;
    // Per queue: min/max level per sparkline pixel column, for cache_width_.
    mutable std::vector<std::vector<Column>> cache_;
    mutable int cache_width_ = -1;
};

} // namespace il::ui
