// The sweep dialog driven through its widgets: only numeric parameters are
// offered, bad ranges disable Start and say why next to the field, a real
// short sweep of `counter` runs to the end (progress at 100 %, the table and
// the summary filled, CSV exported), and Cancel or closing during a longer
// `thread-pool` sweep ends it without leaving a thread behind.
#include "charts/charts_view.h"
#include "scenario/catalog.h"
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_form.h"
#include "sweep/sweep_job.h"
#include "sweep/sweep_points_model.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

using il::ui::SweepDialog;

namespace {

const il::scenario::Scenario& scenario(const char* id) {
    const il::scenario::Scenario* s = il::scenario::find_scenario(id);
    if (!s)
        qFatal("no scenario %s", id);
    return *s;
}

template <class W> W* child(const QWidget& parent, const char* name) {
    W* w = parent.findChild<W*>(name);
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// Replaces a line edit's text by typing, as a user would.
void type(const QWidget& parent, const char* name, const QString& text) {
    QLineEdit* e = child<QLineEdit>(parent, name);
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Backspace);
    QTest::keyClicks(e, text);
}

// Shown with a visible message (not only set).
bool says(const QWidget& parent, const char* label, const QString& part) {
    const QLabel* l = child<QLabel>(parent, label);
    return l->isVisible() && l->text().contains(part, Qt::CaseInsensitive);
}

constexpr int kLongWaitMs = 120'000; // a busy shared machine; nothing here is timed

} // namespace

class TestSweepDialog : public QObject {
    Q_OBJECT
private slots:
    void offersNumericParametersOnly();
    void badInputDisablesStart();
    void badOtherParameterIsShown();
    void shortSweepRunsToTheEnd();
    void cancelKeepsFinishedRuns();
    void closingWhileRunningCancels();
};

void TestSweepDialog::offersNumericParametersOnly() {
    SweepDialog d(scenario("counter"), {});
    const QComboBox* params = child<QComboBox>(d, "sweepParam");
    // threads and increments; not the boolean `locked`.
    QCOMPARE(params->count(), 2);
    QCOMPARE(params->itemText(0), QString("threads"));
    QCOMPARE(params->itemText(1), QString("increments"));
    QCOMPARE(child<QLabel>(d, "sweepAllowed")->text(), QString("whole number, 1 to 64"));
    QCOMPARE(child<QLineEdit>(d, "sweepFrom")->text(), QString("1"));
    QCOMPARE(child<QLineEdit>(d, "sweepTo")->text(), QString("8"));
    QVERIFY(child<QPushButton>(d, "sweepStart")->isEnabled());
    QVERIFY(!child<QPushButton>(d, "sweepCancel")->isEnabled());
    QVERIFY(!child<QPushButton>(d, "sweepExportCsv")->isEnabled());
}

void TestSweepDialog::badInputDisablesStart() {
    SweepDialog d(scenario("counter"), {"increments=10"});
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QPushButton* start = child<QPushButton>(d, "sweepStart");

    type(d, "sweepFrom", "5");
    type(d, "sweepTo", "2");
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepToError", "below"));
    QVERIFY(!d.form()->isValid());

    type(d, "sweepTo", "70"); // threads allow 1..64
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepToError", "out of range"));
    QVERIFY(says(d, "sweepToError", "1..64"));

    type(d, "sweepTo", "6");
    QVERIFY(start->isEnabled());
    QVERIFY(!child<QLabel>(d, "sweepToError")->isVisible());

    type(d, "sweepStep", "0");
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepStepError", "above 0"));
    type(d, "sweepStep", "1.5");
    QVERIFY(says(d, "sweepStepError", "whole number"));
    // 5..6 by 2 is a single value: the engine's check, shown under the form.
    type(d, "sweepStep", "2");
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepError", "at least 2"));
    type(d, "sweepStep", "1");
    QVERIFY(start->isEnabled());
    QVERIFY(!child<QLabel>(d, "sweepError")->isVisible());

    type(d, "sweepSeed", "-3");
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepSeedError", "seed"));
    type(d, "sweepSeed", "7");
    QVERIFY(start->isEnabled());
    QCOMPARE(d.form()->spec()->seed, std::uint64_t(7));
    QCOMPARE(d.form()->spec()->values, std::vector<double>({5, 6}));

    // Only the engine knows the whole: too many values for one sweep.
    QComboBox* params = child<QComboBox>(d, "sweepParam");
    params->setCurrentIndex(params->findText("increments"));
    type(d, "sweepFrom", "1");
    type(d, "sweepTo", "100000");
    QVERIFY(!start->isEnabled());
    QVERIFY(says(d, "sweepError", "at most"));
    QVERIFY(start->toolTip().contains("at most"));
    // Clicking a disabled Start starts nothing.
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!d.job()->isRunning());
}

