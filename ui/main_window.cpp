#include "main_window.h"

#include "browser/param_form.h"
#include "browser/scenario_browser.h"
#include "browser/scenario_page.h"
#include "charts/charts_view.h"
#include "compare/compare_window.h"
#include "diagnostics/diagnostics_panel.h"
#include "events/event_log_view.h"
#include "files/run_files.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "objects/lock_view.h"
#include "objects/queue_view.h"
#include "playback/playback_bar.h"
#include "playback/playback_controller.h"
#include "run/live_run.h"
#include "scenario/catalog.h"
#include "shell/language.h"
#include "style/colors.h"
#include "style/units.h"
#include "tables/stats_view.h"
#include "timeline/timeline_legend.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace il::ui {

namespace {
std::vector<std::string> to_std(const QStringList& list) {
    std::vector<std::string> out;
    for (const QString& a : list)
        out.push_back(a.toStdString());
    return out;
}
QStringList to_qt(const std::vector<std::string>& list) {
    QStringList out;
    for (const auto& a : list)
        out << QString::fromStdString(a);
    return out;
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Interleave — a lab for concurrent programming"));
    setObjectName("mainWindow");
    run_model_ = new RunModel(this);
    window_ = new TimeWindow(this);
    live_ = new LiveRun(this);
    files_ = new RunFiles(this);
    compare_files_ = new RunFiles(this);
    playback_ = new PlaybackController(run_model_, window_, this);

    build_views();
    build_docks();
    build_actions();

    connect(run_model_, &RunModel::dataChanged, this, &MainWindow::on_data);
    connect(live_, &LiveRun::updated, run_model_, &RunModel::setData);
    connect(live_, &LiveRun::finished, this, [this](RunDataPtr data) {
        run_model_->setData(std::move(data));
        on_finished();
    });
    connect(files_, &RunFiles::opened, this, &MainWindow::show_opened);
    connect(files_, &RunFiles::saved, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Run saved to %1").arg(path), 8000);
    });
    connect(files_, &RunFiles::failed, this, [this](const QString&, const QString& message) {
        statusBar()->clearMessage();
        emit openFailed(message);
        QMessageBox::warning(this, tr("Open run"), message);
    });
    connect(compare_files_, &RunFiles::opened, this, [this](RunDataPtr data, const QString&) {
        CompareWindow::open(run_model_->data(), std::move(data), this);
    });
    connect(compare_files_, &RunFiles::failed, this,
            [this](const QString&, const QString& message) {
                QMessageBox::warning(this, tr("Compare with a saved run"), message);
            });
    connect(browser_, &ScenarioBrowser::scenarioSelected, this, &MainWindow::show_scenario);
    connect(params_, &ParamForm::validityChanged, this, [this] { update_status(); });

    resize(1500, 920);
    restore_settings();
    update_status();
}

MainWindow::~MainWindow() {
    // The run must end before the views it feeds go away.
    live_->stop();
    delete live_;
    live_ = nullptr;
}

void MainWindow::build_views() {
    outcome_ = new QLabel(tr("Pick a scenario and press Run (F5)."));
    outcome_->setObjectName("outcomeLabel");
    outcome_->setWordWrap(true);
    outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outcome_->setContentsMargins(8, 4, 8, 4);

    timeline_ = new TimelineView(run_model_, window_);
    playback_bar_ = new PlaybackBar(playback_, window_);

    auto* center = new QWidget;
    auto* layout = new QVBoxLayout(center);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(outcome_);
    layout->addWidget(new TimelineLegend);
    layout->addWidget(timeline_, 1);
    layout->addWidget(playback_bar_);
    setCentralWidget(center);

    browser_ = new ScenarioBrowser;
    page_ = new ScenarioPage;
    params_ = new ParamForm;
    locks_ = new LockView(run_model_, window_);
    queues_ = new QueueView(run_model_, window_);
    events_ = new EventLogView(run_model_, window_);
    stats_ = new StatsView(run_model_, window_);
    diagnostics_ = new DiagnosticsPanel(run_model_, window_);
    charts_ = new ChartsView;

    events_label_ = new QLabel;
    events_label_->setObjectName("eventsLabel");
    statusBar()->addPermanentWidget(events_label_);
}

