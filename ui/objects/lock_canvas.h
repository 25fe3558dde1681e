// The lock view's drawing surface: one row per object, a card (name, owner or
// holders and free permits) and its waiter queue as lane chips with arrows
// toward the card; the handoff token during an animation. Holds copies of
// the nodes it is given and a RunDataPtr for names; GUI thread only.
#pragma once

#include "objects/lock_scene.h"

#include <QWidget>

#include <vector>

namespace il::ui {

class LockCanvas : public QWidget {
    Q_OBJECT
public:
    explicit LockCanvas(QWidget* parent = nullptr);

    // The run the nodes come from (names, lanes).
    void setData(RunDataPtr data);
    void setNodes(std::vector<LockNode> nodes, std::int64_t t);
    void setSelectedObject(trace::ObjectId object);
    trace::ObjectId selectedObject() const { return selected_; }
    // While progress < 1, rows of the handed-over objects show `before` (the
    // state at the previous playhead) and a token travels from the releasing
    // lane's chip to the new owner's.
    void setHandoffs(std::vector<LockHandoff> handoffs, std::vector<LockNode> before);
    void setProgress(double progress);
    void clearHandoffs();
    // The token's position now (for tests and debugging); null when none.
    QPointF tokenPosition(std::size_t handoff) const;

    const std::vector<LockNode>& nodes() const { return nodes_; }
    QRect cardRect(trace::ObjectId object) const;
    QRect rowRect(trace::ObjectId object) const;
    QSize sizeHint() const override;

signals:
    void nodeClicked(trace::ObjectId object);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    // Where everything in one row goes; computed on demand from a node.
    struct RowLayout {
        QRectF row, card;
        QRectF owner;                // a lock's owner chip (or the free slot)
        std::vector<QRectF> holders; // semaphores, parallel to node.holders
        std::vector<QRectF> waiters; // parallel to node.waiters (shown ones)
        std::size_t hidden = 0;      // waiters that did not fit
        QPointF pips;                // semaphores: where the pips start
        QRectF lock_line;            // Condition: "uses lock M"
    };
    int row_of(trace::ObjectId object) const;
    const LockNode& shown(int row) const; // the before-node while animating
    RowLayout layout(int row, const LockNode& node) const;
    QString holder_text(const LockHolderItem& h, const LockNode& node) const;
    QString waiter_text(const LockWaiterItem& w) const;
    QString card_tooltip(const LockNode& node) const;
    QString tooltip_at(QPointF pos) const;
    void paint_row(QPainter& p, int row, const LockNode& node) const;
    void paint_card(QPainter& p, const RowLayout& l, const LockNode& node) const;
    void paint_queue(QPainter& p, const RowLayout& l, const LockNode& node) const;
    void paint_tokens(QPainter& p) const;

    RunDataPtr data_;
    std::vector<LockNode> nodes_;
    std::int64_t t_ = 0;
    trace::ObjectId selected_ = 0;
    std::vector<LockHandoff> handoffs_;
    std::vector<LockNode> before_; // parallel to handoffs_
    double progress_ = 1.0;
};

} // namespace il::ui
