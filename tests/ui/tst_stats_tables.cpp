// The statistics tables on a hand-made snapshot: exact cells, the "at
// playhead" column, numeric sorting, live updates, and clicks in the view.
#include "hand_trace.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "tables/lane_stats_model.h"
#include "tables/lock_stats_model.h"
#include "tables/queue_stats_model.h"
#include "tables/stats_view.h"

#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using il::trace::Kind;
using il::trace::ObjectKind;
using il::ui::LaneStatsModel;
using il::ui::LockStatsModel;
using il::ui::QueueStatsModel;

namespace {

constexpr std::int64_t ms = 1'000'000;
constexpr std::int64_t T0 = HandTrace::kStart;

// alpha and beta share lock L (beta waits 1 ms for it), alpha fills queue Q
// and takes a permit of S, then sleeps; gamma only runs, for 9 ms.
struct Fixture {
    HandTrace h;
    std::size_t beta_wait = 0, beta_acquire = 0, second_put = 0;

    Fixture() {
        const auto a = h.lane("alpha", 100);
        const auto b = h.lane("beta", 200);
        const auto c = h.lane("gamma", 100);
        const auto lock = h.object(ObjectKind::Lock, "L");
        const auto sem = h.object(ObjectKind::Semaphore, "S", 2);
        const auto queue = h.object(ObjectKind::Queue, "Q", 2);
        const auto u = [](auto e) { return HandTrace::u(e); };
        h.rec(0, a, Kind::LaneStart, h.laneObject(a));
        h.rec(0, b, Kind::LaneStart, h.laneObject(b));
        h.rec(0, c, Kind::LaneStart, h.laneObject(c));
        h.rec(1 * ms, a, Kind::Acquire, lock, 0, 1);
        beta_wait = h.rec(2 * ms, b, Kind::WaitBegin, lock, 0, 0, u(il::trace::WaitReason::Lock));
        h.rec(3 * ms, a, Kind::Release, lock, 1, 0);
        h.rec(3 * ms, b, Kind::WaitEnd, lock, 0, 0, u(il::trace::WaitResult::Ok));
        beta_acquire = h.rec(3 * ms, b, Kind::Acquire, lock, 1, 1);
        h.rec(4 * ms, b, Kind::Release, lock, 2, 0);
        h.rec(5 * ms, a, Kind::Put, queue, 1, 1);
        second_put = h.rec(6 * ms, a, Kind::Put, queue, 2, 2);
        h.rec(8 * ms, b, Kind::Get, queue, 1, 1);
        h.rec(9 * ms, a, Kind::Acquire, sem, 0, 1);
        h.rec(9 * ms, c, Kind::LaneEnd, h.laneObject(c), 1);
        h.rec(10 * ms, a, Kind::Release, sem, 1, 2);
        h.rec(10 * ms, a, Kind::SleepBegin, 0, 2 * ms);
        h.rec(12 * ms, a, Kind::SleepEnd);
        h.rec(12 * ms, a, Kind::LaneEnd, h.laneObject(a), 2);
        h.rec(14 * ms, b, Kind::LaneEnd, h.laneObject(b), 3);
    }
};

QString text(const QAbstractItemModel& m, int row, int column) {
    return m.data(m.index(row, column)).toString();
}

QStringList column_texts(const QAbstractItemModel& m, int column) {
    QStringList out;
    for (int row = 0; row < m.rowCount(); ++row)
        out << text(m, row, column);
    return out;
}

} // namespace

class TestStatsTables : public QObject {
    Q_OBJECT
private slots:
    void laneStats();
    void lockStats();
    void queueStats();
    void playheadUpdatesOneColumn();
    void liveUpdateKeepsRows();
    void viewSortsAndSelects();
};

