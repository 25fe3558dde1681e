#include "timeline/timeline_view.h"

#include "style/colors.h"
#include "style/units.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_ruler.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace il::ui {

namespace {
constexpr int kNamesWidth = 170;
constexpr int kRulerHeight = 24;
constexpr int kDragThreshold = 4;  // pixels a press may wander and still be a click
constexpr double kWheelStep = 0.8; // window factor per wheel notch (120 units)
} // namespace

TimelineView::TimelineView(RunModel* model, TimeWindow* window, QWidget* parent)
    : QWidget(parent), model_(model), window_(window), vbar_(new QScrollBar(Qt::Vertical, this)) {
    setObjectName("timelineView");
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::OpenHandCursor);
    vbar_->setObjectName("timelineScrollBar");
    vbar_->hide();
    connect(vbar_, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    connect(model_, &RunModel::dataChanged, this, &TimelineView::rebuild);
    connect(window_, &TimeWindow::rangeChanged, this, qOverload<>(&QWidget::update));
    connect(window_, &TimeWindow::windowChanged, this, qOverload<>(&QWidget::update));
    connect(window_, &TimeWindow::playheadChanged, this, qOverload<>(&QWidget::update));
    connect(window_, &TimeWindow::selectionChanged, this, qOverload<>(&QWidget::update));
    rebuild();
}

QSize TimelineView::sizeHint() const {
    return {900, 400};
}

QSize TimelineView::minimumSizeHint() const {
    return {kNamesWidth + 100, kRulerHeight + 60};
}

void TimelineView::rebuild() {
    data_ = model_->data();
    // O(n) once per RunData; every frame after is O(W log n).
    lods_ = build_lane_lods(data_->snapshot, data_->summary);
    relayout();
}

void TimelineView::relayout() {
    layout_ = TimelineLayout(data_->snapshot, collapsed_);
    update_scrollbar();
    update();
}

void TimelineView::setCollapsed(std::int32_t pid, bool collapsed) {
    if (collapsed == isCollapsed(pid))
        return;
    if (collapsed)
        collapsed_.insert(pid);
    else
        collapsed_.erase(pid);
    relayout();
}

QRect TimelineView::laneArea() const {
    return scene().lane_area();
}

QRect TimelineView::rulerArea() const {
    return scene().ruler_area();
}

TimelineScene TimelineView::scene() const {
    TimelineScene s;
    s.snapshot = &data_->snapshot;
    s.summary = &data_->summary;
    s.lods = &lods_;
    s.layout = &layout_;
    s.t0 = window_->windowStart();
    s.t1 = window_->windowEnd();
    s.origin = data_->summary.range.begin;
    s.playhead = window_->playhead();
    s.selected = window_->selectedRecord();
    s.area = rect();
    if (vbar_->isVisible())
        s.area.setWidth(width() - vbar_->width());
    s.names_width = kNamesWidth;
    s.ruler_height = kRulerHeight;
    s.scroll = vbar_->isVisible() ? vbar_->value() : 0;
    return s;
}

void TimelineView::update_scrollbar() {
    const int visible = height() - kRulerHeight;
    const int excess = layout_.height() - visible;
    vbar_->setGeometry(width() - vbar_->sizeHint().width(), kRulerHeight, vbar_->sizeHint().width(),
                       std::max(0, visible));
    vbar_->setVisible(excess > 0);
    vbar_->setRange(0, std::max(0, excess)); // clamps the value: the scroll survives updates
    vbar_->setPageStep(std::max(1, visible));
    vbar_->setSingleStep(layout_.metrics().lane_height());
}

QRect TimelineView::laneBarRect(trace::LaneId lane) const {
    const TimelineRow* row = layout_.lane_row(lane);
    if (!row)
        return {};
    const TimelineScene s = scene();
    const QRect lanes = s.lane_area();
    const QRect bar(lanes.left(), s.row_top(*row) + layout_.metrics().pad, lanes.width(),
                    layout_.metrics().bar_height);
    return bar.intersected(lanes);
}

int TimelineView::xOfTime(std::int64_t t) const {
    return static_cast<int>(std::floor(scene().x_of(t)));
}

std::int64_t TimelineView::timeAtX(int x) const {
    return scene().time_at(x + 0.5);
}

