// The sweep's table and its summary on a hand-made result: cells with units,
// oversubscribed values marked and tinted, failed outcomes noted, numeric
// sorting, and the serial fraction in words.
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_points_model.h"

#include <QSortFilterProxyModel>
#include <QtTest>

using il::ui::SweepDialog;
using il::ui::SweepPointsModel;

namespace {

il::sweep::SweepPoint point(double value, std::int64_t wall_ms, double speedup, bool over,
                            bool ok = true) {
    il::sweep::SweepPoint p;
    p.value = value;
    p.wall_ns = wall_ms * 1'000'000;
    p.wall_min_ns = p.wall_ns - 1'000'000;
    p.wall_max_ns = p.wall_ns + 2'000'000;
    p.speedup = speedup;
    p.ideal = value;
    p.efficiency = speedup / value;
    p.oversubscribed = over;
    p.all_ok = ok;
    return p;
}

il::sweep::SweepResult result(double serial_fraction) {
    il::sweep::SweepResult r;
    r.spec.scenario = "thread-pool";
    r.spec.param = "workers";
    r.cores = 2;
    r.serial_fraction = serial_fraction;
    r.points = {point(1, 120, 1.0, false), point(2, 64, 1.9, false),
                point(4, 60, 2.0, true, false)};
    return r;
}

QString cell(const QAbstractItemModel& m, int r, int c) {
    return m.data(m.index(r, c)).toString();
}

} // namespace

class TestSweepPoints : public QObject {
    Q_OBJECT
private slots:
    void cells();
    void sorts();
    void summary();
};

void TestSweepPoints::cells() {
    SweepPointsModel m;
    m.setResult(result(0.1));
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.headerData(SweepPointsModel::ValueColumn, Qt::Horizontal).toString(),
             QString("workers"));
    QCOMPARE(m.headerData(SweepPointsModel::WallColumn, Qt::Horizontal).toString(),
             QString("Wall time (ms)"));
    QCOMPARE(cell(m, 1, SweepPointsModel::ValueColumn), QString("2"));
    QCOMPARE(cell(m, 1, SweepPointsModel::WallColumn), QString("64.000"));
    QCOMPARE(cell(m, 1, SweepPointsModel::SpreadColumn), QString("63.000 – 66.000"));
    QCOMPARE(cell(m, 1, SweepPointsModel::SpeedupColumn), QString("1.90×"));
    QCOMPARE(cell(m, 1, SweepPointsModel::IdealColumn), QString("2.00×"));
    QCOMPARE(cell(m, 1, SweepPointsModel::EfficiencyColumn), QString("95.0"));
    QCOMPARE(cell(m, 1, SweepPointsModel::NoteColumn), QString());
    QVERIFY(!m.data(m.index(1, 0), Qt::BackgroundRole).isValid());
    // 4 workers on 2 cores: marked, tinted, explained; its outcome failed too.
    QCOMPARE(cell(m, 2, SweepPointsModel::NoteColumn),
             QString("oversubscribed (> 2 cores); outcome check failed"));
    QVERIFY(m.data(m.index(2, 0), Qt::BackgroundRole).isValid());
    QVERIFY(!m.data(m.index(2, 3), Qt::ToolTipRole).toString().isEmpty());
    m.clear();
    QCOMPARE(m.rowCount(), 0);
}

void TestSweepPoints::sorts() {
    SweepPointsModel m;
    m.setResult(result(0.1));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(SweepPointsModel::SortRole);
    proxy.sort(SweepPointsModel::WallColumn, Qt::AscendingOrder);
    QCOMPARE(cell(proxy, 0, SweepPointsModel::ValueColumn), QString("4"));
    QCOMPARE(cell(proxy, 2, SweepPointsModel::ValueColumn), QString("1"));
    proxy.sort(SweepPointsModel::SpeedupColumn, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, SweepPointsModel::SpeedupColumn), QString("2.00×"));
}

void TestSweepPoints::summary() {
    const QString f10 = SweepDialog::summaryText(result(0.1));
    QVERIFY2(f10.contains("about 10 % of the work is serial"), qPrintable(f10));
    QVERIFY2(f10.contains("no value of workers can make it more than 10.0× faster"),
             qPrintable(f10));
    QVERIFY2(f10.contains("2 core(s)") || f10.contains("2 cores"), qPrintable(f10));
    QVERIFY2(f10.contains("oversubscribed"), qPrintable(f10));

    il::sweep::SweepResult parallel = result(0);
    parallel.points.pop_back(); // none past the cores
    const QString f0 = SweepDialog::summaryText(parallel);
    QVERIFY2(f0.contains("as if fully parallel"), qPrintable(f0));
    QVERIFY2(!f0.contains("oversubscribed"), qPrintable(f0));

    il::sweep::SweepResult one = result(0.5);
    one.points.resize(1);
    QVERIFY(SweepDialog::summaryText(one).contains("Too few values"));
}

QTEST_MAIN(TestSweepPoints)
#include "tst_sweep_points.moc"
