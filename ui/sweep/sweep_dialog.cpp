#include "sweep/sweep_dialog.h"

#include "charts/charts_view.h"
#include "export/atomic_file.h"
#include "export/export_error.h"
#include "sweep/sweep_form.h"
#include "sweep/sweep_job.h"
#include "sweep/sweep_points_model.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace il::ui {

SweepDialog::SweepDialog(const scenario::Scenario& scenario, std::vector<std::string> assignments,
                         QWidget* parent)
    : QDialog(parent), scenario_(scenario), form_(new SweepForm(scenario, std::move(assignments))),
      job_(new SweepJob(this)), points_(new SweepPointsModel(this)) {
    setObjectName("sweepDialog");
    setWindowTitle(tr("Sweep — %1").arg(QString::fromStdString(scenario.info().title)));
    setModal(false);

    start_ = new QPushButton(QIcon::fromTheme("media-playback-start"), tr("&Start"));
    start_->setObjectName("sweepStart");
    start_->setDefault(true);
    cancel_ = new QPushButton(QIcon::fromTheme("process-stop"), tr("Cancel s&weep"));
    cancel_->setObjectName("sweepCancel");
    cancel_->setToolTip(tr("Stop the run going on; the runs that finished are kept"));
    progress_ = new QProgressBar;
    progress_->setObjectName("sweepProgress");
    progress_->setValue(0);
    status_ = new QLabel(tr("Choose a parameter and a range, then press Start."));
    status_->setObjectName("sweepStatus");
    status_->setWordWrap(true);

    charts_ = new ChartsView;
    charts_->setObjectName("sweepCharts");
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(points_);
    proxy->setSortRole(SweepPointsModel::SortRole);
    table_ = new QTableView;
    table_->setObjectName("sweepTable");
    table_->setModel(proxy);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder); // swept order until the user sorts
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    summary_ = new QLabel;
    summary_->setObjectName("sweepSummary");
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QVBoxLayout;
    controls->addWidget(start_);
    controls->addWidget(cancel_);
    controls->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(form_, 1);
    top->addLayout(controls);

    auto* right = new QWidget;
    auto* right_layout = new QVBoxLayout(right);
    right_layout->setContentsMargins(0, 0, 0, 0);
    right_layout->addWidget(table_, 1);
    right_layout->addWidget(summary_);
    auto* results = new QSplitter(Qt::Horizontal);
    results->addWidget(charts_);
    results->addWidget(right);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 1);

    export_csv_ = new QPushButton(tr("E&xport CSV…"));
    export_csv_->setObjectName("sweepExportCsv");
    export_csv_->setToolTip(tr("The sweep's points as a table (charts export from the chart)"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(export_csv_, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(results, 1);
    layout->addWidget(buttons);

    connect(start_, &QPushButton::clicked, this, &SweepDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &SweepDialog::cancel);
    connect(export_csv_, &QPushButton::clicked, this, &SweepDialog::export_csv_clicked);
    connect(form_, &SweepForm::validityChanged, this, &SweepDialog::update_buttons);
    connect(job_, &SweepJob::progress, this, &SweepDialog::on_progress);
    connect(job_, &SweepJob::finished, this, &SweepDialog::on_finished);
    update_buttons();
    resize(1100, 780);
}

SweepDialog::~SweepDialog() {
    stop_and_wait();
}

SweepDialog* SweepDialog::open(const scenario::Scenario& scenario,
                               std::vector<std::string> assignments, QWidget* parent) {
    auto* d = new SweepDialog(scenario, std::move(assignments), parent);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->show();
    d->raise();
    d->activateWindow();
    return d;
}

void SweepDialog::start() {
    if (job_->isRunning() || !form_->isValid())
        return;
    const sweep::SweepSpec& spec = *form_->spec();
    const int total = int(spec.values.size()) * spec.repeat;
    points_->clear();
    if (const std::optional<ChartKind> kind = charts_->currentKind())
        chart_kind_ = *kind; // the user's pick survives the next sweep
    charts_->clear();
    summary_->clear();
    progress_->setRange(0, total);
    progress_->setValue(0);
    status_->setText(tr("Running %1 of %2…").arg(1).arg(total));
    job_->start(spec);
    update_buttons();
}

void SweepDialog::cancel() {
    if (!job_->isRunning())
        return;
    job_->cancel();
    status_->setText(tr("Cancelling: the run going on is being stopped…"));
    update_buttons();
}

void SweepDialog::stop_and_wait() {
    job_->cancel();
    job_->wait();
}

void SweepDialog::done(int result) {
    stop_and_wait();
    QDialog::done(result);
}

void SweepDialog::closeEvent(QCloseEvent* e) {
    stop_and_wait();
    QDialog::closeEvent(e);
}

void SweepDialog::on_progress(int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
    if (done < total && !job_->cancelRequested())
        status_->setText(tr("Running %1 of %2…").arg(done + 1).arg(total));
}

void SweepDialog::on_finished() {
    const sweep::SweepResult& r = job_->result();
    progress_->setValue(std::min(int(r.runs.size()), progress_->maximum()));
    if (!job_->error().isEmpty())
        status_->setText(tr("The sweep could not run: %1").arg(job_->error()));
    else if (r.cancelled)
        status_->setText(tr("Cancelled after %n run(s); the table shows the values that finished.",
                            "", int(r.runs.size())));
    else
        status_->setText(tr("Done: %n run(s).", "", int(r.runs.size())));
    points_->setResult(r);
    if (r.points.empty())
        charts_->clear();
    else {
        charts_->setSweep(r);
        charts_->setCurrentKind(chart_kind_);
    }
    summary_->setText(r.points.empty() ? QString() : summaryText(r));
    update_buttons();
}

void SweepDialog::update_buttons() {
    const bool running = job_->isRunning();
    form_->setEnabled(!running);
    start_->setEnabled(!running && form_->isValid());
    start_->setToolTip(form_->isValid() ? tr("Run the sweep") : form_->problem());
    cancel_->setEnabled(running && !job_->cancelRequested());
    export_csv_->setEnabled(!running && !job_->result().points.empty());
}

QString SweepDialog::exportCsv(const QString& path) const {
    try {
        exporter::write_file_atomically(path.toStdString(), sweep::sweep_csv(job_->result()));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void SweepDialog::export_csv_clicked() {
    const sweep::SweepSpec& spec = job_->result().spec;
    const QString suggested =
        QString::fromStdString(spec.scenario + "-" + spec.param + "-sweep.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export sweep data"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportCsv(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

QString SweepDialog::summaryText(const sweep::SweepResult& r) {
    if (r.points.size() < 2)
        return tr("Too few values finished to fit Amdahl's law.");
    const double f = r.serial_fraction;
    const QString pct = QString::number(f * 100, 'f', f < 0.1 ? 1 : 0);
    // Whole sentences, so a translation can order them its own way.
    QString text =
        f >= 0.001
            ? tr("Amdahl's law fitted to the speedups: about %1 % of the work is serial, so no "
                 "value of %2 can make it more than %3× faster.")
                  .arg(pct, QString::fromStdString(r.spec.param), QString::number(1 / f, 'f', 1))
            : tr("Amdahl's law fitted to the speedups: the work scaled as if fully parallel "
                 "(serial fraction %1 %).")
                  .arg(pct);
    const bool over = std::any_of(r.points.begin(), r.points.end(),
                                  [](const sweep::SweepPoint& p) { return p.oversubscribed; });
    text += QLatin1Char(' ');
    text += over ? tr("This machine has %n core(s); the tinted values ask for more and are "
                      "oversubscribed.",
                      "", int(r.cores))
                 : tr("This machine has %n core(s).", "", int(r.cores));
    return text;
}

} // namespace il::ui
