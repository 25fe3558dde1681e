// The statistics dock: lanes, locks & semaphores and queues as sortable
// tables. Shows the RunModel's data at the TimeWindow's playhead; a click on a
// row selects the latest record on that lane or object at or before the
// playhead. Owns only its widgets and table models. GUI thread only.
#pragma once

#include <QTabWidget>

class QSortFilterProxyModel;
class QTableView;

namespace il::ui {

class LaneStatsModel;
class LockStatsModel;
class QueueStatsModel;
class RunModel;
class StatsTableModel;
class TimeWindow;

class StatsView : public QTabWidget {
    Q_OBJECT
public:
    // objectName "statsView"; tables "laneStatsTable", "lockStatsTable",
    // "queueStatsTable".
    StatsView(RunModel* run, TimeWindow* window, QWidget* parent = nullptr);

    LaneStatsModel* laneModel() const { return lanes_; }
    LockStatsModel* lockModel() const { return locks_; }
    QueueStatsModel* queueModel() const { return queues_; }

private:
    QTableView* addTable(StatsTableModel* model, const char* name, const QString& title);
    void onDataChanged();
    void onPlayhead();
    void rowClicked(StatsTableModel* model, bool lane, const QModelIndex& index);

    RunModel* run_;
    TimeWindow* window_;
    LaneStatsModel* lanes_;
    LockStatsModel* locks_;
    QueueStatsModel* queues_;
};

} // namespace il::ui