int TimelineView::row_at(int y) const {
    const TimelineScene s = scene();
    const QRect lanes = s.lane_area();
    if (y < lanes.top() || y > lanes.bottom())
        return -1;
    return layout_.row_at(y - lanes.top() + s.scroll);
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    last_ = painter_.paint(p, scene(), palette());
    if (vbar_->isVisible()) // the corner beside the ruler
        p.fillRect(QRect(vbar_->x(), 0, vbar_->width(), kRulerHeight), palette().window());
}

void TimelineView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    update_scrollbar();
}

void TimelineView::wheelEvent(QWheelEvent* e) {
    const QPoint pos = e->position().toPoint();
    const QPoint delta = e->angleDelta();
    if (e->modifiers() & Qt::ShiftModifier || pos.x() < kNamesWidth) {
        // Rows scroll; over the lanes only with Shift (the wheel zooms there).
        const int dy = delta.y() != 0 ? delta.y() : delta.x();
        vbar_->setValue(vbar_->value() - dy * vbar_->singleStep() / 120);
    } else if (delta.y() != 0) {
        window_->zoom(std::pow(kWheelStep, delta.y() / 120.0), timeAtX(pos.x()));
    } else if (delta.x() != 0) {
        window_->pan(-delta.x() * window_->windowSpan() / (120 * 10));
    }
    e->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(e);
    const QPoint pos = e->position().toPoint();
    press_pos_ = pos;
    press_window_start_ = window_->windowStart();
    press_scroll_ = vbar_->value();
    dragging_ = false;
    if (rulerArea().contains(pos)) {
        press_ = Press::Ruler;
        window_->setPlayhead(timeAtX(pos.x()));
    } else if (laneArea().contains(pos)) {
        press_ = Press::Lanes;
    } else {
        press_ = Press::Names;
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* e) {
    const QPoint pos = e->position().toPoint();
    if (press_ == Press::Ruler) {
        window_->setPlayhead(timeAtX(pos.x())); // scrub
        return;
    }
    if (press_ != Press::Lanes)
        return;
    if (!dragging_ && (pos - press_pos_).manhattanLength() < kDragThreshold)
        return;
    dragging_ = true;
    setCursor(Qt::ClosedHandCursor);
    // The time grabbed at the press stays under the cursor.
    const int width = std::max(1, laneArea().width());
    const auto dt = static_cast<std::int64_t>(
        std::llround(double(pos.x() - press_pos_.x()) * double(window_->windowSpan()) / width));
    window_->pan(press_window_start_ - dt - window_->windowStart());
    vbar_->setValue(press_scroll_ - (pos.y() - press_pos_.y()));
}

void TimelineView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(e);
    if (!dragging_ && press_ != Press::Ruler && press_ != Press::None)
        click(e->position().toPoint());
    press_ = Press::None;
    dragging_ = false;
    setCursor(Qt::OpenHandCursor);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && laneArea().contains(e->position().toPoint()))
        window_->fit();
}

void TimelineView::click(QPoint pos) {
    const int r = row_at(pos.y());
    if (r < 0)
        return;
    const TimelineRow& row = layout_.rows()[r];
    if (row.kind == TimelineRow::Kind::Process) {
        setCollapsed(row.pid, !row.collapsed);
        return;
    }
    if (press_ != Press::Lanes || row.lane >= lods_.size())
        return;
    const auto& records = data_->snapshot.records;
    const std::size_t idx = lods_[row.lane].nearest_event(records, timeAtX(pos.x()));
    if (idx != LaneLod::npos)
        window_->select(idx, records[idx].t_ns);
}

void TimelineView::keyPressEvent(QKeyEvent* e) {
    const std::int64_t t0 = window_->windowStart(), span = window_->windowSpan();
    const std::int64_t ph = window_->playhead();
    // Keys zoom around the playhead when it is in view, else the centre.
    const std::int64_t anchor = ph >= t0 && ph <= t0 + span ? ph : t0 + span / 2;
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        window_->zoom(0.5, anchor);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        window_->zoom(2.0, anchor);
        break;
    case Qt::Key_F:
        window_->fit();
        break;
    case Qt::Key_Left:
        window_->pan(-span / 10);
        break;
    case Qt::Key_Right:
        window_->pan(span / 10);
        break;
    case Qt::Key_Up:
        vbar_->setValue(vbar_->value() - vbar_->singleStep());
        break;
    case Qt::Key_Down:
        vbar_->setValue(vbar_->value() + vbar_->singleStep());
        break;
    default:
        return QWidget::keyPressEvent(e);
    }
    e->accept();
}