void TestStatsTables::laneStats() {
    Fixture f;
    LaneStatsModel m;
    m.setRunData(f.h.data());
    m.setPlayhead(T0 + 2 * ms + ms / 2);
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.columnCount(), int(LaneStatsModel::ColumnCount));
    QCOMPARE(m.headerData(LaneStatsModel::RunningColumn, Qt::Horizontal).toString(),
             QString("Running (ms)"));
    QCOMPARE(m.headerData(LaneStatsModel::UtilisationColumn, Qt::Horizontal).toString(),
             QString("Utilisation (%)"));
    QCOMPARE(column_texts(m, LaneStatsModel::LaneColumn), QStringList({"alpha", "beta", "gamma"}));
    QCOMPARE(column_texts(m, LaneStatsModel::ProcessColumn), QStringList({"100", "200", "100"}));
    QCOMPARE(column_texts(m, LaneStatsModel::StateColumn),
             QStringList({"Running", "Blocked: lock 'L'", "Running"}));
    QCOMPARE(column_texts(m, LaneStatsModel::RunningColumn),
             QStringList({"10.000", "13.000", "9.000"}));
    QCOMPARE(column_texts(m, LaneStatsModel::BlockedColumn),
             QStringList({"0.000", "1.000", "0.000"}));
    QCOMPARE(column_texts(m, LaneStatsModel::ReadyColumn),
             QStringList({"0.000", "0.000", "0.000"}));
    QCOMPARE(column_texts(m, LaneStatsModel::SleepingColumn),
             QStringList({"2.000", "0.000", "0.000"}));
    QCOMPARE(column_texts(m, LaneStatsModel::UtilisationColumn),
             QStringList({"83.3", "92.9", "100.0"}));
    QCOMPARE(column_texts(m, LaneStatsModel::WaitsColumn), QStringList({"0", "1", "0"}));
    // Raw numbers for sorting, the lane id per row, a colour for the state.
    QCOMPARE(m.data(m.index(1, LaneStatsModel::RunningColumn), LaneStatsModel::SortRole),
             QVariant(qlonglong(13 * ms)));
    QCOMPARE(m.data(m.index(2, 0), LaneStatsModel::IdRole).toUInt(), 3u);
    QVERIFY(
        m.data(m.index(1, LaneStatsModel::StateColumn), Qt::DecorationRole).canConvert<QColor>());
    m.setPlayhead(T0 + 11 * ms);
    QCOMPARE(column_texts(m, LaneStatsModel::StateColumn),
             QStringList({"Sleeping", "Running", "Done"}));
}

void TestStatsTables::lockStats() {
    Fixture f;
    LockStatsModel m;
    m.setRunData(f.h.data());
    m.setPlayhead(T0 + 2 * ms + ms / 2);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.headerData(LockStatsModel::WaitP95Column, Qt::Horizontal).toString(),
             QString("Wait p95 (ms)"));
    QCOMPARE(column_texts(m, LockStatsModel::NameColumn), QStringList({"L", "S"}));
    QCOMPARE(column_texts(m, LockStatsModel::KindColumn), QStringList({"lock", "semaphore"}));
    QCOMPARE(column_texts(m, LockStatsModel::HolderColumn),
             QStringList({"alpha (1 waiting)", "free"}));
    QCOMPARE(column_texts(m, LockStatsModel::AcquisitionsColumn), QStringList({"2", "1"}));
    QCOMPARE(column_texts(m, LockStatsModel::ContendedColumn), QStringList({"50.0", "0.0"}));
    QCOMPARE(column_texts(m, LockStatsModel::WaitMedianColumn), QStringList({"1.000", "—"}));
    QCOMPARE(column_texts(m, LockStatsModel::WaitP95Column), QStringList({"1.000", "—"}));
    QCOMPARE(column_texts(m, LockStatsModel::WaitMaxColumn), QStringList({"1.000", "—"}));
    QCOMPARE(column_texts(m, LockStatsModel::HoldMedianColumn), QStringList({"1.500", "—"}));
    QCOMPARE(column_texts(m, LockStatsModel::HoldMaxColumn), QStringList({"2.000", "—"}));
    QCOMPARE(m.data(m.index(0, LockStatsModel::HoldMedianColumn), LockStatsModel::SortRole),
             QVariant(1.5 * ms));
    m.setPlayhead(T0 + 9 * ms + ms / 2);
    QCOMPARE(column_texts(m, LockStatsModel::HolderColumn), QStringList({"free", "alpha"}));
}

void TestStatsTables::queueStats() {
    Fixture f;
    QueueStatsModel m;
    m.setRunData(f.h.data());
    m.setPlayhead(T0 + 7 * ms);
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.headerData(QueueStatsModel::TimeFullColumn, Qt::Horizontal).toString(),
             QString("Time full (ms)"));
    QStringList row;
    for (int c = 0; c < m.columnCount(); ++c)
        row << text(m, 0, c);
    QCOMPARE(row, QStringList({"Q", "2", "2 / 2", "2", "1", "2", "0.79", "2.000", "5.000"}));
    m.setPlayhead(T0 + 1 * ms);
    QCOMPARE(text(m, 0, QueueStatsModel::FillColumn), QString("0 / 2"));
    QCOMPARE(
        m.data(m.index(0, QueueStatsModel::MeanFillColumn), QueueStatsModel::SortRole).toDouble(),
        11.0 / 14.0);
}

