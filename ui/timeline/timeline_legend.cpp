#include "timeline/timeline_legend.h"

#include "style/colors.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPolygon>

namespace il::ui {

namespace {
using analysis::LaneState;
using trace::WaitReason;

enum class Swatch { Bar, Strip, Arrow, Mark };

QPixmap swatch(const QColor& color, Swatch shape) {
    QPixmap pm(18, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    switch (shape) {
    case Swatch::Bar:
        p.fillRect(QRect(1, 1, 16, 10), color);
        break;
    case Swatch::Strip:
        p.fillRect(QRect(1, 8, 16, 4), color);
        break;
    case Swatch::Arrow:
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(color, 1.5));
        p.drawLine(QPointF(1, 6), QPointF(16, 6));
        p.drawLine(QPointF(16, 6), QPointF(12, 3));
        p.drawLine(QPointF(16, 6), QPointF(12, 9));
        break;
    case Swatch::Mark: // as the timeline draws it, on a bar
        p.fillRect(QRect(1, 1, 16, 10), state_color(LaneState::Running));
        p.setPen(QPen(mark_outline_color(), 0));
        p.setBrush(color);
        p.drawPolygon(QPolygon({{9, 2}, {13, 6}, {9, 10}, {5, 6}}));
        break;
    }
    return pm;
}

QWidget* item(const QColor& color, Swatch shape, const QString& text) {
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 8, 0);
    row->setSpacing(4);
    auto* icon = new QLabel;
    icon->setPixmap(swatch(color, shape));
    row->addWidget(icon);
    row->addWidget(new QLabel(text));
    return box;
}
} // namespace

TimelineLegend::TimelineLegend(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this)) {
    setObjectName("timelineLegend");
    grid_->setContentsMargins(4, 2, 4, 2);
    grid_->setHorizontalSpacing(4);
    grid_->setVerticalSpacing(2);
    populate();
}

void TimelineLegend::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::LanguageChange)
        populate();
}

void TimelineLegend::populate() {
    while (QLayoutItem* it = grid_->takeAt(0)) {
        delete it->widget();
        delete it;
    }
    int row = 0;
    auto heading = [&](const QString& text) {
        auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text));
        grid_->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
    };
    auto line = [&](const QList<QWidget*>& items) {
        auto* box = new QWidget;
        auto* h = new QHBoxLayout(box);
        h->setContentsMargins(0, 0, 0, 0);
        h->setSpacing(0);
        for (QWidget* w : items)
            h->addWidget(w);
        h->addStretch(1);
        grid_->addWidget(box, row++, 1);
    };

    heading(tr("States"));
    QList<QWidget*> states;
    for (LaneState s : {LaneState::Running, LaneState::Ready, LaneState::Sleeping,
                        LaneState::NotStarted, LaneState::Done})
        states << item(state_color(s), Swatch::Bar, state_label(s));
    states << item(lock_held_color(), Swatch::Strip, tr("Lock held"));
    // Under an event loop's lane the strip names the coroutine it runs, one hue each.
    states << item(loop_step_color(0), Swatch::Strip, tr("Loop runs a coroutine"));
    // A scenario's notes: a part's progress, a retry and why.
    states << item(mark_color(), Swatch::Mark, tr("Mark"));
    line(states);

    heading(tr("Blocked on"));
    // Reasons that share a colour appear once (queue put/get/join, join/future).
    QList<QWidget*> blocked;
    for (WaitReason r :
         {WaitReason::Lock, WaitReason::Semaphore, WaitReason::Condition, WaitReason::Event,
          WaitReason::QueueGet, WaitReason::Barrier, WaitReason::Join, WaitReason::Future,
          WaitReason::Io, WaitReason::Receive, WaitReason::Await})
        blocked << item(blocked_color(r), Swatch::Bar,
                        r == WaitReason::QueueGet ? tr("Queue") : wait_reason_label(r));
    line(blocked);

    heading(tr("Arrows"));
    QList<QWidget*> flows;
    for (analysis::FlowKind k :
         {analysis::FlowKind::ReleaseAcquire, analysis::FlowKind::NotifyWake,
          analysis::FlowKind::SetWake, analysis::FlowKind::PutGet,
          analysis::FlowKind::LaneEndJoined, analysis::FlowKind::SendReceive})
        flows << item(flow_color(k), Swatch::Arrow, flow_label(k));
    line(flows);
    grid_->setColumnStretch(1, 1);
}

} // namespace il::ui
