// The sweep dialog: for one scenario, pick a numeric parameter and a range
// (SweepForm), Start runs il::sweep::run_sweep off the GUI thread (SweepJob)
// with a progress bar and Cancel; when it ends, the sweep's charts
// (ChartsView: speedup with the ideal line and the fitted Amdahl curve,
// efficiency, wall time), a table of the points, the serial fraction in
// words, and Export CSV. Non-modal. Closing it while a sweep runs cancels
// the sweep and waits for it: no thread outlives the dialog. GUI thread only.
#pragma once

#include "charts/chart_data.h"
#include "scenario/scenario.h"
#include "sweep/sweep.h"

#include <QDialog>

#include <string>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace il::ui {

class ChartsView;
class SweepForm;
class SweepJob;
class SweepPointsModel;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    // objectName "sweepDialog"; buttons "sweepStart", "sweepCancel",
    // "sweepExportCsv"; "sweepProgress", "sweepStatus", "sweepTable",
    // "sweepSummary", "sweepCharts". `assignments`: the scenario's other
    // parameters as the caller's form has them (name=value). The scenario
    // must outlive the dialog (catalog scenarios live as long as the program).
    SweepDialog(const scenario::Scenario& scenario, std::vector<std::string> assignments,
                QWidget* parent = nullptr);
    ~SweepDialog() override;

    // A dialog that deletes itself when closed, shown and raised.
    static SweepDialog* open(const scenario::Scenario& scenario,
                             std::vector<std::string> assignments, QWidget* parent);

    SweepForm* form() const { return form_; }
    SweepJob* job() const { return job_; }
    SweepPointsModel* pointsModel() const { return points_; }
    ChartsView* charts() const { return charts_; }

    // Writes the last result's CSV (il::sweep::sweep_csv) atomically;
    // returns the error in words, or "" when written.
    QString exportCsv(const QString& path) const;
    // "Amdahl's law fitted to the speedups: about 12 % of the work is serial..."
    static QString summaryText(const sweep::SweepResult& result);

public slots:
    void start();
    void cancel();
    void done(int result) override; // cancels and waits for a running sweep

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void on_progress(int done, int total);
    void on_finished();
    void export_csv_clicked();
    void update_buttons();
    void stop_and_wait();

    const scenario::Scenario& scenario_;
    SweepForm* form_;
    SweepJob* job_;
    SweepPointsModel* points_;
    QPushButton* start_;
    QPushButton* cancel_;
    QPushButton* export_csv_;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* summary_;
    QTableView* table_;
    ChartsView* charts_;
    // The chart shown after a sweep: speedup first, then whatever the user picked.
    ChartKind chart_kind_ = ChartKind::Speedup;
};

} // namespace il::ui
