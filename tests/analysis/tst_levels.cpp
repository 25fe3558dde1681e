#include "analysis/levels.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

std::vector<std::pair<std::int64_t, std::int64_t>> points(const LevelSeries& s) {
    std::vector<std::pair<std::int64_t, std::int64_t>> v;
    for (const LevelPoint& p : s.points)
        v.emplace_back(p.t, p.value);
    return v;
}

} // namespace

class TestLevels : public QObject {
    Q_OBJECT
private slots:
    void queueSeriesAndTimeFullEmpty() {
        TraceBuilder tb(1000);
        LaneId p = tb.lane("producer"), c = tb.lane("consumer");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs", 2);
        tb.put(1010, p, q, 1, 1).put(1020, p, q, 2, 2); // full from 1020
        tb.get(1050, c, q, 1, 1).get(1060, c, q, 2, 0); // empty from 1060
        tb.put(1080, p, q, 3, 1);
        Snapshot s = tb.snapshot(1100);
        auto all = levels(s);
        QCOMPARE(all.size(), std::size_t(1));
        const LevelSeries& l = all[0];
        QCOMPARE(l.object, q);
        QCOMPARE(l.capacity, std::int64_t(2));
        using P = std::pair<std::int64_t, std::int64_t>;
        QCOMPARE(points(l), (std::vector<P>{
                                {1000, 0}, {1010, 1}, {1020, 2}, {1050, 1}, {1060, 0}, {1080, 1}}));
        QCOMPARE(l.t_end, std::int64_t(1100));
        QCOMPARE(l.min, std::int64_t(0));
        QCOMPARE(l.max, std::int64_t(2));
        QCOMPARE(l.time_full_ns, std::int64_t(30));       // 1020..1050
        QCOMPARE(l.time_empty_ns, std::int64_t(10 + 20)); // 1000..1010, 1060..1080
        // (0*10 + 1*10 + 2*30 + 1*10 + 0*20 + 1*20) / 100
        QCOMPARE(l.mean, 1.0);
        QCOMPARE(value_at(l, 999), std::int64_t(0));
        QCOMPARE(value_at(l, 1019), std::int64_t(1));
        QCOMPARE(value_at(l, 1020), std::int64_t(2));
        QCOMPARE(value_at(l, 5000), std::int64_t(1));
    }

    void unboundedQueueIsNeverFull() {
        TraceBuilder tb;
        LaneId p = tb.lane("p");
        ObjectId q = tb.object(ObjectKind::Queue, "unbounded", 0);
        tb.put(10, p, q, 1, 1).put(20, p, q, 2, 2);
        auto all = levels(tb.snapshot(40));
        QCOMPARE(all[0].time_full_ns, std::int64_t(0));
        QCOMPARE(all[0].time_empty_ns, std::int64_t(10));
        QCOMPARE(all[0].max, std::int64_t(2));
    }

    void semaphorePermitsStartAtCapacity() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId sem = tb.object(ObjectKind::Semaphore, "slots", 2);
        ObjectId lock = tb.object(ObjectKind::Lock, "not a level");
        tb.acquire(10, a, sem, 0, 1).acquire(20, b, sem, 0, 0);
        tb.rec(25, b, Kind::TryFail, sem, 0, 0); // an observation, not a change
        tb.release(30, a, sem, 1, 1).release(40, b, sem, 2, 2);
        tb.acquire(50, a, lock, 0);
        auto all = levels(tb.snapshot(100));
        QCOMPARE(all.size(), std::size_t(1));
        const LevelSeries& l = all[0];
        QCOMPARE(l.kind, ObjectKind::Semaphore);
        using P = std::pair<std::int64_t, std::int64_t>;
        QCOMPARE(points(l), (std::vector<P>{{0, 2}, {10, 1}, {20, 0}, {30, 1}, {40, 2}}));
        QCOMPARE(l.min, std::int64_t(0));
        QCOMPARE(l.time_empty_ns, std::int64_t(10));
        QCOMPARE(l.time_full_ns, std::int64_t(10 + 60)); // every permit free
    }

    void liveSnapshotExtendsTheLastLevel() {
        TraceBuilder tb;
        LaneId p = tb.lane("p");
        ObjectId q = tb.object(ObjectKind::Queue, "q", 1);
        tb.put(10, p, q, 1, 1);
        auto all = levels(tb.snapshot(500, false));
        QCOMPARE(all[0].t_end, std::int64_t(500));
        QCOMPARE(all[0].time_full_ns, std::int64_t(490));
    }

    void sameTimePointsKeepTheLast() {
        TraceBuilder tb;
        LaneId p = tb.lane("p"), c = tb.lane("c");
        ObjectId q = tb.object(ObjectKind::Queue, "q", 0);
        tb.put(10, p, q, 1, 1).get(10, c, q, 1, 0);
        auto all = levels(tb.snapshot(20));
        QCOMPARE(value_at(all[0], 10), std::int64_t(0));
        QCOMPARE(all[0].max, std::int64_t(1));
        QCOMPARE(all[0].time_empty_ns, std::int64_t(20));
    }
};

QTEST_GUILESS_MAIN(TestLevels)
#include "tst_levels.moc"