void TestSweepDialog::badOtherParameterIsShown() {
    // The caller's form may hold a value the engine rejects: said, not run.
    SweepDialog d(scenario("counter"), {"increments=0"});
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(!child<QPushButton>(d, "sweepStart")->isEnabled());
    QVERIFY(says(d, "sweepError", "increments"));
}

void TestSweepDialog::shortSweepRunsToTheEnd() {
    SweepDialog d(scenario("counter"), {"increments=10", "threads=5"});
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    type(d, "sweepFrom", "1");
    type(d, "sweepTo", "3");
    // The form's `threads=5` gives way to the swept values.
    QCOMPARE(d.form()->spec()->assignments, std::vector<std::string>({"increments=10"}));
    QTest::mouseClick(child<QPushButton>(d, "sweepStart"), Qt::LeftButton);
    QVERIFY(d.job()->isRunning());
    QVERIFY(!child<QPushButton>(d, "sweepStart")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!d.job()->isRunning(), kLongWaitMs);

    const QProgressBar* progress = child<QProgressBar>(d, "sweepProgress");
    QCOMPARE(progress->maximum(), 3);
    QCOMPARE(progress->value(), 3);
    QVERIFY(child<QLabel>(d, "sweepStatus")->text().startsWith("Done"));
    QVERIFY(d.job()->error().isEmpty());
    const QAbstractItemModel* table = child<QTableView>(d, "sweepTable")->model();
    QCOMPARE(table->rowCount(), 3);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(table->data(table->index(r, 0)).toString(), QString::number(r + 1));
    QCOMPARE(table->data(table->index(0, il::ui::SweepPointsModel::SpeedupColumn)).toString(),
             QString("1.00×"));
    QVERIFY(child<QLabel>(d, "sweepSummary")->text().contains("Amdahl"));
    QVERIFY(d.charts()->chartData().has_value());
    QVERIFY(child<QPushButton>(d, "sweepExportCsv")->isEnabled());
    QVERIFY(child<QPushButton>(d, "sweepStart")->isEnabled());

    // CSV: a header and one line per value; an unwritable path is an error in words.
    QTemporaryDir dir;
    const QString path = dir.filePath("sweep.csv");
    QCOMPARE(d.exportCsv(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith("value,wall_ms"));
    const QString bad = dir.filePath("no-such-dir/sweep.csv");
    const QString error = d.exportCsv(bad);
    QVERIFY(error.contains(bad));
    QVERIFY(!QFile::exists(bad));
}

void TestSweepDialog::cancelKeepsFinishedRuns() {
    // 40 calls of 30 ms each: over a second per run with one worker.
    auto* d = new SweepDialog(scenario("thread-pool"), {"tasks=40", "work_ms=30"});
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d));
    d->form()->setParameter("workers");
    type(*d, "sweepFrom", "1");
    type(*d, "sweepTo", "8");
    child<QSpinBox>(*d, "sweepRepeat")->setValue(2);
    QTest::mouseClick(child<QPushButton>(*d, "sweepStart"), Qt::LeftButton);
    QProgressBar* progress = child<QProgressBar>(*d, "sweepProgress");
    QCOMPARE(progress->maximum(), 16);
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 1, kLongWaitMs);
    QPushButton* cancel = child<QPushButton>(*d, "sweepCancel");
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!d->job()->isRunning(), kLongWaitMs);

    QVERIFY(d->job()->result().cancelled);
    QVERIFY(child<QLabel>(*d, "sweepStatus")->text().startsWith("Cancelled"));
    const int runs = int(d->job()->result().runs.size());
    QVERIFY(runs >= 1 && runs < 16);
    QCOMPARE(progress->value(), runs);
    // The values reached are in the table.
    QVERIFY(d->pointsModel()->rowCount() >= 1);
    delete d; // right away: nothing is left running
    QTRY_COMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
}

void TestSweepDialog::closingWhileRunningCancels() {
    QPointer<SweepDialog> d =
        SweepDialog::open(scenario("thread-pool"), {"tasks=40", "work_ms=30"}, nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(d.data()));
    d->form()->setParameter("workers");
    type(*d, "sweepTo", "8");
    QTest::mouseClick(child<QPushButton>(*d, "sweepStart"), Qt::LeftButton);
    QVERIFY(d->job()->isRunning());
    // Escape closes the dialog: the sweep is cancelled and waited for.
    QTest::keyClick(d.data(), Qt::Key_Escape);
    QVERIFY(!d->isVisible());
    QVERIFY(d->job()->threadDone()); // waited for, not left behind
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(d.isNull());
    QTRY_COMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
}

QTEST_MAIN(TestSweepDialog)
#include "tst_sweep_dialog.moc"
