// The "what changed" table on hand-made comparison rows: translated metric
// names instead of the engine's keys, values with units, the change column's
// words and signs, highlighting of large changes, and numeric sorting.
#include "compare/compare_model.h"
#include "compare/compare_text.h"

#include <QSortFilterProxyModel>
#include <QtTest>

using il::compare::Row;
using il::compare::Section;
using il::compare::Unit;
using il::ui::CompareModel;
using il::ui::CompareText;

namespace {

Row row(Section s, std::string subject, std::string metric, Unit u, std::optional<double> l,
        std::optional<double> r) {
    Row x;
    x.section = s;
    x.subject = std::move(subject);
    x.metric = std::move(metric);
    x.unit = u;
    x.kind = s == Section::Lock ? "lock" : s == Section::Queue ? "queue" : "";
    x.left = l;
    x.right = r;
    return x;
}

std::vector<Row> rows() {
    return {
        row(Section::Run, "", "duration", Unit::Nanoseconds, 10e6, 12.5e6),           // +25 %
        row(Section::Lock, "L", "wait_total", Unit::Nanoseconds, 1e6, 0.9e6),         // −10 %
        row(Section::Queue, "Q", "mean_fill", Unit::Items, 2.5, 2.5),                 // ±0
        row(Section::Lane, "alpha", "utilisation", Unit::Ratio, 0.5, 0.25),           // −50 %
        row(Section::Lane, "gamma", "running", Unit::Nanoseconds, std::nullopt, 3e6), // new lane
        row(Section::Lock, "S", "acquisitions", Unit::Count, 0, 4),                   // from 0
    };
}

QString cell(const QAbstractItemModel& m, int r, int c, int role = Qt::DisplayRole) {
    return m.data(m.index(r, c), role).toString();
}

} // namespace

class TestCompareModel : public QObject {
    Q_OBJECT
private slots:
    void texts();
    void cells();
    void highlightsLargeChanges();
    void sortsByNumbers();
};

void TestCompareModel::texts() {
    const std::vector<Row> r = rows();
    QCOMPARE(CompareText::what(r[0]), QString("Run"));
    QCOMPARE(CompareText::what(r[1]), QString("Lock: L"));
    Row sem = r[5];
    sem.kind = "bounded_semaphore";
    QCOMPARE(CompareText::what(sem), QString("Bounded semaphore: S"));
    sem.kind = "rlock";
    QCOMPARE(CompareText::what(sem), QString("RLock: S"));
    QCOMPARE(CompareText::what(r[2]), QString("Queue: Q"));
    QCOMPARE(CompareText::what(r[3]), QString("Lane: alpha"));
    QCOMPARE(CompareText::metric("wait_p95"), QString("Wait p95"));
    QCOMPARE(CompareText::metric("time_full"), QString("Time full"));
    // A key the table does not know never shows as the raw key.
    QVERIFY(!CompareText::knownMetric("not_a_metric_yet"));
    QCOMPARE(CompareText::metric("not_a_metric_yet"), QString("Other measure"));

    QCOMPARE(CompareText::value(Unit::Nanoseconds, 12.5e6), QString("12.5 ms"));
    QCOMPARE(CompareText::value(Unit::Count, 4.0), QString("4"));
    QCOMPARE(CompareText::value(Unit::Count, 2.25), QString("2.25"));
    QCOMPARE(CompareText::value(Unit::Ratio, 0.833), QString("83.3 %"));
    QCOMPARE(CompareText::value(Unit::Items, 2.5), QString("2.50"));
    QCOMPARE(CompareText::value(Unit::Items, std::nullopt), QString("—"));

    QCOMPARE(CompareText::change(r[0]), QString("+25 %"));
    QCOMPARE(CompareText::change(r[1]), QString("\u221210 %"));
    QCOMPARE(CompareText::change(r[2]), QString("±0 %"));
    QCOMPARE(CompareText::change(r[3]), QString("\u221250 %"));
    QCOMPARE(CompareText::change(r[4]), QString("bottom run only"));
    QCOMPARE(CompareText::change(r[5]), QString("new"));
    Row gone = r[4];
    std::swap(gone.left, gone.right);
    QCOMPARE(CompareText::change(gone), QString("top run only"));
    // Small changes keep a decimal; a tiny one reads as none.
    QCOMPARE(CompareText::change(row(Section::Run, "", "duration", Unit::Nanoseconds, 100, 104.5)),
             QString("+4.5 %"));
    QCOMPARE(
        CompareText::change(row(Section::Run, "", "duration", Unit::Nanoseconds, 1e6, 1e6 + 1)),
        QString("±0 %"));
}

