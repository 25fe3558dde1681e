#include "tables/stats_view.h"

#include "events/record_lookup.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "tables/lane_stats_model.h"
#include "tables/lock_stats_model.h"
#include "tables/queue_stats_model.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace il::ui {

StatsView::StatsView(RunModel* run, TimeWindow* window, QWidget* parent)
    : QTabWidget(parent), run_(run), window_(window), lanes_(new LaneStatsModel(this)),
      locks_(new LockStatsModel(this)), queues_(new QueueStatsModel(this)) {
    setObjectName("statsView");
    QTableView* lanes = addTable(lanes_, "laneStatsTable", tr("Lanes"));
    QTableView* locks = addTable(locks_, "lockStatsTable", tr("Locks && semaphores"));
    QTableView* queues = addTable(queues_, "queueStatsTable", tr("Queues"));
    auto click = [this](QTableView* table, StatsTableModel* model, bool lane) {
        connect(table, &QTableView::clicked, this,
                [this, model, lane](const QModelIndex& index) { rowClicked(model, lane, index); });
    };
    click(lanes, lanes_, true);
    click(locks, locks_, false);
    click(queues, queues_, false);

    connect(run_, &RunModel::dataChanged, this, &StatsView::onDataChanged);
    connect(window_, &TimeWindow::playheadChanged, this, &StatsView::onPlayhead);
    onDataChanged();
}

QTableView* StatsView::addTable(StatsTableModel* model, const char* name, const QString& title) {
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(StatsTableModel::SortRole);
    auto* table = new QTableView(this);
    table->setObjectName(name);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder); // creation order until the user sorts
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    addTab(table, title);
    return table;
}

void StatsView::onDataChanged() {
    for (StatsTableModel* m :
         {static_cast<StatsTableModel*>(lanes_), static_cast<StatsTableModel*>(locks_),
          static_cast<StatsTableModel*>(queues_)}) {
        m->setRunData(run_->data());
        m->setPlayhead(window_->playhead());
    }
}

void StatsView::onPlayhead() {
    lanes_->setPlayhead(window_->playhead());
    locks_->setPlayhead(window_->playhead());
    queues_->setPlayhead(window_->playhead());
}

void StatsView::rowClicked(StatsTableModel* model, bool lane, const QModelIndex& index) {
    const std::uint32_t id = index.data(StatsTableModel::IdRole).toUInt();
    const trace::Snapshot& s = model->runData()->snapshot;
    const std::int64_t t = window_->playhead();
    const std::size_t record =
        lane ? last_record_on_lane(s, t, id) : last_record_on_object(s, t, id);
    if (record != kNoRecordIndex)
        window_->select(record, s.records[record].t_ns);
}

} // namespace il::ui
