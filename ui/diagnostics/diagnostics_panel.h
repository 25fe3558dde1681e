// The problems dock: the run's diagnostics (deadlocks, stalls, starvation,
// lost updates, ...) with when they happened; activating one moves the
// shared TimeWindow there. Reads RunModel's data; owns only its widgets.
// GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QColor>
#include <QWidget>

#include <string>

class QLabel;
class QTreeWidget;

namespace il::ui {

class RunModel;
class TimeWindow;

// "Deadlock", "Stall", "Lock convoy", ...: a diagnostic kind for people.
QString diagnostic_kind_label(const std::string& kind);
// Deadlocks and stalls stop a run and are drawn in deadlock_color();
// the rest are warnings.
QColor diagnostic_color(const std::string& kind);

class DiagnosticsPanel : public QWidget {
    Q_OBJECT
public:
    // objectName "diagnosticsPanel"; children "diagnosticList" (a
    // QTreeWidget, one top-level item per diagnostic, in summary order) and
    // "diagnosticsEmpty" (the empty-state line).
    DiagnosticsPanel(RunModel* run, TimeWindow* window, QWidget* parent = nullptr);

    // Moves the playhead to diagnostic `index` and selects its record.
    void activate(int index);

signals:
    void diagnosticActivated(int index);

private:
    void onDataChanged();
    void rebuild();

    RunModel* run_;
    TimeWindow* window_;
    QTreeWidget* list_;
    QLabel* empty_;
    RunDataPtr shown_; // the data the list was built from
};

} // namespace il::ui
