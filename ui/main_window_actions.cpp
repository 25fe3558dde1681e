// MainWindow's menus, toolbar and the File menu's exports: what each action
// does lives here, the views and the run's life in main_window.cpp.
#include "main_window.h"

#include "browser/param_form.h"
#include "browser/scenario_browser.h"
#include "charts/charts_view.h"
#include "compare/compare_window.h"
#include "export/chrome_trace.h"
#include "export/csv.h"
#include "files/run_files.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "playback/playback_bar.h"
#include "scenario/catalog.h"
#include "shell/language.h"
#include "shell/screenshot.h"
#include "sweep/sweep_dialog.h"
#include "timeline/timeline_export.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace il::ui {

void MainWindow::build_actions() {
    auto action = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work wherever focus is in the window
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(tr("&Open run…"), QKeySequence::Open, [this] {
        if (!isRunning())
            files_->openWithDialog();
    }));
    file->addAction(action(tr("&Save run…"), QKeySequence::Save,
                           [this] { files_->saveAs(run_model_->data()); }));
    file->addSeparator();
    file->addAction(action(tr("Export trace (Chrome JSON)…"), QKeySequence("Ctrl+E"),
                           [this] { export_trace(); }));
    file->addAction(
        action(tr("Export statistics (CSV)…"), QKeySequence(), [this] { export_csv(); }));
    file->addAction(action(tr("Export timeline image (PNG, SVG)…"), QKeySequence("Ctrl+Shift+E"),
                           [this] { export_timeline(); }));
    file->addAction(
        action(tr("Export chart (PNG, SVG, PDF, CSV)…"), QKeySequence("Ctrl+Shift+G"), [this] {
            findChild<QDockWidget*>("chartsDock")->raise();
            charts_->openExportDialog();
        }));
    file->addAction(action(tr("Save window image…"), QKeySequence("Ctrl+Shift+S"),
                           [this] { save_screenshot(); }));
    file->addSeparator();
    file->addAction(action(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    run_action_ = action(tr("&Run"), QKeySequence(Qt::Key_F5), [this] { run(); });
    stop_action_ = action(tr("&Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { stop(); });
    run_action_->setIcon(QIcon::fromTheme("media-playback-start"));
    stop_action_->setIcon(QIcon::fromTheme("media-playback-stop"));
    runMenu->addAction(run_action_);
    runMenu->addAction(stop_action_);
    runMenu->addSeparator();
    runMenu->addAction(
        action(tr("S&weep a parameter…"), QKeySequence("Ctrl+Shift+W"), [this] { open_sweep(); }));
    runMenu->addAction(action(tr("&Compare with the previous run"), QKeySequence("Ctrl+Shift+C"),
                              [this] { compare_with_previous(); }));
    runMenu->addAction(action(tr("Compare with a saved run…"), QKeySequence(), [this] {
        if (run_model_->data()->snapshot.records.empty())
            return statusBar()->showMessage(tr("Run a scenario or open a run first."), 5000);
        compare_files_->openWithDialog();
    }));
    runMenu->addSeparator();
    // Ctrl+F is the browser's own shortcut; the menu entry only names it.
    QAction* find = runMenu->addAction(tr("Find scenario"), this, [this] {
        findChild<QDockWidget*>("scenariosDock")->raise();
        browser_->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetShortcut); // never fires: no ambiguity with the browser's

    // The playback bar owns its actions (and their shortcuts: Space, the
    // arrows, F8, [ and ]); the menu lists the same ones.
    QMenu* play = menuBar()->addMenu(tr("&Playback"));
    play->addAction(playback_bar_->playAction());
    play->addAction(playback_bar_->stepForwardAction());
    play->addAction(playback_bar_->stepBackwardAction());
    play->addAction(playback_bar_->nextDiagnosticAction());
    play->addAction(playback_bar_->previousDiagnosticAction());
    play->addSeparator();
    play->addAction(playback_bar_->fasterAction());
    play->addAction(playback_bar_->slowerAction());
    play->addAction(playback_bar_->followLiveAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto zoom = [this](double f) {
        window_->zoom(f, (window_->windowStart() + window_->windowEnd()) / 2);
    };
    view->addAction(action(tr("Zoom in"), QKeySequence(Qt::Key_Plus), [zoom] { zoom(0.5); }));
    view->addAction(action(tr("Zoom out"), QKeySequence(Qt::Key_Minus), [zoom] { zoom(2.0); }));
    view->addAction(
        action(tr("Fit the whole run"), QKeySequence(Qt::Key_F), [this] { window_->fit(); }));
    // "=" is "+" without Shift on most keyboards.
    action(QString(), QKeySequence(Qt::Key_Equal), [zoom] { zoom(0.5); });
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    QMenu* lang = menuBar()->addMenu(tr("&Language"));
    auto* group = new QActionGroup(this);
    for (const QString& l : available_languages()) {
        QAction* a = lang->addAction(language_name(l));
        a->setCheckable(true);
        a->setChecked(l == current_language());
        a->setData(l);
        a->setObjectName("language_" + l);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, l] {
            if (l != current_language())
                emit languageChangeRequested(l);
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Interleave"), this, [this] {
        QMessageBox::about(this, tr("About Interleave"),
                           tr("<h3>Interleave</h3><p>A lab for concurrent programming: a real "
                              "engine runs threads through scenarios and records every step "
                              "they take on locks, semaphores, conditions, events and queues."
                              "</p>"));
    });

    auto* tools = addToolBar(tr("Run"));
    tools->setObjectName("runToolBar");
    tools->addAction(run_action_);
    tools->addAction(stop_action_);
}

void MainWindow::export_trace() {
    const RunDataPtr& d = run_model_->data();
    if (d->snapshot.records.empty())
        return statusBar()->showMessage(tr("Nothing to export yet: run a scenario first."), 5000);
    QString path = QFileDialog::getSaveFileName(this, tr("Export trace"),
                                                QString::fromStdString(d->scenario) + ".trace.json",
                                                tr("Chrome trace (*.json)"));
    if (path.isEmpty())
        return;
    try {
        exporter::export_chrome_trace(path.toStdString(), d->snapshot, d->summary, {d->scenario});
        statusBar()->showMessage(
            tr("Trace written to %1 (open it in Perfetto or chrome://tracing)").arg(path), 8000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export trace"), QString::fromStdString(e.what()));
    }
}

void MainWindow::export_csv() {
    const RunDataPtr& d = run_model_->data();
    if (d->snapshot.records.empty())
        return statusBar()->showMessage(tr("Nothing to export yet: run a scenario first."), 5000);
    QString path = QFileDialog::getSaveFileName(this, tr("Export statistics"),
                                                QString::fromStdString(d->scenario) + ".stats.csv",
                                                tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        exporter::export_stats_csv(path.toStdString(), d->snapshot, d->summary);
        statusBar()->showMessage(tr("Statistics written to %1").arg(path), 8000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export statistics"), QString::fromStdString(e.what()));
    }
}

void MainWindow::open_sweep() {
    const scenario::Scenario* s = scenario::find_scenario(shown_scenario_.toStdString());
    if (!s)
        return statusBar()->showMessage(tr("Pick a scenario first."), 5000);
    SweepDialog::open(*s, params_->assignments(), this);
}

void MainWindow::compare_with_previous() {
    const RunDataPtr& current = run_model_->data();
    if (!previous_ || current->live || current->snapshot.records.empty())
        return statusBar()->showMessage(
            tr("Two finished runs are needed: run a scenario twice (or open a saved run)."), 6000);
    CompareWindow::open(previous_, current, this);
}

void MainWindow::export_timeline() {
    const RunDataPtr& d = run_model_->data();
    if (d->snapshot.records.empty())
        return statusBar()->showMessage(tr("Nothing to export yet: run a scenario first."), 5000);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export timeline image"), QString::fromStdString(d->scenario) + ".timeline.png",
        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    try {
        // What the view shows now, every lane (no scrolling), at the view's width.
        il::ui::export_timeline(*timeline_, path.toStdString(), QSize(timeline_->width(), 0));
        statusBar()->showMessage(tr("Timeline written to %1").arg(path), 8000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export timeline image"), QString::fromStdString(e.what()));
    }
}

void MainWindow::save_screenshot() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save window image"), "interleave.png",
                                                tr("Images (*.png *.jpg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!save_widget_image(this, path, &error))
        QMessageBox::warning(this, tr("Save window image"), error);
}

} // namespace il::ui
