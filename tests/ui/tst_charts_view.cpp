// The charts dock driven through its widgets: the kind selector offers only
// what the run or sweep has (the rest disabled, saying why), picking a kind
// draws it, Export… writes the file or shows why not, and the theme follows
// the palette.
#include "chart_fixture.h"
#include "charts/chart_export_dialog.h"
#include "charts/charts_view.h"
#include "charts/run_charts.h"
#include "view_fixture.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using il::ui::ChartKind;
using il::ui::ChartsView;

namespace {

bool enabled(QComboBox* box, int i) {
    auto* model = qobject_cast<QStandardItemModel*>(box->model());
    return model && model->item(i)->isEnabled();
}

int index_of(QComboBox* box, ChartKind kind) {
    return box->findData(int(kind));
}

} // namespace

class TestChartsView : public QObject {
    Q_OBJECT
private slots:
    void emptyViewSaysSo();
    void runKindsEnabledAsAvailable();
    void keyboardSkipsMissingKinds();
    void sweepCharts();
    void exportDialogWritesFile();
    void exportDialogShowsErrors();
    void themeFollowsPalette();
};

void TestChartsView::emptyViewSaysSo() {
    ChartsView v;
    v.resize(600, 400);
    v.show();
    QCOMPARE(v.kindSelector()->count(), 0);
    QVERIFY(!v.chartData());
    QVERIFY(!v.exportButton()->isEnabled());
    QVERIFY(!v.chartView()->isVisible());
}

void TestChartsView::runKindsEnabledAsAvailable() {
    ChartsView v;
    v.resize(800, 500);
    v.show();
    v.setRun(il::test::busy_run());
    QComboBox* box = v.kindSelector();
    QCOMPARE(box->count(), 6);
    QCOMPARE(v.currentKind(), ChartKind::Utilisation);
    const int models = index_of(box, ChartKind::Models);
    QVERIFY(!enabled(box, models));
    QVERIFY(box->itemData(models, Qt::ToolTipRole).toString().contains("no models"));
    // Picking a kind through the selector draws it.
    box->setCurrentIndex(index_of(box, ChartKind::QueueFill));
    QCOMPARE(v.currentKind(), ChartKind::QueueFill);
    QCOMPARE(v.chartData()->kind, ChartKind::QueueFill);
    QCOMPARE(v.chartView()->chart()->series().size(), 2); // Q and its capacity
    QCOMPARE(v.chartView()->chart()->title(), QString("Queue fill"));
    QVERIFY(il::test::drawn(v.grab().toImage()));
    // A disabled kind cannot be forced; the choice survives a new run that has it.
    v.setCurrentKind(ChartKind::Models);
    QCOMPARE(v.currentKind(), ChartKind::QueueFill);
    v.setRun(il::test::busy_run());
    QCOMPARE(v.currentKind(), ChartKind::QueueFill);
    // A run without queues falls back to its first kind.
    v.setRun(il::test::plain_run());
    QCOMPARE(v.currentKind(), ChartKind::Utilisation);
    QVERIFY(!enabled(box, index_of(box, ChartKind::LockWait)));
    QCOMPARE(box->itemData(index_of(box, ChartKind::LockWait), Qt::ToolTipRole).toString(),
             QString("this run has no locks"));
}

void TestChartsView::keyboardSkipsMissingKinds() {
    ChartsView v;
    v.resize(800, 500);
    v.show();
    v.setRun(il::test::plain_run()); // utilisation and throughput only
    QComboBox* box = v.kindSelector();
    box->setFocus();
    QSignalSpy changed(&v, &ChartsView::kindChanged);
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(v.currentKind(), ChartKind::Throughput);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(v.chartData()->kind, ChartKind::Throughput);
    QTest::keyClick(box, Qt::Key_Down); // models is disabled: stays
    QCOMPARE(v.currentKind(), ChartKind::Throughput);
    QTest::keyClick(box, Qt::Key_Up);
    QCOMPARE(v.currentKind(), ChartKind::Utilisation);
}

