// The event log dock: lane / object / kind filters over a table of records
// that follows the playhead. Shows the RunModel's data and drives the shared
// TimeWindow; owns only its widgets and row model. GUI thread only.
#pragma once

#include <QWidget>

#include <cstddef>
#include <cstdint>

class QComboBox;
class QTableView;

namespace il::ui {

class EventLogModel;
class RunModel;
class TimeWindow;

class EventLogView : public QWidget {
    Q_OBJECT
public:
    // objectName "eventLog"; children "laneFilter", "objectFilter",
    // "kindFilter" (first entry "All ...") and "eventTable".
    EventLogView(RunModel* run, TimeWindow* window, QWidget* parent = nullptr);

    EventLogModel* model() const { return model_; }

private:
    void onDataChanged();
    void fillCombos(bool force);
    void fitColumns(); // from lane, object and kind names, not from rows
    void applyFilter();
    // Makes `row` current and visible without telling the TimeWindow.
    void showRow(int row);
    void followPlayhead();
    void showSelection();
    void selectRow(int row); // the user picked a row: select its record

    RunModel* run_;
    TimeWindow* window_;
    EventLogModel* model_;
    QComboBox* lanes_;
    QComboBox* objects_;
    QComboBox* kinds_;
    QTableView* table_;
    // True while the view moves its own current row, so that the move is not
    // sent back to the TimeWindow as a user's choice.
    bool syncing_ = false;
    // Registry sizes the combos were filled from: live updates refill them
    // only when lanes or objects were added.
    std::size_t lane_count_ = 0, object_count_ = 0;
};

} // namespace il::ui
