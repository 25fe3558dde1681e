#include "events/event_log_view.h"

#include "events/event_log_model.h"
#include "events/event_text.h"
#include "events/record_lookup.h"
#include "model/run_model.h"
#include "model/time_window.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

namespace {

// Refills a combo and keeps the user's choice when it still exists.
template <class Fill> void refill(QComboBox* combo, const QString& all, Fill fill) {
    const QVariant chosen = combo->currentData();
    QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(all);
    fill(combo);
    const int at = chosen.isValid() ? combo->findData(chosen) : 0;
    combo->setCurrentIndex(at < 0 ? 0 : at);
}

} // namespace

EventLogView::EventLogView(RunModel* run, TimeWindow* window, QWidget* parent)
    : QWidget(parent), run_(run), window_(window), model_(new EventLogModel(this)),
      lanes_(new QComboBox(this)), objects_(new QComboBox(this)), kinds_(new QComboBox(this)),
      table_(new QTableView(this)) {
    setObjectName("eventLog");
    lanes_->setObjectName("laneFilter");
    objects_->setObjectName("objectFilter");
    kinds_->setObjectName("kindFilter");
    table_->setObjectName("eventTable");
    lanes_->setToolTip(tr("Show the events of one lane"));
    objects_->setToolTip(tr("Show the events on one object"));
    kinds_->setToolTip(tr("Show one kind of event"));

    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    // Fixed row heights and no per-row header: a 10M-row log scrolls without
    // measuring rows.
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(lanes_);
    filters->addWidget(objects_);
    filters->addWidget(kinds_);
    filters->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(table_);

    for (QComboBox* c : {lanes_, objects_, kinds_}) {
        // Some runs have thousands of objects (futures): the popup shows
        // long names, the closed combo stays narrow.
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(14);
        connect(c, &QComboBox::currentIndexChanged, this, &EventLogView::applyFilter);
    }
    connect(run_, &RunModel::dataChanged, this, &EventLogView::onDataChanged);
    connect(window_, &TimeWindow::playheadChanged, this, &EventLogView::followPlayhead);
    connect(window_, &TimeWindow::selectionChanged, this, &EventLogView::showSelection);
    connect(table_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { selectRow(index.row()); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!syncing_ && current.isValid())
                    selectRow(current.row()); // keyboard navigation
            });

    fillCombos(true);
    onDataChanged();
}

void EventLogView::onDataChanged() {
    model_->setRunData(run_->data());
    fillCombos(false);
    // A live append keeps the current row; a new run (a reset) has none.
    if (!table_->currentIndex().isValid())
        followPlayhead();
}

void EventLogView::fillCombos(bool force) {
    const trace::Snapshot& s = run_->data()->snapshot;
    if (force || s.lanes.size() != lane_count_ || s.objects.size() != object_count_) {
        lane_count_ = s.lanes.size();
        object_count_ = s.objects.size();
        refill(lanes_, tr("All lanes"), [&](QComboBox* c) {
            for (std::size_t id = 1; id < s.lanes.size(); ++id)
                c->addItem(lane_label(s, trace::LaneId(id)), uint(id));
        });
        refill(objects_, tr("All objects"), [&](QComboBox* c) {
            for (std::size_t id = 1; id < s.objects.size(); ++id) {
                const trace::ObjectInfo& o = s.objects[id];
                if (o.kind == trace::ObjectKind::Lane)
                    continue; // a lane's own events are under the lane filter
                c->addItem(tr("%1 (%2)").arg(object_label(s, trace::ObjectId(id)),
                                             object_kind_label(o.kind)),
                           uint(id));
            }
        });
        fitColumns();
    }
    if (force)
        refill(kinds_, tr("All events"), [](QComboBox* c) {
            for (auto k = unsigned(trace::Kind::LaneStart); k <= unsigned(trace::Kind::Mark); ++k)
                c->addItem(event_kind_label(trace::Kind(k)), k);
        });
    applyFilter();
}

void EventLogView::fitColumns() {
    // Measured from the few names a column can show, never from the rows:
    // resizing to contents would visit every one of millions of rows.
    const trace::Snapshot& s = run_->data()->snapshot;
    const QFontMetrics fm = fontMetrics();
    const int pad = fm.horizontalAdvance(QLatin1Char('M')) * 2;
    const int cap = fm.horizontalAdvance(QLatin1Char('M')) * 16;
    auto widest = [&](int column, QStringList texts) {
        texts << model_->headerData(column, Qt::Horizontal).toString();
        int w = 0;
        for (const QString& t : texts)
            w = std::max(w, fm.horizontalAdvance(t));
        table_->setColumnWidth(column, std::min(w + pad, cap));
    };
    widest(EventLogModel::TimeColumn, {time_since_start_text(s, s.start_ns + 99'999'999'999)});
    QStringList names;
    for (std::size_t id = 1; id < s.lanes.size(); ++id)
        names << lane_label(s, trace::LaneId(id));
    widest(EventLogModel::LaneColumn, names);
    QStringList kinds;
    for (auto k = unsigned(trace::Kind::LaneStart); k <= unsigned(trace::Kind::Mark); ++k)
        kinds << event_kind_label(trace::Kind(k));
    widest(EventLogModel::EventColumn, kinds);
    names.clear();
    for (std::size_t id = 1; id < s.objects.size(); ++id)
        names << object_label(s, trace::ObjectId(id));
    widest(EventLogModel::ObjectColumn, names);
}

void EventLogView::applyFilter() {
    EventLogModel::Filter f;
    if (lanes_->currentData().isValid())
        f.lanes.push_back(lanes_->currentData().toUInt());
    if (objects_->currentData().isValid())
        f.objects.push_back(objects_->currentData().toUInt());
    if (kinds_->currentData().isValid())
        f.kinds.push_back(trace::Kind(kinds_->currentData().toUInt()));
    if (f == model_->filter())
        return;
    model_->setFilter(std::move(f));
    followPlayhead();
}

void EventLogView::showRow(int row) {
    syncing_ = true;
    if (row == EventLogModel::NoRow) {
        table_->selectionModel()->clear();
    } else {
        const QModelIndex index = model_->index(row, 0);
        table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        table_->scrollTo(index);
    }
    syncing_ = false;
}

void EventLogView::followPlayhead() {
    const std::int64_t t = window_->playhead();
    // Several records may share the playhead's time: the selected one wins.
    const std::size_t selected = window_->selectedRecord();
    const auto& records = model_->runData()->snapshot.records;
    if (selected < records.size() && records[selected].t_ns == t) {
        const int row = model_->rowOfRecord(selected);
        if (row != EventLogModel::NoRow)
            return showRow(row);
    }
    showRow(model_->rowAtTime(t));
}

void EventLogView::showSelection() {
    const std::size_t selected = window_->selectedRecord();
    if (selected == TimeWindow::kNoRecord)
        return;
    const int row = model_->rowOfRecord(selected);
    if (row != EventLogModel::NoRow)
        showRow(row);
}

void EventLogView::selectRow(int row) {
    const std::size_t record = model_->recordOfRow(row);
    if (record == kNoRecordIndex)
        return;
    window_->select(record, model_->runData()->snapshot.records[record].t_ns);
}

} // namespace il::ui
