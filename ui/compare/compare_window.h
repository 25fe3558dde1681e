// Two runs side by side: two timelines, one above the other, aligned at
// their starts (zoom or pan one and the other shows the same stretch of time
// from its own start; the playhead follows the same way), and a sortable
// table of what changed (il::compare::compare_runs). A top-level, non-modal
// window; owns its widgets and models and shares the two RunData. GUI thread
// only.
#pragma once

#include "model/run_data.h"

#include <QWidget>

class QTableView;

namespace il::ui {

class CompareModel;
class ComparePane;

class CompareWindow : public QWidget {
    Q_OBJECT
public:
    // objectName "compareWindow"; panes "compareTop" and "compareBottom",
    // the table "compareTable". Null runs show as empty.
    CompareWindow(RunDataPtr left, RunDataPtr right, QWidget* parent = nullptr);

    // Makes a window that deletes itself when closed, shows and raises it.
    static CompareWindow* open(RunDataPtr left, RunDataPtr right, QWidget* parent);

    ComparePane* top() const { return top_; }
    ComparePane* bottom() const { return bottom_; }
    CompareModel* model() const { return model_; }
    QTableView* table() const { return table_; }

private:
    // Gives `to` the window and playhead `from` has, at the same offset from
    // each run's start.
    void follow(const ComparePane* from, ComparePane* to);

    ComparePane* top_;
    ComparePane* bottom_;
    CompareModel* model_;
    QTableView* table_;
    bool following_ = false; // inside follow(): the echo from `to` is ignored
};

} // namespace il::ui
