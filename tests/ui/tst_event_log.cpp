// The event log: its row model on hand-made snapshots (exact cells, filters,
// rowAtTime, live appends, a million records) and the view on a real run
// (follows the playhead, clicks select, the lane filter).
#include "events/event_log_model.h"
#include "events/event_log_view.h"
#include "events/event_text.h"
#include "events/record_lookup.h"
#include "hand_trace.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using il::trace::Kind;
using il::trace::ObjectKind;
using il::ui::EventLogModel;
using Filter = EventLogModel::Filter;

namespace {

constexpr std::int64_t T0 = HandTrace::kStart;

// alpha and beta share a lock and a queue; 8 records, two pairs at equal times.
HandTrace small_trace() {
    HandTrace h;
    const auto a = h.lane("alpha");
    const auto b = h.lane("beta");
    const auto lock = h.object(ObjectKind::Lock, "L");
    const auto queue = h.object(ObjectKind::Queue, "Q", 2);
    h.rec(0, a, Kind::LaneStart, h.laneObject(a));
    h.rec(0, b, Kind::LaneStart, h.laneObject(b));
    h.rec(100'000, a, Kind::Acquire, lock, 0, 1);
    h.rec(200'000, b, Kind::Put, queue, 1, 1);
    h.rec(200'000, a, Kind::Release, lock, 1, 0);
    h.rec(300'000, b, Kind::Get, queue, 1, 0);
    h.rec(400'000, a, Kind::LaneEnd, h.laneObject(a), 1);
    h.rec(500'000, b, Kind::LaneEnd, h.laneObject(b), 1);
    return h;
}

QString cell(const EventLogModel& m, int row, int column) {
    return m.data(m.index(row, column)).toString();
}

} // namespace

class TestEventLog : public QObject {
    Q_OBJECT
private slots:
    void cellsAndHeaders();
    void rowAtTime();
    void filters();
    void liveAppendKeepsFilter();
    void otherRunResets();
    void millionRecords();
    void viewFollowsPlayheadAndSelects();
};

void TestEventLog::cellsAndHeaders() {
    EventLogModel m;
    const auto data = small_trace().data();
    m.setRunData(data);
    QCOMPARE(m.rowCount(), 8);
    QCOMPARE(m.columnCount(), 5);
    QCOMPARE(m.headerData(EventLogModel::TimeColumn, Qt::Horizontal).toString(),
             QString("Time since start"));
    QCOMPARE(m.headerData(EventLogModel::DetailsColumn, Qt::Horizontal).toString(),
             QString("Details"));
    QCOMPARE(cell(m, 2, EventLogModel::TimeColumn), QString("0.100 ms"));
    QCOMPARE(cell(m, 2, EventLogModel::LaneColumn), QString("alpha"));
    QCOMPARE(cell(m, 2, EventLogModel::EventColumn), QString("Acquire"));
    QCOMPARE(cell(m, 2, EventLogModel::ObjectColumn), QString("L"));
    QCOMPARE(cell(m, 2, EventLogModel::DetailsColumn),
             QString("alpha acquired lock 'L' (it was free)"));
    QCOMPARE(cell(m, 5, EventLogModel::DetailsColumn),
             QString("beta got item #1 from queue 'Q', put by beta (0 of 2)"));
    QCOMPARE(m.data(m.index(5, 0), EventLogModel::RecordRole).toULongLong(), 5ull);
    QCOMPARE(m.data(m.index(5, 1), Qt::ToolTipRole).toString(), cell(m, 5, 4));
    QVERIFY(!m.data(m.index(8, 0)).isValid());
}

void TestEventLog::rowAtTime() {
    EventLogModel m;
    m.setRunData(small_trace().data());
    QCOMPARE(m.rowAtTime(T0 - 1), EventLogModel::NoRow);
    QCOMPARE(m.rowAtTime(T0), 1); // two records at the start: the last of them
    QCOMPARE(m.rowAtTime(T0 + 199'999), 2);
    QCOMPARE(m.rowAtTime(T0 + 200'000), 4);
    QCOMPARE(m.rowAtTime(T0 + 250'000), 4);
    QCOMPARE(m.rowAtTime(T0 + 10'000'000), 7);
    QCOMPARE(m.recordOfRow(3), std::size_t(3));
    QCOMPARE(m.recordOfRow(8), il::ui::kNoRecordIndex);
    QCOMPARE(m.rowOfRecord(6), 6);
    QCOMPARE(m.rowOfRecord(99), EventLogModel::NoRow);
}

void TestEventLog::filters() {
    EventLogModel m;
    m.setRunData(small_trace().data());
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);

    m.setFilter({{2}, {}, {}}); // beta
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m.rowCount(), 4);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(cell(m, row, EventLogModel::LaneColumn), QString("beta"));
    QCOMPARE(m.recordOfRow(1), std::size_t(3));
    QCOMPARE(m.rowOfRecord(3), 1);
    QCOMPARE(m.rowOfRecord(2), EventLogModel::NoRow); // alpha's
    QCOMPARE(m.rowAtTime(T0 - 1), EventLogModel::NoRow);
    QCOMPARE(m.rowAtTime(T0 + 250'000), 1);
    QCOMPARE(m.rowAtTime(T0 + 300'000), 2);

    m.setFilter({{}, {4}, {}}); // the queue
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.recordOfRow(0), std::size_t(3));
    QCOMPARE(m.recordOfRow(1), std::size_t(5));

    m.setFilter({{}, {}, {Kind::Acquire, Kind::Release}});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.recordOfRow(0), std::size_t(2));
    QCOMPARE(m.recordOfRow(1), std::size_t(4));

    m.setFilter({{1}, {}, {Kind::Release, Kind::LaneEnd}}); // alpha, and those kinds
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.recordOfRow(0), std::size_t(4));
    QCOMPARE(m.recordOfRow(1), std::size_t(6));

    m.setFilter({{7}, {}, {}}); // no such lane
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.rowAtTime(T0 + 10'000'000), EventLogModel::NoRow);

    const int resets = reset.count();
    m.setFilter({{7}, {}, {}}); // unchanged: nothing happens
    QCOMPARE(reset.count(), resets);
    m.setFilter({});
    QCOMPARE(m.rowCount(), 8);
}

void TestEventLog::liveAppendKeepsFilter() {
    HandTrace full = small_trace();
    HandTrace part = full;
    part.s.records.resize(6);
    for (const bool filtered : {false, true}) {
        EventLogModel m;
        m.setRunData(part.data(-1, true));
        if (filtered)
            m.setFilter({{2}, {}, {}});
        const int before = m.rowCount();
        QCOMPARE(before, filtered ? 3 : 6);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        m.setRunData(full.data(-1, true));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted[0][1].toInt(), before);
        QCOMPARE(inserted[0][2].toInt(), filtered ? 3 : 7);
        QCOMPARE(m.rowCount(), filtered ? 4 : 8);
        QCOMPARE(m.recordOfRow(m.rowCount() - 1), std::size_t(7));
        QCOMPARE(m.filter().lanes.size(), filtered ? std::size_t(1) : std::size_t(0));
        // The same data again: nothing to add.
        m.setRunData(full.data(-1, false));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
    }
}

void TestEventLog::otherRunResets() {
    EventLogModel m;
    m.setRunData(small_trace().data());
    m.setFilter({{2}, {}, {}});
    HandTrace other = small_trace();
    other.s.records[0].t_ns += 1; // a different run
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    m.setRunData(other.data());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m.rowCount(), 4); // the filter stays
    m.setRunData(nullptr);
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.rowAtTime(T0), EventLogModel::NoRow);
}

void TestEventLog::millionRecords() {
    constexpr std::size_t n = 1'000'000;
    auto data = std::make_shared<il::ui::RunData>();
    HandTrace h;
    for (int i = 0; i < 4; ++i)
        h.lane("lane-" + std::to_string(i + 1));
    const auto lock = h.object(ObjectKind::Lock, "L");
    h.s.records.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        h.rec(std::int64_t(i) * 10, il::trace::LaneId(1 + i % 4),
              i % 2 ? Kind::Release : Kind::Acquire, lock, std::int64_t(i / 2), 0);
    data->snapshot = std::move(h.s); // no analysis needed: cells name no cause
    EventLogModel m;
    m.setRunData(data);
    QCOMPARE(m.rowCount(), int(n));
    QCOMPARE(m.rowAtTime(T0 + 10 * 123'456 + 5), 123'456);

    m.setFilter({{2}, {}, {}});
    QCOMPARE(m.rowCount(), int(n / 4));
    QCOMPARE(m.recordOfRow(0), std::size_t(1));
    QCOMPARE(m.rowOfRecord(5), 1);
    QCOMPARE(m.rowAtTime(T0 + 10 * std::int64_t(n)), int(n / 4) - 1);
    QCOMPARE(cell(m, 1000, EventLogModel::EventColumn), QString("Release"));
    QCOMPARE(cell(m, 1000, EventLogModel::LaneColumn), QString("lane-2"));

    m.setFilter({{3}, {}, {Kind::Release}}); // lane 3 only acquires
    QCOMPARE(m.rowCount(), 0);
    m.setFilter({{}, {}, {Kind::Acquire}});
    QCOMPARE(m.rowCount(), int(n / 2));
}

void TestEventLog::viewFollowsPlayheadAndSelects() {
    const auto* spec = il::scenario::find_scenario("producer-consumer");
    QVERIFY(spec);
    auto result = il::scenario::run_scenario(
        *spec, il::scenario::parse_params(spec->info().params, {"items=20"}), {});
    il::ui::RunModel run;
    il::ui::TimeWindow window;
    run.setData(il::ui::make_run_data(std::move(result), "items=20"));
    const il::trace::Snapshot& s = run.data()->snapshot;
    QVERIFY(s.records.size() > 100);
    window.setRange(s.start_ns, s.end_ns);

    il::ui::EventLogView view(&run, &window);
    QCOMPARE(view.objectName(), QString("eventLog"));
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* table = view.findChild<QTableView*>("eventTable");
    auto* lanes = view.findChild<QComboBox*>("laneFilter");
    QVERIFY(table && lanes && view.findChild<QComboBox*>("objectFilter") &&
            view.findChild<QComboBox*>("kindFilter"));
    QCOMPARE(lanes->itemText(0), QString("All lanes"));
    QCOMPARE(table->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    EventLogModel* m = view.model();
    QCOMPARE(m->rowCount(), int(s.records.size()));

    // The playhead moves: the row at it becomes current, nothing is selected.
    const std::size_t mid = s.records.size() / 2;
    window.setPlayhead(s.records[mid].t_ns + 1);
    const int at = table->currentIndex().row();
    QCOMPARE(at, m->rowAtTime(s.records[mid].t_ns + 1));
    QVERIFY(s.records[m->recordOfRow(at)].t_ns <= window.playhead());
    QVERIFY(at + 1 == m->rowCount() || s.records[m->recordOfRow(at + 1)].t_ns > window.playhead());
    QCOMPARE(window.selectedRecord(), il::ui::TimeWindow::kNoRecord);
    QVERIFY(table->viewport()->rect().intersects(table->visualRect(m->index(at, 0))));

    // A click on another visible row selects its record and moves the playhead there.
    const int row = std::max(0, at - 3);
    const QRect r = table->visualRect(m->index(row, EventLogModel::DetailsColumn));
    QVERIFY(table->viewport()->rect().contains(r.center()));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
    const std::size_t clicked = m->recordOfRow(row);
    QCOMPARE(window.selectedRecord(), clicked);
    QCOMPARE(window.playhead(), s.records[clicked].t_ns);
    QCOMPARE(table->currentIndex().row(), row);

    // A selection made elsewhere (the timeline) shows here.
    const std::size_t other = s.records.size() / 4;
    window.select(other, s.records[other].t_ns);
    QCOMPARE(table->currentIndex().row(), m->rowOfRecord(other));
    QCOMPARE(window.selectedRecord(), other);

    // Pick a lane in the filter: only its rows remain.
    int consumer = -1;
    for (int i = 1; i < lanes->count(); ++i)
        if (lanes->itemText(i).startsWith("consumer"))
            consumer = i;
    QVERIFY(consumer > 0);
    table->setFocus();
    lanes->setFocus();
    for (int i = 0; i < consumer; ++i)
        QTest::keyClick(lanes, Qt::Key_Down);
    QCOMPARE(lanes->currentIndex(), consumer);
    const auto lane = il::trace::LaneId(lanes->currentData().toUInt());
    std::size_t expected = 0;
    for (const auto& rec : s.records)
        expected += rec.lane == lane;
    QCOMPARE(m->rowCount(), int(expected));
    for (int i = 0; i < m->rowCount(); ++i)
        QCOMPARE(s.records[m->recordOfRow(i)].lane, lane);
    QCOMPARE(m->data(m->index(0, EventLogModel::LaneColumn)).toString(), lanes->currentText());
    // The current row still follows the playhead within the filtered rows.
    QCOMPARE(table->currentIndex().row(), m->rowAtTime(window.playhead()));
}

QTEST_MAIN(TestEventLog)
#include "tst_event_log.moc"