void MainWindow::build_docks() {
    auto dock = [this](QWidget* w, const QString& title, const char* name,
                       Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    // Parameters with Run and Stop under them: what you set is next to what uses it.
    run_button_ = new QPushButton(QIcon::fromTheme("media-playback-start"), tr("&Run"));
    run_button_->setObjectName("runButton");
    run_button_->setToolTip(tr("Run the scenario (F5)"));
    stop_button_ = new QPushButton(QIcon::fromTheme("media-playback-stop"), tr("&Stop"));
    stop_button_->setObjectName("stopButton");
    stop_button_->setToolTip(tr("Stop the run (Shift+F5); a deadlocked run ends too"));
    connect(run_button_, &QPushButton::clicked, this, &MainWindow::run);
    connect(stop_button_, &QPushButton::clicked, this, &MainWindow::stop);
    // The form scrolls (a scenario may have many parameters); the buttons stay.
    auto* scroll = new QScrollArea;
    scroll->setWidget(params_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // help text wraps instead
    auto* controls = new QWidget;
    auto* v = new QVBoxLayout(controls);
    v->setContentsMargins(4, 4, 4, 4);
    v->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_button_);
    buttons->addWidget(stop_button_);
    v->addLayout(buttons);

    auto* scenarios = dock(browser_, tr("Scenarios"), "scenariosDock", Qt::LeftDockWidgetArea);
    dock(controls, tr("Parameters"), "parametersDock", Qt::LeftDockWidgetArea);
    auto* about = dock(page_, tr("About this scenario"), "aboutDock", Qt::RightDockWidgetArea);
    auto* locks = dock(locks_, tr("Locks"), "locksDock", Qt::RightDockWidgetArea);
    auto* queues = dock(queues_, tr("Queues"), "queuesDock", Qt::RightDockWidgetArea);
    auto* log = dock(events_, tr("Event log"), "eventLogDock", Qt::BottomDockWidgetArea);
    auto* stats = dock(stats_, tr("Statistics"), "statsDock", Qt::BottomDockWidgetArea);
    auto* diags =
        dock(diagnostics_, tr("Diagnostics"), "diagnosticsDock", Qt::BottomDockWidgetArea);
    auto* charts = dock(charts_, tr("Charts"), "chartsDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(about, locks);
    tabifyDockWidget(locks, queues);
    tabifyDockWidget(log, stats);
    tabifyDockWidget(stats, diags);
    tabifyDockWidget(diags, charts);
    about->raise();
    log->raise();
    resizeDocks({scenarios}, {300}, Qt::Horizontal);
    resizeDocks({about}, {420}, Qt::Horizontal);
    resizeDocks({log}, {200}, Qt::Vertical);
    resizeDocks({scenarios}, {300}, Qt::Vertical);
}

void MainWindow::selectScenario(const QString& id, const QStringList& assignments) {
    if (!scenario::find_scenario(id.toStdString()))
        return;
    browser_->setCurrentScenario(id);
    show_scenario(id);
    if (!assignments.isEmpty())
        params_->setAssignments(to_std(assignments));
}

QString MainWindow::currentScenario() const {
    return shown_scenario_;
}

bool MainWindow::isRunning() const {
    return live_ && live_->isRunning();
}

void MainWindow::show_scenario(const QString& id) {
    const scenario::Scenario* s = scenario::find_scenario(id.toStdString());
    if (!s || id == shown_scenario_)
        return;
    remember_params();
    shown_scenario_ = id;
    page_->setScenario(id);
    params_->setSpecs(s->info().params);
    const QStringList saved = QSettings().value("params/" + id).toStringList();
    if (!saved.isEmpty())
        params_->setAssignments(to_std(saved));
    if (auto* about = findChild<QDockWidget*>("aboutDock"))
        about->raise(); // a new scenario: read what it is about first
    if (!isRunning())
        outcome_->setText(
            tr("%1: press Run (F5) to start it.").arg(scenario_text(s->info().title)));
    update_status();
}

void MainWindow::run() {
    const scenario::Scenario* s = scenario::find_scenario(shown_scenario_.toStdString());
    if (!s || isRunning())
        return;
    if (!params_->isValid()) {
        outcome_->setText(tr("Fix the parameters marked in red first."));
        return;
    }
    const std::vector<std::string> list = params_->assignments();
    scenario::Params params;
    try {
        params = scenario::parse_params(s->info().params, list);
    } catch (const scenario::ParamError& e) {
        outcome_->setText(QString::fromStdString(e.what()));
        return;
    }
    std::string text;
    for (const auto& a : list)
        text += (text.empty() ? "" : " ") + a;
    shown_objects_ = 0;
    if (!run_model_->data()->live && !run_model_->data()->snapshot.records.empty())
        previous_ = run_model_->data();
    run_model_->clear();
    charts_->clear();
    window_->clearSelection();
    playback_->pause();
    playback_->setFollowLive(true);
    live_->start(*s, std::move(params), text);
    outcome_->setStyleSheet({});
    outcome_->setText(tr("Running %1…").arg(scenario_text(s->info().title)));
    update_status();
}

void MainWindow::raise_object_view() {
    // Locks and queues share a place: show the one this run has (locks first).
    bool locks = false, queues = false;
    for (const auto& o : run_model_->data()->snapshot.objects) {
        using K = trace::ObjectKind;
        locks = locks || o.kind == K::Lock || o.kind == K::RLock || o.kind == K::Semaphore ||
                o.kind == K::BoundedSemaphore || o.kind == K::Condition;
        queues = queues || o.kind == K::Queue;
    }
    const char* dock = locks || !queues ? "locksDock" : "queuesDock";
    findChild<QDockWidget*>(dock)->raise();
}

void MainWindow::stop() {
    if (isRunning())
        live_->stop();
}

void MainWindow::on_data() {
    const RunDataPtr& d = run_model_->data();
    const analysis::TimeRange r = d->summary.range;
    window_->setRange(r.begin, r.end);
    // The first live snapshot says which objects the run has.
    if (d->live && d->snapshot.objects.size() != shown_objects_) {
        shown_objects_ = d->snapshot.objects.size();
        raise_object_view();
    }
    update_status();
}

void MainWindow::on_finished() {
    const RunDataPtr& d = run_model_->data();
    const bool ok = d->outcome.ok;
    const QColor c = ok ? state_color(analysis::LaneState::Running) : deadlock_color();
    outcome_->setStyleSheet(
        QString("QLabel#outcomeLabel { border-left: 6px solid %1; }").arg(c.name()));
    outcome_->setText(tr("%1 — %2 (%3, %Ln event(s))", "", int(d->snapshot.records.size()))
                          .arg(ok ? tr("OK") : tr("NOT OK"),
                               QString::fromStdString(d->outcome.message),
                               duration_text(d->duration_ns)));
    if (!d->summary.diagnostics.empty())
        findChild<QDockWidget*>("diagnosticsDock")->raise();
    raise_object_view();
    charts_->setRun(d);
    window_->fit();
    // The views open on how the run ended: the final counts, or for a run
    // the engine stopped, the moment its deadlock closed (after it, Stop's
    // cancellation frees every lock). Play starts over from the beginning.
    std::int64_t at = window_->rangeEnd();
    if (d->status == scenario::RunStatus::Deadlocked)
        for (const auto& diag : d->summary.diagnostics)
            if (diag.kind == "deadlock") {
                at = diag.t_ns;
                break;
            }
    window_->setPlayhead(at);
    update_status();
    emit runFinished();
}

void MainWindow::openRun(const QString& path) {
    if (!isRunning())
        files_->open(path);
}

void MainWindow::showChart(ChartKind kind) {
    auto* dock = findChild<QDockWidget*>("chartsDock");
    dock->raise();
    // A chart needs more height than the tables it shares the place with.
    if (dock->height() < height() * 2 / 5)
        resizeDocks({dock}, {height() * 2 / 5}, Qt::Vertical);
    charts_->setCurrentKind(kind);
}

void MainWindow::show_opened(RunDataPtr data, const QString& path) {
    if (isRunning())
        return; // a run started while the file was read: it wins
    if (!run_model_->data()->live && !run_model_->data()->snapshot.records.empty())
        previous_ = run_model_->data();
    const QString id = QString::fromStdString(data->scenario);
    if (scenario::find_scenario(data->scenario))
        selectScenario(id, to_qt(assignments_of(data->typed_params)));
    run_model_->setData(std::move(data));
    on_finished();
    statusBar()->showMessage(tr("Opened %1").arg(path), 8000);
    setWindowFilePath(path);
}

void MainWindow::update_status() {
    const bool running = isRunning();
    const bool can_run = !running && !shown_scenario_.isEmpty() && params_->isValid();
    run_button_->setEnabled(can_run);
    run_action_->setEnabled(can_run);
    stop_button_->setEnabled(running);
    stop_action_->setEnabled(running);
    const RunDataPtr& d = run_model_->data();
    QString text = tr("%Ln event(s), %1 lane(s)", "", int(d->snapshot.records.size()))
                       .arg(d->snapshot.lanes.empty() ? 0 : d->snapshot.lanes.size() - 1);
    if (d->snapshot.dropped > 0)
        text += tr(" — %1 event(s) dropped: the budget of %2 was reached")
                    .arg(d->snapshot.dropped)
                    .arg(d->snapshot.budget);
    if (running)
        text = tr("Running — ") + text;
    events_label_->setText(text);
}

void MainWindow::restore_settings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    playback_->setSpeed(settings.value("playback/speed", 0.01).toDouble());
    QString id = settings.value("scenario/last").toString();
    if (!scenario::find_scenario(id.toStdString()))
        id = QString::fromUtf8(scenario::kDefaultScenario.data(),
                               int(scenario::kDefaultScenario.size()));
    selectScenario(id);
}

void MainWindow::save_settings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("playback/speed", playback_->speed());
    settings.setValue("scenario/last", shown_scenario_);
    remember_params();
}

void MainWindow::remember_params() const {
    if (!shown_scenario_.isEmpty())
        QSettings().setValue("params/" + shown_scenario_, to_qt(params_->assignments()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    save_settings();
    live_->stop();
    QMainWindow::closeEvent(event);
}

} // namespace il::ui