bool TimelineView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = tooltip_at(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

QString TimelineView::tooltip_at(QPoint pos) const {
    const TimelineScene s = scene();
    if (s.ruler_area().contains(pos))
        return duration_text(timeAtX(pos.x()) - s.origin);
    const int r = row_at(pos.y());
    if (r < 0)
        return {};
    const TimelineRow& row = layout_.rows()[r];
    if (row.kind == TimelineRow::Kind::Process)
        return tr("Process %1: %n lane(s). Click to fold or unfold.", "", row.lanes).arg(row.pid);
    const int bottom_of_bar = s.row_top(row) + layout_.metrics().pad + layout_.metrics().bar_height;
    return lane_tooltip(row.lane, timeAtX(pos.x()), pos.y() > bottom_of_bar, pos.x());
}

QString TimelineView::lane_tooltip(trace::LaneId lane, std::int64_t t, bool on_strip, int x) const {
    const trace::LaneInfo* info = data_->snapshot.lane(lane);
    if (!info)
        return {};
    const std::int64_t origin = data_->summary.range.begin;
    auto object_name = [&](trace::ObjectId id) {
        const trace::ObjectInfo* o = data_->snapshot.object(id);
        return o ? QString::fromStdString(o->name).toHtmlEscaped() : QString();
    };
    QString text =
        QStringLiteral("<b>%1</b>").arg(QString::fromStdString(info->name).toHtmlEscaped());
    if (x < laneArea().left())
        return text + QStringLiteral("<br>") + tr("process %1").arg(info->pid);
    // A mark under the cursor first: it is what the cursor points at.
    if (!on_strip)
        if (const auto mark = mark_near(scene(), lane, x - laneArea().left()))
            text += QStringLiteral("<br>") + mark_tooltip(data_->snapshot, *mark, origin);

    const analysis::LaneTimeline* tl = data_->summary.timeline(lane);
    if (const analysis::StateInterval* iv = tl ? analysis::state_at(*tl, t) : nullptr) {
        text += QStringLiteral("<br>") + state_label(iv->state);
        if (iv->object != 0 &&
            (iv->state == analysis::LaneState::Blocked || iv->state == analysis::LaneState::Ready))
            text += QStringLiteral(": ") +
                    tr("%1 on %2").arg(wait_reason_label(iv->reason), object_name(iv->object));
        text +=
            QStringLiteral("<br>") +
            tr("from %1 for %2").arg(duration_text(iv->t0 - origin), duration_text(iv->duration()));
        // A merged pixel: say how much it hides.
        const std::int64_t a =
            timeAtX(x) - window_->windowSpan() / (2 * std::max(1, laneArea().width()));
        const std::int64_t b = a + window_->windowSpan() / std::max(1, laneArea().width());
        const auto& ivs = tl->intervals;
        auto lo = std::upper_bound(ivs.begin(), ivs.end(), a,
                                   [](std::int64_t v, const auto& s) { return v < s.t1; });
        auto hi = std::lower_bound(ivs.begin(), ivs.end(), b,
                                   [](const auto& s, std::int64_t v) { return s.t0 < v; });
        if (hi - lo > 1)
            text += QStringLiteral("<br><i>") +
                    tr("%n state change(s) in this pixel: zoom in", "", int(hi - lo - 1)) +
                    QStringLiteral("</i>");
    }
    if (const analysis::LoopLane* loop = data_->summary.loop_of(lane)) {
        const analysis::LoopRun* step = analysis::run_at(*loop, t);
        const trace::LaneInfo* task = step ? data_->snapshot.lane(step->task) : nullptr;
        text += QStringLiteral("<br>") +
                (task ? tr("runs %1 (a step of %2)")
                            .arg(QString::fromStdString(task->name).toHtmlEscaped(),
                                 duration_text(step->duration()))
                      : tr("runs no coroutine"));
        return text;
    }
    if (on_strip) {
        QStringList held;
        for (const analysis::ObjectOwnership& o : data_->summary.ownership)
            for (std::uint32_t h : o.hold_index.active_at(t))
                if (o.holds[h].lane == lane)
                    held << object_name(o.object);
        text += QStringLiteral("<br>") +
                (held.isEmpty() ? tr("holds no lock") : tr("holds %1").arg(held.join(", ")));
    }
    return text;
}

} // namespace il::ui
