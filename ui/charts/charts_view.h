// The charts dock: a kind selector (only kinds the run or sweep has are
// enabled; the others say why in their tooltip), the chart, and Export…
// (PNG/SVG/PDF/CSV through ChartExportDialog). Shows either a run or a
// sweep, whichever was set last. Keeps the RunData / SweepResult it shows;
// follows the palette (light/dark). GUI thread only.
#pragma once

#include "charts/chart_data.h"
#include "model/run_data.h"
#include "sweep/sweep.h"

#include <QWidget>

#include <memory>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;

namespace il::ui {

class ChartsView : public QWidget {
    Q_OBJECT
public:
    explicit ChartsView(QWidget* parent = nullptr);
    ~ChartsView() override;

    // A run's charts (nullptr clears). Rebuilds the chart: for a live run,
    // call it at the pace the chart should follow, not per snapshot.
    void setRun(RunDataPtr run);
    void setSweep(sweep::SweepResult sweep);
    void clear();

    // The kind shown, if any; selecting a kind the data lacks is ignored.
    std::optional<ChartKind> currentKind() const;
    void setCurrentKind(ChartKind kind);
    // What is drawn now (nullopt when nothing is).
    const std::optional<ChartData>& chartData() const { return data_; }

    // For tests and the main window's shortcuts.
    QComboBox* kindSelector() const { return kinds_; }
    QChartView* chartView() const { return view_; }
    QPushButton* exportButton() const { return export_; }

public slots:
    void openExportDialog();

signals:
    void kindChanged(il::ui::ChartKind kind);

protected:
    void changeEvent(QEvent* e) override;

private:
    // Lists the kinds of what is shown (a run's or a sweep's), enabling those it has.
    void refill();
    void show_kind(); // builds the chart of the selected kind
    std::string unavailable(ChartKind kind) const;

    RunDataPtr run_;                          // set when showing a run
    std::optional<sweep::SweepResult> sweep_; // set when showing a sweep
    std::optional<ChartData> data_;
    QLabel* kind_label_;
    QComboBox* kinds_;
    QChartView* view_;
    QLabel* message_; // why nothing is drawn
    QPushButton* export_;
};

} // namespace il::ui