void TestCompareModel::cells() {
    CompareModel m;
    m.setRows(rows());
    QCOMPARE(m.rowCount(), 6);
    QCOMPARE(m.columnCount(), int(CompareModel::ColumnCount));
    QCOMPARE(m.headerData(CompareModel::ChangeColumn, Qt::Horizontal).toString(),
             QString("Change"));
    QCOMPARE(cell(m, 0, CompareModel::WhatColumn), QString("Run"));
    QCOMPARE(cell(m, 0, CompareModel::MetricColumn), QString("Duration"));
    QCOMPARE(cell(m, 0, CompareModel::LeftColumn), QString("10.0 ms"));
    QCOMPARE(cell(m, 0, CompareModel::RightColumn), QString("12.5 ms"));
    QCOMPARE(cell(m, 0, CompareModel::ChangeColumn), QString("+25 %"));
    QCOMPARE(cell(m, 1, CompareModel::MetricColumn), QString("Total wait"));
    QCOMPARE(cell(m, 1, CompareModel::RightColumn), QString("900.0 µs"));
    QCOMPARE(cell(m, 3, CompareModel::LeftColumn), QString("50.0 %"));
    QCOMPARE(cell(m, 4, CompareModel::LeftColumn), QString("—"));
    QCOMPARE(cell(m, 4, CompareModel::RightColumn), QString("3.00 ms"));
    // No cell shows an engine key.
    for (int r = 0; r < m.rowCount(); ++r)
        QVERIFY(!cell(m, r, CompareModel::MetricColumn).contains('_'));
}

void TestCompareModel::highlightsLargeChanges() {
    CompareModel m;
    m.setRows(rows());
    const bool expected[] = {true, false, false, true, true, true};
    for (int r = 0; r < m.rowCount(); ++r) {
        QCOMPARE(m.data(m.index(r, 0), CompareModel::LargeChangeRole).toBool(), expected[r]);
        QCOMPARE(m.data(m.index(r, 2), Qt::BackgroundRole).isValid(), expected[r]);
    }
    QVERIFY(!m.data(m.index(0, CompareModel::ChangeColumn), Qt::ToolTipRole).toString().isEmpty());
    // Exactly the threshold counts, whatever the floating-point noise.
    QVERIFY(CompareModel::isLargeChange(row(Section::Run, "", "events", Unit::Count, 10, 12)));
    QVERIFY(!CompareModel::isLargeChange(row(Section::Run, "", "events", Unit::Count, 10, 11.9)));
}

void TestCompareModel::sortsByNumbers() {
    CompareModel m;
    m.setRows(rows());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(CompareModel::SortRole);
    proxy.sort(CompareModel::ChangeColumn, Qt::DescendingOrder);
    // The rows with no ratio count as the largest (Qt's rule for an invalid
    // sort value): first here, then +25 %, 0, −10 %, −50 %.
    QStringList changes;
    for (int r = 0; r < proxy.rowCount(); ++r)
        changes << cell(proxy, r, CompareModel::ChangeColumn);
    QCOMPARE(changes.mid(2, 4), QStringList({"+25 %", "±0 %", "\u221210 %", "\u221250 %"}));
    // By value as numbers, not strings (as text, "900.0 µs" would follow "12.5 ms").
    proxy.sort(CompareModel::RightColumn, Qt::AscendingOrder);
    QCOMPARE(cell(proxy, 0, CompareModel::RightColumn), QString("25.0 %"));
    QCOMPARE(cell(proxy, proxy.rowCount() - 1, CompareModel::RightColumn), QString("12.5 ms"));
}

QTEST_MAIN(TestCompareModel)
#include "tst_compare_model.moc"