void TestChartsView::sweepCharts() {
    ChartsView v;
    v.resize(800, 500);
    v.show();
    v.setRun(il::test::busy_run());
    v.setSweep(il::test::hand_sweep());
    QComboBox* box = v.kindSelector();
    QCOMPARE(box->count(), 3);
    box->setCurrentIndex(index_of(box, ChartKind::Speedup));
    QCOMPARE(v.chartData()->kind, ChartKind::Speedup);
    // Measured, ideal, Amdahl, oversubscribed, and the shaded band.
    QCOMPARE(v.chartView()->chart()->series().size(), 5);
    QVERIFY(il::test::drawn(v.grab().toImage()));
    v.setSweep(il::sweep::SweepResult{});
    QVERIFY(!v.chartData());
    QVERIFY(!v.exportButton()->isEnabled());
}

void TestChartsView::exportDialogWritesFile() {
    QTemporaryDir dir;
    ChartsView v;
    v.resize(800, 500);
    v.show();
    v.setRun(il::test::busy_run());
    QTest::mouseClick(v.exportButton(), Qt::LeftButton);
    auto* dialog = v.findChild<il::ui::ChartExportDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // Typing a .csv name picks the CSV format; the size boxes do not apply.
    dialog->pathEdit()->clear();
    QTest::keyClicks(dialog->pathEdit(), dir.filePath("lanes.csv"));
    QCOMPARE(dialog->formatBox()->currentIndex(), 3);
    QVERIFY(!dialog->widthBox()->isEnabled());
    // Back to PNG: the name follows.
    dialog->formatBox()->setCurrentIndex(0);
    QCOMPARE(dialog->pathEdit()->text(), dir.filePath("lanes.png"));
    dialog->widthBox()->setValue(640);
    dialog->heightBox()->setValue(360);
    dialog->dpiBox()->setValue(144);
    auto* save = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
    QPointer<il::ui::ChartExportDialog> alive(dialog);
    QTest::mouseClick(save, Qt::LeftButton);
    const QImage img(dir.filePath("lanes.png"));
    QCOMPARE(img.size(), QSize(640, 360));
    QCOMPARE(img.dotsPerMeterX(), qRound(144 / 0.0254));
    QTRY_VERIFY(!alive); // closed and deleted
}

void TestChartsView::exportDialogShowsErrors() {
    QTemporaryDir dir;
    il::ui::ChartExportDialog dialog(
        il::ui::run_chart(*il::test::busy_run(), ChartKind::Utilisation));
    dialog.show();
    dialog.pathEdit()->setText(dir.filePath("missing/chart.svg"));
    dialog.accept();
    QVERIFY(dialog.isVisible()); // stays open to fix the path
    QVERIFY(dialog.errorText().contains("missing/chart.svg"));
    QVERIFY(!QFile::exists(dir.filePath("missing/chart.svg")));
    dialog.pathEdit()->clear();
    dialog.accept();
    QVERIFY(!dialog.errorText().isEmpty());
    dialog.pathEdit()->setText(dir.filePath("chart")); // no suffix: the format's
    dialog.formatBox()->setCurrentIndex(1);
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    QVERIFY(QFile::exists(dir.filePath("chart.svg")));
    QVERIFY(dialog.errorText().isEmpty());
}

void TestChartsView::themeFollowsPalette() {
    const QPalette before = QApplication::palette();
    ChartsView v;
    v.resize(600, 400);
    v.show();
    v.setRun(il::test::busy_run());
    QCOMPARE(v.chartView()->chart()->theme(), QChart::ChartThemeLight);
    QApplication::setPalette(QPalette(QColor(0x30, 0x30, 0x30)));
    QCoreApplication::processEvents();
    QTRY_COMPARE(v.chartView()->chart()->theme(), QChart::ChartThemeDark);
    QApplication::setPalette(before);
    QTRY_COMPARE(v.chartView()->chart()->theme(), QChart::ChartThemeLight);
}

QTEST_MAIN(TestChartsView)
#include "tst_charts_view.moc"
