// The whole window as a user drives it: pick a scenario in the browser,
// change a parameter (an invalid one is refused with its message), run,
// see the lanes, step, scrub, play, select an event and see the lock view
// follow; a deadlocked run ends by itself with its cycle shown; Stop ends a
// long one; the language switches. Real widgets, offscreen platform.
#include "main_window.h"

#include "charts/charts_view.h"
#include "files/run_files.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "objects/lock_canvas.h"
#include "objects/lock_view.h"
#include "playback/playback_controller.h"
#include "shell/app_shell.h"
#include "shell/language.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace il::ui;

namespace {

QTreeWidgetItem* scenario_item(QTreeWidget* tree, const QString& id) {
    for (int c = 0; c < tree->topLevelItemCount(); ++c)
        for (int i = 0; i < tree->topLevelItem(c)->childCount(); ++i)
            if (tree->topLevelItem(c)->child(i)->data(0, Qt::UserRole).toString() == id)
                return tree->topLevelItem(c)->child(i);
    return nullptr;
}

void click_scenario(MainWindow& w, const QString& id) {
    auto* tree = w.findChild<QTreeWidget*>("scenarioTree");
    QTreeWidgetItem* item = scenario_item(tree, id);
    QVERIFY(item);
    tree->scrollToItem(item);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
    QCOMPARE(w.currentScenario(), id);
}

void set_param(MainWindow& w, const QString& name, const QString& value) {
    auto* edit = w.findChild<QLineEdit*>("param_" + name);
    QVERIFY2(edit, qPrintable(name));
    edit->selectAll();
    QTest::keyClicks(edit, value);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings go to a test location
        QSettings().clear();
    }

    void browseConfigureRunAndReplay() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        click_scenario(w, "counter");
        auto* python = w.findChild<QPlainTextEdit*>("pythonSketch");
        QVERIFY(python->toPlainText().contains("threading.Lock()"));

