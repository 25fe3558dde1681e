// The compare window on two hand-made runs (10 ms and 20 ms; lock L and
// queue Q in both, beta waiting 1 ms for L in the first and 3 ms in the second; lane
// gamma only in the second, which also starts 5 s later in trace time):
// the titles, the table's rows and changes, sorting by a header click, and
// two timelines that stay aligned at their starts under wheel, drag, keys
// and playhead moves.
#include "compare/compare_model.h"
#include "compare/compare_pane.h"
#include "compare/compare_text.h"
#include "compare/compare_window.h"
#include "hand_trace.h"
#include "model/time_window.h"
#include "timeline/timeline_view.h"
#include "view_fixture.h"

#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QTableView>
#include <QtTest>

#include <algorithm>

using il::compare::Section;
using il::trace::Kind;
using il::trace::ObjectKind;
using il::ui::CompareModel;
using il::ui::CompareText;
using il::ui::CompareWindow;
using il::ui::TimeWindow;

namespace {

constexpr std::int64_t ms = 1'000'000;

il::ui::RunDataPtr run(bool second) {
    HandTrace h;
    const auto a = h.lane("alpha");
    const auto b = h.lane("beta");
    const auto lock = h.object(ObjectKind::Lock, "L");
    const auto queue = h.object(ObjectKind::Queue, "Q", 2);
    const std::int64_t release = second ? 5 * ms : 3 * ms; // beta waits from 2 ms
    h.rec(0, a, Kind::LaneStart, h.laneObject(a));
    h.rec(0, b, Kind::LaneStart, h.laneObject(b));
    h.rec(1 * ms, a, Kind::Acquire, lock, 0, 1);
    h.rec(2 * ms, b, Kind::WaitBegin, lock, 0, 0, HandTrace::u(il::trace::WaitReason::Lock));
    h.rec(release, a, Kind::Release, lock, 1, 0);
    h.rec(release, b, Kind::WaitEnd, lock, 0, 0, HandTrace::u(il::trace::WaitResult::Ok));
    h.rec(release, b, Kind::Acquire, lock, 1, 1);
    h.rec(release + ms, b, Kind::Release, lock, 2, 0);
    h.rec(release + ms, a, Kind::Put, queue, 1, 1);
    h.rec(release + 2 * ms, b, Kind::Get, queue, 1, 0);
    h.rec(release + 2 * ms, a, Kind::LaneEnd, h.laneObject(a), 1);
    if (second) {
        const auto c = h.lane("gamma");
        h.rec(1 * ms, c, Kind::LaneStart, h.laneObject(c));
        h.rec(8 * ms, c, Kind::LaneEnd, h.laneObject(c), 2);
    }
    h.rec(second ? 20 * ms : 10 * ms, b, Kind::LaneEnd, h.laneObject(b), 3);
    // The second run starts 5 s later: alignment must be relative to each start.
    const std::int64_t shift = second ? 5'000 * ms : 0;
    auto d = std::make_shared<il::ui::RunData>();
    d->scenario = "hand";
    d->params = second ? "workers=3" : "workers=2";
    d->snapshot = h.s;
    std::stable_sort(d->snapshot.records.begin(), d->snapshot.records.end(),
                     [](const auto& x, const auto& y) { return x.t_ns < y.t_ns; });
    for (auto& r : d->snapshot.records)
        r.t_ns += shift;
    d->snapshot.start_ns += shift;
    d->snapshot.end_ns += shift;
    d->snapshot.finished = true;
    d->summary = il::analysis::analyze(d->snapshot);
    d->duration_ns = d->snapshot.end_ns - d->snapshot.start_ns;
    d->outcome.ok = true;
    return d;
}

// The table row of (section, subject, metric), or -1.
int find(const CompareModel& m, Section s, const std::string& subject, const std::string& metric) {
    for (std::size_t i = 0; i < m.rows().size(); ++i)
        if (m.rows()[i].section == s && m.rows()[i].subject == subject &&
            m.rows()[i].metric == metric)
            return int(i);
    return -1;
}

QString cell(const QAbstractItemModel& m, int r, int c) {
    return m.data(m.index(r, c)).toString();
}

std::int64_t offset(const TimeWindow* w) {
    return w->windowStart() - w->rangeStart();
}

void wheel(QWidget* w, QPoint pos, int dy) {
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, dy), Qt::NoButton,
                  {}, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestCompareWindow : public QObject {
    Q_OBJECT
private slots:
    void titlesAndTimelines();
    void tableShowsWhatChanged();
    void headerClickSorts();
    void timelinesStayAligned();
    void openDeletesOnClose();
};

void TestCompareWindow::titlesAndTimelines() {
    CompareWindow w(run(false), run(true));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.top()->title()->text(), QString("hand · workers=2 · 10.0 ms · OK"));
    QCOMPARE(w.bottom()->title()->text(), QString("hand · workers=3 · 20.0 ms · OK"));
    // One time scale: both ranges as long as the longer run, each from its own start.
    const TimeWindow* top = w.top()->window();
    const TimeWindow* bottom = w.bottom()->window();
    QCOMPARE(top->rangeEnd() - top->rangeStart(), 20 * ms);
    QCOMPARE(bottom->rangeEnd() - bottom->rangeStart(), 20 * ms);
    QCOMPARE(bottom->rangeStart() - top->rangeStart(), 5'000 * ms);
    // The shorter run ends halfway across its timeline.
    il::ui::TimelineView* t = w.top()->timeline();
    const int end_x = t->xOfTime(top->rangeStart() + 10 * ms);
    QVERIFY(end_x > t->laneArea().left() && end_x < t->laneArea().right() - 100);
    QCOMPARE(w.top()->timeline()->timelineLayout().rows().empty(), false);
    QVERIFY(il::test::drawn(w.top()->timeline()->grab().toImage()));
    QVERIFY(il::test::drawn(w.bottom()->timeline()->grab().toImage()));
}

void TestCompareWindow::tableShowsWhatChanged() {
    CompareWindow w(run(false), run(true));
    const CompareModel& m = *w.model();
    const int duration = find(m, Section::Run, "", "duration");
    QVERIFY(duration >= 0);
    QCOMPARE(cell(m, duration, CompareModel::WhatColumn), QString("Run"));
    QCOMPARE(cell(m, duration, CompareModel::MetricColumn), QString("Duration"));
    QCOMPARE(cell(m, duration, CompareModel::LeftColumn), QString("10.0 ms"));
    QCOMPARE(cell(m, duration, CompareModel::RightColumn), QString("20.0 ms"));
    QCOMPARE(cell(m, duration, CompareModel::ChangeColumn), QString("+100 %"));

    const int wait = find(m, Section::Lock, "L", "wait_total");
    QVERIFY(wait >= 0);
    QCOMPARE(cell(m, wait, CompareModel::WhatColumn), QString("Lock: L"));
    QCOMPARE(cell(m, wait, CompareModel::LeftColumn), QString("1.00 ms"));
    QCOMPARE(cell(m, wait, CompareModel::RightColumn), QString("3.00 ms"));
    QCOMPARE(cell(m, wait, CompareModel::ChangeColumn), QString("+200 %"));
    QVERIFY(m.data(m.index(wait, 0), CompareModel::LargeChangeRole).toBool());

    // gamma exists in the bottom run only: its rows have no top value.
    int gamma = 0;
    for (std::size_t i = 0; i < m.rows().size(); ++i) {
        if (m.rows()[i].section != Section::Lane || m.rows()[i].subject != "gamma")
            continue;
        ++gamma;
        QCOMPARE(cell(m, int(i), CompareModel::WhatColumn), QString("Lane: gamma"));
        QCOMPARE(cell(m, int(i), CompareModel::LeftColumn), QString("—"));
        QCOMPARE(cell(m, int(i), CompareModel::ChangeColumn), QString("bottom run only"));
    }
    QVERIFY(gamma > 0);
    const int fill = find(m, Section::Queue, "Q", "max_fill");
    QVERIFY(fill >= 0);
    QCOMPARE(cell(m, fill, CompareModel::WhatColumn), QString("Queue: Q"));
    QCOMPARE(cell(m, fill, CompareModel::RightColumn), QString("1"));
    QCOMPARE(cell(m, fill, CompareModel::ChangeColumn), QString("±0 %"));
    // Every measure the engine compares (run, lock, queue, lane) has a readable name.
    for (const auto& row : m.rows())
        QVERIFY2(CompareText::knownMetric(row.metric), row.metric.c_str());
    QCOMPARE(w.table()->model()->rowCount(), m.rowCount());
}

void TestCompareWindow::headerClickSorts() {
    CompareWindow w(run(false), run(true));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView* table = w.findChild<QTableView*>("compareTable");
    QVERIFY(table);
    QHeaderView* header = table->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(CompareModel::ChangeColumn) + 5,
                    header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(header->sortIndicatorSection(), int(CompareModel::ChangeColumn));
    // In order of change, the rows with a ratio never go down (missing ones last).
    const QAbstractItemModel* p = table->model();
    const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
    double prev = ascending ? -1e300 : 1e300;
    for (int r = 0; r < p->rowCount(); ++r) {
        const QVariant v = p->data(p->index(r, CompareModel::ChangeColumn), CompareModel::SortRole);
        if (!v.isValid())
            continue;
        QVERIFY(ascending ? v.toDouble() >= prev : v.toDouble() <= prev);
        prev = v.toDouble();
    }
}

void TestCompareWindow::timelinesStayAligned() {
    CompareWindow w(run(false), run(true));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    il::ui::TimelineView* top = w.top()->timeline();
    il::ui::TimelineView* bottom = w.bottom()->timeline();
    const TimeWindow* tw = w.top()->window();
    const TimeWindow* bw = w.bottom()->window();
    auto aligned = [&] { return bw->windowSpan() == tw->windowSpan() && offset(bw) == offset(tw); };

    // The wheel zooms the top timeline around a point right of its centre.
    const QRect lanes = top->laneArea();
    wheel(top, QPoint(lanes.left() + lanes.width() * 3 / 4, lanes.center().y()), 240);
    QVERIFY(tw->windowSpan() < 20 * ms);
    QVERIFY(offset(tw) > 0);
    QVERIFY(aligned());

    // Dragging the bottom one pans both.
    const std::int64_t before = offset(tw);
    const QPoint from = bottom->laneArea().center();
    QTest::mousePress(bottom, Qt::LeftButton, {}, from);
    QTest::mouseMove(bottom, from + QPoint(-60, 0));
    QTest::mouseMove(bottom, from + QPoint(-120, 0));
    QTest::mouseRelease(bottom, Qt::LeftButton, {}, from + QPoint(-120, 0));
    QVERIFY(offset(bw) > before);
    QVERIFY(aligned());

    // Keys on the bottom one: zoom out, then fit.
    bottom->setFocus();
    QTest::keyClick(bottom, Qt::Key_Minus);
    QVERIFY(aligned());
    QTest::keyClick(bottom, Qt::Key_F);
    QCOMPARE(tw->windowSpan(), 20 * ms);
    QVERIFY(aligned());

    // A click on the top ruler moves both playheads to the same time from start.
    const QRect ruler = top->rulerArea();
    QTest::mouseClick(top, Qt::LeftButton, {}, QPoint(ruler.center().x(), ruler.center().y()));
    QVERIFY(tw->playhead() > tw->rangeStart());
    QCOMPARE(bw->playhead() - bw->rangeStart(), tw->playhead() - tw->rangeStart());
}

void TestCompareWindow::openDeletesOnClose() {
    QPointer<CompareWindow> w = CompareWindow::open(run(false), run(true), nullptr);
    QVERIFY(w);
    QVERIFY(w->isVisible());
    QCOMPARE(w->objectName(), QString("compareWindow"));
    w->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(w.isNull());
}

QTEST_MAIN(TestCompareWindow)
#include "tst_compare_window.moc"