void TestStatsTables::playheadUpdatesOneColumn() {
    Fixture f;
    LaneStatsModel lanes;
    QueueStatsModel queues;
    lanes.setRunData(f.h.data());
    queues.setRunData(f.h.data());
    QSignalSpy lane_spy(&lanes, &QAbstractItemModel::dataChanged);
    QSignalSpy queue_spy(&queues, &QAbstractItemModel::dataChanged);
    lanes.setPlayhead(T0 + 5 * ms);
    queues.setPlayhead(T0 + 5 * ms);
    QCOMPARE(lane_spy.count(), 1);
    const auto tl = lane_spy[0][0].value<QModelIndex>();
    const auto br = lane_spy[0][1].value<QModelIndex>();
    QCOMPARE(tl.column(), int(LaneStatsModel::StateColumn));
    QCOMPARE(br.column(), int(LaneStatsModel::StateColumn));
    QCOMPARE(tl.row(), 0);
    QCOMPARE(br.row(), 2);
    QCOMPARE(queue_spy.count(), 1);
    QCOMPARE(queue_spy[0][0].value<QModelIndex>().column(), int(QueueStatsModel::FillColumn));
    QCOMPARE(queue_spy[0][1].value<QModelIndex>().column(), int(QueueStatsModel::FillColumn));
    lanes.setPlayhead(T0 + 5 * ms); // unchanged
    QCOMPARE(lane_spy.count(), 1);
}

void TestStatsTables::liveUpdateKeepsRows() {
    Fixture f;
    LaneStatsModel m;
    m.setRunData(f.h.data(-1, true));
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setRunData(f.h.data(20 * ms, true)); // same lanes, longer
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    f.h.lane("delta");
    f.h.rec(15 * ms, 4, Kind::LaneStart, f.h.laneObject(4));
    m.setRunData(f.h.data(20 * ms, true));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted[0][1].toInt(), 3);
    QCOMPARE(m.rowCount(), 4);
    HandTrace other; // fewer lanes: another run
    other.lane("solo");
    other.rec(0, 1, Kind::LaneStart, other.laneObject(1));
    m.setRunData(other.data());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m.rowCount(), 1);
}

void TestStatsTables::viewSortsAndSelects() {
    Fixture f;
    il::ui::RunModel run;
    il::ui::TimeWindow window;
    run.setData(f.h.data());
    window.setRange(T0, T0 + 14 * ms);
    il::ui::StatsView view(&run, &window);
    QCOMPARE(view.objectName(), QString("statsView"));
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* lanes = view.findChild<QTableView*>("laneStatsTable");
    auto* locks = view.findChild<QTableView*>("lockStatsTable");
    auto* queues = view.findChild<QTableView*>("queueStatsTable");
    QVERIFY(lanes && locks && queues);
    QCOMPARE(view.count(), 3);

    // Sorting by running time compares numbers: 9 < 10 < 13 (as text "9.000" would be last).
    QHeaderView* header = lanes->horizontalHeader();
    const QRect section(header->sectionViewportPosition(LaneStatsModel::RunningColumn), 0,
                        header->sectionSize(LaneStatsModel::RunningColumn), header->height());
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, section.center());
    QCOMPARE(header->sortIndicatorSection(), int(LaneStatsModel::RunningColumn));
    QStringList order = column_texts(*lanes->model(), LaneStatsModel::LaneColumn);
    if (header->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(order.begin(), order.end());
    QCOMPARE(order, QStringList({"gamma", "alpha", "beta"}));

    // The state column follows the playhead through the proxy.
    window.setPlayhead(T0 + 2 * ms + ms / 2);
    const int beta = column_texts(*lanes->model(), LaneStatsModel::LaneColumn).indexOf("beta");
    const QModelIndex beta_state = lanes->model()->index(beta, LaneStatsModel::StateColumn);
    QCOMPARE(beta_state.data().toString(), QString("Blocked: lock 'L'"));

    // A click on beta's row selects beta's latest record at or before the playhead.
    const QRect r = lanes->visualRect(beta_state);
    QTest::mouseClick(lanes->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(window.selectedRecord(), f.beta_wait);
    QCOMPARE(window.playhead(), T0 + 2 * ms);

    // Locks: the latest record on L at 3.5 ms is beta's Acquire.
    view.setCurrentWidget(locks);
    window.setPlayhead(T0 + 3 * ms + ms / 2);
    QTest::mouseClick(locks->viewport(), Qt::LeftButton, {},
                      locks->visualRect(locks->model()->index(0, 0)).center());
    QCOMPARE(window.selectedRecord(), f.beta_acquire);

    // Queues: at 7 ms the latest record on Q is the second put.
    view.setCurrentWidget(queues);
    window.setPlayhead(T0 + 7 * ms);
    QTest::mouseClick(queues->viewport(), Qt::LeftButton, {},
                      queues->visualRect(queues->model()->index(0, 0)).center());
    QCOMPARE(window.selectedRecord(), f.second_put);
    QCOMPARE(window.playhead(), T0 + 6 * ms);
}

QTEST_MAIN(TestStatsTables)
#include "tst_stats_tables.moc"