        auto* run = w.findChild<QPushButton*>("runButton");
        auto* error = w.findChild<QLabel*>("error_threads");
        QVERIFY(run && error);
        set_param(w, "threads", "0"); // out of range: refused, with the engine's message
        // New fields are shown on the next turn of the event loop.
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains("threads") && error->text().contains("1..64"),
                 qPrintable(error->text()));
        QVERIFY(!run->isEnabled());
        set_param(w, "threads", "4");
        QTRY_VERIFY(!error->isVisible());
        QVERIFY(run->isEnabled());

        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(w.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning() && run->isEnabled(), 30000);
        auto* outcome = w.findChild<QLabel*>("outcomeLabel");
        QVERIFY2(outcome->text().startsWith("OK"), qPrintable(outcome->text()));

        // The lanes appear: main and the four workers.
        auto* timeline = w.findChild<TimelineView*>("timelineView");
        QVERIFY(timeline);
        const auto& snap = w.runModel()->data()->snapshot;
        QCOMPARE(snap.lanes.size() - 1, std::size_t(5));
        for (std::size_t lane = 1; lane < snap.lanes.size(); ++lane)
            QVERIFY(!timeline->laneBarRect(il::trace::LaneId(lane)).isEmpty());
        const QImage shot = timeline->grab().toImage();
        QVERIFY(shot.pixelColor(timeline->laneBarRect(2).center()) !=
                shot.pixelColor(timeline->rulerArea().center() + QPoint(0, 300)));

        // Scrub to the start with the slider, then step event by event.
        TimeWindow* tw = w.timeWindow();
        auto* scrubber = w.findChild<QSlider*>("scrubber");
        scrubber->setFocus();
        QTest::keyClick(scrubber, Qt::Key_Home);
        QCOMPARE(tw->playhead(), tw->rangeStart());
        QTest::mouseClick(w.findChild<QToolButton*>("stepButton"), Qt::LeftButton);
        QVERIFY(tw->selectedRecord() != TimeWindow::kNoRecord);
        QCOMPARE(tw->playhead(), snap.records[tw->selectedRecord()].t_ns);
        const std::size_t first = tw->selectedRecord();
        QTest::mouseClick(w.findChild<QToolButton*>("stepButton"), Qt::LeftButton);
        QVERIFY(tw->selectedRecord() > first);

        // Play: the playhead moves forward by itself.
        const qint64 before = tw->playhead();
        QTest::mouseClick(w.findChild<QToolButton*>("playButton"), Qt::LeftButton);
        QVERIFY(w.playback()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(tw->playhead() > before, 5000);
        QTest::mouseClick(w.findChild<QToolButton*>("playButton"), Qt::LeftButton);
        QVERIFY(!w.playback()->isPlaying());

        // Select an Acquire in the event log: the lock view highlights that lock.
        std::size_t acquire = 0;
        while (snap.records[acquire].kind != il::trace::Kind::Acquire)
            ++acquire;
        auto* table = w.findChild<QTableView*>("eventTable");
        w.findChild<QDockWidget*>("eventLogDock")->raise();
        tw->ensureVisible(snap.records[acquire].t_ns);
        tw->setPlayhead(snap.records[acquire].t_ns); // the log follows the playhead to that row
        QModelIndex row;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            QModelIndex i = table->model()->index(r, 0);
            if (i.data(Qt::UserRole).toULongLong() == acquire)
                row = i;
        }
        QVERIFY(row.isValid());
        table->scrollTo(row);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(row).center());
        QCOMPARE(tw->selectedRecord(), acquire);
        auto* locks = w.findChild<LockView*>("lockView");
        QCOMPARE(locks->canvas()->selectedObject(), snap.records[acquire].object);
    }

    void aDeadlockEndsTheRunAndShowsItsCycle() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectScenario("dining-philosophers", {"variant=naive", "philosophers=4"});
        QTest::mouseClick(w.findChild<QPushButton*>("runButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 30000);
        QCOMPARE(w.runModel()->data()->status, il::scenario::RunStatus::Deadlocked);
        auto* banner = w.findChild<QLabel*>("deadlockBanner");
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains("fork-"), qPrintable(banner->text()));
        TimeWindow* tw = w.timeWindow();
        tw->setPlayhead(tw->rangeStart());
        QTest::mouseClick(w.findChild<QPushButton*>("jumpToDeadlock"), Qt::LeftButton);
        const auto& diags = w.runModel()->data()->summary.diagnostics;
        QVERIFY(!diags.empty());
        QVERIFY(tw->playhead() >= diags.front().t_ns);
        QVERIFY(tw->playhead() - diags.front().t_ns < 20'000); // the closing wait, a few ns on
    }

    void aSavedRunOpensAgainAndChartsFollow() {
        QTemporaryDir dir;
        const QString file = dir.filePath("counter.ilrun");
        // Closes any message box as a user would, so an unexpected one fails
        // a check below instead of waiting forever for a click.
        QStringList boxes;
        QTimer closer;
        connect(&closer, &QTimer::timeout, [&boxes] {
            if (QWidget* box = QApplication::activeModalWidget()) {
                boxes << box->windowTitle();
                box->close();
            }
        });
        closer.start(50);
        std::size_t records = 0;
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.selectScenario("counter", {"threads=3", "increments=200"});
            QSignalSpy finished(&w, &MainWindow::runFinished);
            QTest::mouseClick(w.findChild<QPushButton*>("runButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
            QVERIFY(!w.isRunning());
            QVERIFY(!w.runModel()->data()->live); // the finished run, not the last snapshot
            records = w.runModel()->data()->snapshot.records.size();
            QVERIFY(records > 0);
            RunFiles::save(*w.runModel()->data(), file); // what File > Save run writes
        }
        MainWindow w;
        w.show();
        QSignalSpy shown(&w, &MainWindow::runFinished);
        QSignalSpy failed(&w, &MainWindow::openFailed);
        w.openRun(file);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() + failed.count() > 0, 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY2(boxes.isEmpty(), qPrintable(boxes.join(", ")));
        const auto& d = *w.runModel()->data();
        QCOMPARE(d.scenario, std::string("counter"));
        QCOMPARE(d.snapshot.records.size(), records);
        QVERIFY(d.outcome.ok);
        QCOMPARE(w.currentScenario(), QString("counter")); // its parameters in the form
        // Hold times: every run of counter takes its lock (waits depend on luck).
        w.showChart(ChartKind::LockHold);
        auto* charts = w.findChild<ChartsView*>();
        QCOMPARE(charts->currentKind(), std::optional<ChartKind>(ChartKind::LockHold));

        // Not a run: a clear message (the box is closed as a user would).
        QFile junk(dir.filePath("junk.ilrun"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a run");
        junk.close();
        w.openRun(junk.fileName());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(boxes, QStringList{"Open run"});
        QVERIFY2(failed.first().first().toString().contains("not an Interleave run"),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(w.runModel()->data()->scenario, std::string("counter")); // still shown
    }

    void stopEndsALongRun() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectScenario("dining-philosophers", {"variant=ordered", "meals=10000", "think_ms=50"});
        auto* stop = w.findChild<QPushButton*>("stopButton");
        QVERIFY(!stop->isEnabled());
        QTest::keyClick(&w, Qt::Key_F5); // the shortcut starts it
        QVERIFY(w.isRunning());
        QVERIFY(stop->isEnabled());
        // Live: snapshots arrive while it runs and the window stays responsive.
        QTRY_VERIFY_WITH_TIMEOUT(
            w.runModel()->data()->live && !w.runModel()->data()->snapshot.records.empty(), 10000);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 10000);
        QCOMPARE(w.runModel()->data()->status, il::scenario::RunStatus::Stopped);
        QVERIFY(w.findChild<QLabel*>("outcomeLabel")->text().contains("stopped"));
    }

    void stopEndsAHungRun() {
        // A waiter that missed its notify hangs on a Condition: no wait-for
        // cycle for the engine to stop, so the user's Stop ends it.
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectScenario("lost-wakeup", {"variant=notify-before-wait", "patience_ms=60000"});
        QTest::mouseClick(w.findChild<QPushButton*>("runButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.runModel()->data()->snapshot.records.empty(), 10000);
        QVERIFY(w.isRunning());
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier); // Stop's shortcut
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 10000);
        QCOMPARE(w.runModel()->data()->status, il::scenario::RunStatus::Stopped);
    }

    void rememberedScenarioAndParameters() {
        {
            MainWindow w;
            w.selectScenario("semaphore", {"workers=7"});
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.currentScenario(), QString("semaphore"));
        QCOMPARE(again.findChild<QLineEdit*>("param_workers")->text(), QString("7"));
    }

    void switchLanguage() {
        AppShell shell(LaunchOptions{});
        shell.start();
        MainWindow* english = shell.window();
        QVERIFY(QTest::qWaitForWindowExposed(english));
        QCOMPARE(english->findChild<QPushButton*>("runButton")->text(), QString("&Run"));
        english->findChild<QAction*>("language_zh_CN")->trigger();
        QTRY_VERIFY(shell.window() && shell.window() != english);
        MainWindow* chinese = shell.window();
        QCOMPARE(current_language(), QString("zh_CN"));
        const QString run = chinese->findChild<QPushButton*>("runButton")->text();
        QVERIFY2(run != "&Run" && !run.isEmpty(), qPrintable(run));
        QVERIFY(!chinese->windowTitle().contains("a lab for concurrent programming"));
        chinese->findChild<QAction*>("language_en")->trigger();
        QTRY_VERIFY(shell.window() && shell.window() != chinese);
        QCOMPARE(shell.window()->findChild<QPushButton*>("runButton")->text(), QString("&Run"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
