#include "objects/lock_view.h"

#include "objects/lock_canvas.h"
#include "objects/object_paint.h"
#include "style/colors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>

namespace il::ui {

namespace {
constexpr int kAnimationMs = 300;
constexpr std::size_t kMaxAnimated = 16;
} // namespace

LockView::LockView(RunModel* model, TimeWindow* window, QWidget* parent)
    : QWidget(parent), model_(model), window_(window) {
    setObjectName("lockView");

    banner_box_ = new QWidget(this);
    banner_box_->setObjectName("deadlockBox");
    banner_box_->setAutoFillBackground(true);
    QPalette bp = banner_box_->palette();
    QColor tint = deadlock_color();
    tint.setAlpha(50);
    bp.setColor(QPalette::Window, tint);
    banner_box_->setPalette(bp);
    banner_ = new QLabel(banner_box_);
    banner_->setObjectName("deadlockBanner");
    banner_->setWordWrap(true);
    banner_->setTextFormat(Qt::PlainText);
    QPalette lp = banner_->palette();
    lp.setColor(QPalette::WindowText, deadlock_color());
    banner_->setPalette(lp);
    QFont bold = banner_->font();
    bold.setBold(true);
    banner_->setFont(bold);
    jump_ = new QPushButton(tr("Jump to the moment it closed"), banner_box_);
    jump_->setObjectName("jumpToDeadlock");
    jump_->setToolTip(tr("Move the playhead to the wait that closed the cycle and select it"));
    auto* bl = new QHBoxLayout(banner_box_);
    bl->setContentsMargins(8, 6, 8, 6);
    bl->addWidget(banner_, 1);
    bl->addWidget(jump_);
    banner_box_->hide();

    empty_ = new QLabel(tr("This run uses no locks or semaphores"), this);
    empty_->setObjectName("lockEmptyLabel");
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);

    canvas_ = new LockCanvas;
    scroll_ = new QScrollArea(this);
    scroll_->setObjectName("lockScroll");
    scroll_->setWidgetResizable(true);
    scroll_->setWidget(canvas_);
    scroll_->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(banner_box_);
    layout->addWidget(empty_, 1);
    layout->addWidget(scroll_, 1);

    animation_ = new QVariantAnimation(this);
    animation_->setDuration(kAnimationMs);
    animation_->setStartValue(0.0);
    animation_->setEndValue(1.0);
    connect(animation_, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& v) { canvas_->setProgress(v.toDouble()); });
    connect(animation_, &QVariantAnimation::finished, canvas_, &LockCanvas::clearHandoffs);

    connect(model_, &RunModel::dataChanged, this, &LockView::rebuild);
    connect(window_, &TimeWindow::playheadChanged, this, [this](qint64 t) { follow_playhead(t); });
    connect(window_, &TimeWindow::selectionChanged, this,
            [this](quint64 r) { follow_selection(std::size_t(r)); });
    connect(jump_, &QPushButton::clicked, this, &LockView::jump_to_deadlock);
    connect(canvas_, &LockCanvas::nodeClicked, this, &LockView::select_latest);

    rebuild();
}

const std::vector<LockNode>& LockView::nodes() const {
    return canvas_->nodes();
}

const LockNode* LockView::node(trace::ObjectId object) const {
    for (const LockNode& n : canvas_->nodes())
        if (n.object == object)
            return &n;
    return nullptr;
}

QRect LockView::nodeRect(trace::ObjectId object) const {
    return canvas_->cardRect(object);
}

bool LockView::animating() const {
    return animation_->state() == QAbstractAnimation::Running;
}

std::int64_t LockView::animationStepLimit() const {
    // Playback advances by small steps; scrubbing or clicking jumps further.
    return std::max<std::int64_t>((window_->rangeEnd() - window_->rangeStart()) / 50, 1);
}

void LockView::rebuild() {
    animation_->stop();
    canvas_->clearHandoffs();
    scene_ = LockScene(model_->data());
    canvas_->setData(model_->data());
    const bool empty = scene_.empty();
    empty_->setVisible(empty);
    scroll_->setVisible(!empty);
    shown_t_ = window_->playhead();
    canvas_->setNodes(scene_.nodes_at(shown_t_), shown_t_);
    update_banner(shown_t_);
    follow_selection(window_->selectedRecord());
}

void LockView::follow_playhead(std::int64_t t) {
    const std::int64_t prev = shown_t_;
    shown_t_ = t;
    if (t > prev && t - prev <= animationStepLimit())
        animate(prev, t);
    canvas_->setNodes(scene_.nodes_at(t), t);
    update_banner(t);
}

void LockView::animate(std::int64_t from, std::int64_t to) {
    std::vector<LockHandoff> all = scene_.handoffs(from, to, kMaxAnimated);
    if (all.empty())
        return; // a running animation finishes on its own
    // One token per object: the first handoff of the step matches the state
    // at `from`, which the row shows while the token travels.
    std::vector<LockHandoff> handoffs;
    std::vector<LockNode> before;
    for (const LockHandoff& h : all) {
        if (std::any_of(handoffs.begin(), handoffs.end(),
                        [&](const LockHandoff& x) { return x.object == h.object; }))
            continue;
        handoffs.push_back(h);
        before.push_back(scene_.node_before(h, from));
    }
    animation_->stop();
    canvas_->setHandoffs(std::move(handoffs), std::move(before));
    animation_->start();
}

void LockView::update_banner(std::int64_t t) {
    const auto& deadlocks = scene_.deadlocks();
    if (deadlocks.empty()) {
        banner_deadlock_ = nullptr;
        banner_box_->hide();
        return;
    }
    // The latest one closed by now, or else the first one still to come.
    const LockDeadlock* d = scene_.deadlock_at(t);
    const bool closed = d != nullptr;
    if (!d)
        d = &deadlocks.front();
    banner_deadlock_ = d;
    const QString message = QString::fromStdString(d->diagnostic->message);
    const QString at = duration_text(d->t - window_->rangeStart());
    banner_->setText(closed ? tr("Deadlock (closed at %1): %2").arg(at, message)
                            : tr("This run deadlocks at %1: %2").arg(at, message));
    banner_box_->show();
}

void LockView::jump_to_deadlock() {
    const LockDeadlock* d = banner_deadlock_;
    if (!d)
        return;
    if (d->record != LockScene::kNoRecord)
        window_->select(d->record, d->t);
    else
        window_->setPlayhead(d->t);
    window_->ensureVisible(d->t);
    // Show the cycle: scroll to its first object.
    const auto& objects = d->diagnostic->objects;
    if (!objects.empty()) {
        const QRect r = canvas_->rowRect(objects.front());
        if (!r.isEmpty())
            scroll_->ensureVisible(r.center().x(), r.center().y(), 0, r.height() / 2 + 8);
    }
}

void LockView::follow_selection(std::size_t record) {
    const RunDataPtr& data = model_->data();
    trace::ObjectId object = 0;
    if (data && record < data->snapshot.records.size())
        object = data->snapshot.records[record].object;
    if (!node(object))
        object = 0;
    canvas_->setSelectedObject(object);
    if (object) {
        const QRect r = canvas_->rowRect(object);
        scroll_->ensureVisible(r.center().x(), r.center().y(), 0, r.height() / 2 + 8);
    }
}

void LockView::select_latest(trace::ObjectId object) {
    const std::size_t record = scene_.last_record(object, window_->playhead());
    if (record == LockScene::kNoRecord) {
        canvas_->setSelectedObject(object);
        return;
    }
    window_->select(record, model_->data()->snapshot.records[record].t_ns);
}

} // namespace il::ui
