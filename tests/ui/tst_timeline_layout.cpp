// TimelineLayout and the ruler arithmetic on hand-made snapshots: rows,
// grouping, nesting, y of each lane and lane at y, exactly.
#include "timeline/timeline_layout.h"
#include "timeline/timeline_ruler.h"

#include <QtTest>

using il::trace::LaneInfo;
using il::trace::LaneKind;
using il::ui::TimelineLayout;
using il::ui::TimelineRow;

namespace {

il::trace::Snapshot make_snapshot() {
    il::trace::Snapshot s;
    s.lanes.resize(1); // placeholder
    auto add = [&](const char* name, std::int32_t pid, LaneKind kind, il::trace::LaneId parent) {
        LaneInfo l;
        l.id = static_cast<il::trace::LaneId>(s.lanes.size());
        l.name = name;
        l.pid = pid;
        l.kind = kind;
        l.parent = parent;
        s.lanes.push_back(l);
    };
    add("main", 100, LaneKind::Thread, 0);         // 1
    add("worker-1", 100, LaneKind::Thread, 1);     // 2: a thread is never indented
    add("child", 200, LaneKind::Process, 1);       // 3: its own process
    add("coro-a", 100, LaneKind::Coroutine, 1);    // 4: under main
    add("coro-b", 100, LaneKind::Coroutine, 4);    // 5: under coro-a
    add("worker-2", 100, LaneKind::Thread, 0);     // 6
    add("child-worker", 200, LaneKind::Thread, 3); // 7
    add("orphan", 100, LaneKind::Coroutine, 0);    // 8: no parent: a root
    add("far-coro", 200, LaneKind::Coroutine, 1);  // 9: parent in another process: a root
    return s;
}

struct Expect {
    TimelineRow::Kind kind;
    std::int32_t pid;
    il::trace::LaneId lane;
    int depth;
};

} // namespace

class TestTimelineLayout : public QObject {
    Q_OBJECT
private slots:
    void groupsAndNesting() {
        const TimelineLayout layout(make_snapshot());
        using K = TimelineRow::Kind;
        const Expect expect[] = {
            {K::Process, 100, 1, 0}, {K::Lane, 100, 1, 0},    {K::Lane, 100, 4, 1},
            {K::Lane, 100, 5, 2},    {K::Lane, 100, 2, 0},    {K::Lane, 100, 6, 0},
            {K::Lane, 100, 8, 0},    {K::Process, 200, 3, 0}, {K::Lane, 200, 3, 0},
            {K::Lane, 200, 7, 0},    {K::Lane, 200, 9, 0}};
        const auto& rows = layout.rows();
        QCOMPARE(rows.size(), std::size(expect));
        const int lane_h = layout.metrics().lane_height();
        const int head_h = layout.metrics().header_height;
        QCOMPARE(lane_h, 23);
        QCOMPARE(head_h, 20);
        int y = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].kind, expect[i].kind);
            QCOMPARE(rows[i].pid, expect[i].pid);
            QCOMPARE(rows[i].lane, expect[i].lane);
            QCOMPARE(rows[i].depth, expect[i].depth);
            QCOMPARE(rows[i].y, y);
            y += rows[i].kind == K::Process ? head_h : lane_h;
            QCOMPARE(rows[i].height, rows[i].kind == K::Process ? head_h : lane_h);
        }
        QCOMPARE(layout.height(), y);
        QCOMPARE(layout.height(), 2 * 20 + 9 * 23);
        QCOMPARE(rows[0].lanes, 6);
        QCOMPARE(rows[7].lanes, 3);
    }

    void laneAtAndY() {
        const TimelineLayout layout(make_snapshot());
        QCOMPARE(layout.lane_at(-1), 0u);
        QCOMPARE(layout.lane_at(0), 0u);  // header of process 100
        QCOMPARE(layout.lane_at(19), 0u); // still the header
        QCOMPARE(layout.lane_at(20), 1u);
        QCOMPARE(layout.lane_at(42), 1u);
        QCOMPARE(layout.lane_at(43), 4u);
        QCOMPARE(layout.lane_at(66), 5u);
        QCOMPARE(layout.lane_at(158), 0u); // header of process 200
        QCOMPARE(layout.lane_at(178), 3u);
        QCOMPARE(layout.lane_at(246), 9u);
        QCOMPARE(layout.lane_at(247), 0u); // past the end
        QCOMPARE(layout.row_at(247), -1);
        QCOMPARE(layout.row_at(158), 7);
        QCOMPARE(layout.lane_y(1), 20);
        QCOMPARE(layout.lane_y(5), 66);
        QCOMPARE(layout.lane_y(9), 224);
        QCOMPARE(layout.lane_y(0), -1);
        QCOMPARE(layout.lane_y(42), -1);
        const TimelineRow* r = layout.lane_row(8);
        QVERIFY(r);
        QCOMPARE(r->bar_top(layout.metrics()), 135 + 2);
        QCOMPARE(r->strip_top(layout.metrics()), 135 + 2 + 14 + 1);
    }

    void collapsedProcess() {
        const TimelineLayout layout(make_snapshot(), {200});
        QCOMPARE(layout.rows().size(), std::size_t(8));
        QVERIFY(layout.rows().back().collapsed);
        QCOMPARE(layout.rows().back().kind, TimelineRow::Kind::Process);
        QVERIFY(!layout.lane_row(3));
        QVERIFY(!layout.lane_row(9));
        QVERIFY(layout.lane_row(6));
        QCOMPARE(layout.height(), 2 * 20 + 6 * 23);
    }

    void emptySnapshot() {
        const TimelineLayout layout{il::trace::Snapshot{}};
        QVERIFY(layout.rows().empty());
        QCOMPARE(layout.height(), 0);
        QCOMPARE(layout.lane_at(0), 0u);
    }

    void ruler() {
        QCOMPARE(il::ui::ruler_step(1'000'000, 1000, 90), std::int64_t(100'000));
        QCOMPARE(il::ui::ruler_step(1'000'000, 1000, 100), std::int64_t(100'000));
        QCOMPARE(il::ui::ruler_step(1'000'000, 1000, 101), std::int64_t(200'000));
        QCOMPARE(il::ui::ruler_step(3'000'000'000, 1600, 90), std::int64_t(200'000'000));
        QCOMPARE(il::ui::ruler_step(100, 1600, 90), std::int64_t(10));
        QCOMPARE(il::ui::ruler_step(0, 1600, 90), std::int64_t(1));
        QCOMPARE(il::ui::ruler_label(1'500'000, 100'000), QString("1500 µs"));
        QCOMPARE(il::ui::ruler_label(3'000'000'000, 1'000'000'000), QString("3 s"));
        QCOMPARE(il::ui::ruler_label(40, 10), QString("40 ns"));
        QCOMPARE(il::ui::ruler_label(0, 5'000'000), QString("0 ms"));
    }
};

QTEST_GUILESS_MAIN(TestTimelineLayout)
#include "tst_timeline_layout.moc"
