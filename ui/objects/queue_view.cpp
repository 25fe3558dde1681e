#include "objects/queue_view.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

QueueView::QueueView(RunModel* model, TimeWindow* window, QWidget* parent)
    : QWidget(parent), model_(model), window_(window) {
    setObjectName("queueView");
    empty_ = new QLabel(tr("This run uses no queues"), this);
    empty_->setObjectName("queueEmptyLabel");
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    empty_->setMargin(8);
    canvas_ = new QueueCanvas;
    scroll_ = new QScrollArea(this);
    scroll_->setObjectName("queueScroll");
    scroll_->setWidgetResizable(true);
    scroll_->setWidget(canvas_);
    scroll_->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(empty_);
    layout->addWidget(scroll_, 1);

    connect(model_, &RunModel::dataChanged, this, &QueueView::rebuild);
    connect(window_, &TimeWindow::playheadChanged, this, [this](qint64 t) { follow_playhead(t); });
    connect(window_, &TimeWindow::selectionChanged, this,
            [this](quint64 r) { follow_selection(std::size_t(r)); });
    connect(canvas_, &QueueCanvas::timeClicked, window_, &TimeWindow::setPlayhead);
    rebuild();
}

const std::vector<QueueGauge>& QueueView::gauges() const {
    return canvas_->queues();
}

const QueueGauge* QueueView::gauge(trace::ObjectId object) const {
    for (const QueueGauge& g : canvas_->queues())
        if (g.object == object)
            return &g;
    return nullptr;
}

const std::vector<PermitGauge>& QueueView::permitGauges() const {
    return canvas_->permits();
}

void QueueView::rebuild() {
    data_ = model_->data();
    contents_ = QueueContents::build(data_->snapshot);
    series_.clear();
    for (const QueueContents& q : contents_)
        series_.push_back(data_->summary.level_of(q.object()));
    permits_.clear();
    for (const analysis::LevelSeries& s : data_->summary.levels)
        if (s.kind != trace::ObjectKind::Queue)
            permits_.push_back(&s);
    empty_->setVisible(contents_.empty());
    scroll_->setVisible(!contents_.empty() || !permits_.empty());
    canvas_->setData(data_);
    follow_playhead(window_->playhead());
    follow_selection(window_->selectedRecord());
}

void QueueView::follow_playhead(std::int64_t t) {
    std::vector<QueueGauge> queues;
    queues.reserve(contents_.size());
    for (std::size_t i = 0; i < contents_.size(); ++i) {
        const QueueContents& q = contents_[i];
        const trace::ObjectInfo* info = data_->snapshot.object(q.object());
        QueueGauge g;
        g.object = q.object();
        g.series = series_[i];
        g.capacity = info ? info->capacity : 0;
        g.level = g.series ? analysis::value_at(*g.series, t) : std::int64_t(q.count_at(t));
        const std::int64_t most = g.series ? g.series->max : g.level;
        g.scale = std::max<std::int64_t>(g.capacity > 0 ? g.capacity : most, 1);
        g.full = g.capacity > 0 && g.level >= g.capacity;
        g.empty = g.level == 0;
        g.items = q.items_at(t, kMaxItems, &g.count);
        queues.push_back(std::move(g));
    }
    std::vector<PermitGauge> permits;
    for (const analysis::LevelSeries* s : permits_)
        permits.push_back({s->object, analysis::value_at(*s, t), s->capacity});
    canvas_->setGauges(std::move(queues), std::move(permits), t);
}

void QueueView::follow_selection(std::size_t record) {
    trace::ObjectId object = 0;
    if (data_ && record < data_->snapshot.records.size())
        object = data_->snapshot.records[record].object;
    const QRect r = canvas_->rowRect(object);
    canvas_->setSelectedObject(r.isEmpty() ? 0 : object);
    if (!r.isEmpty())
        scroll_->ensureVisible(r.center().x(), r.center().y(), 0, r.height() / 2 + 8);
}

} // namespace il::ui
