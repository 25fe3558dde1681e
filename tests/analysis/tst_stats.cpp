#include "analysis/stats.h"
#include "analysis/trace_builder.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

// `lanes` lanes take turns on one lock, each handing it to the next, which
// was waiting for it: 4 + 5 records per round, all contended but the first.
Snapshot lock_convoy(int lanes, int rounds) {
    TraceBuilder tb;
    std::vector<LaneId> ls;
    for (int i = 0; i < lanes; ++i)
        ls.push_back(tb.lane("w" + std::to_string(i)));
    ObjectId lock = tb.object(ObjectKind::Lock, "convoy");
    std::int64_t t = 0, token = 0;
    for (LaneId l : ls)
        tb.start(t++, l);
    for (int r = 0; r < rounds; ++r) {
        LaneId holder = ls[r % lanes], next = ls[(r + 1) % lanes];
        if (r == 0)
            tb.acquire(t++, holder, lock, 0);
        tb.wait(t++, next, lock, WaitReason::Lock);
        t += 10;
        tb.release(t, holder, lock, ++token);
        t += 3;
        tb.wait_end(t, next, lock).acquire(t + 1, next, lock, token);
        ++t;
    }
    return tb.snapshot(t + 10);
}

} // namespace

class TestStats : public QObject {
    Q_OBJECT
private slots:
    void percentiles_data() {
        QTest::addColumn<std::vector<std::int64_t>>("values");
        QTest::addColumn<double>("median");
        QTest::addColumn<double>("p95");
        std::vector<std::int64_t> hundred;
        for (int i = 100; i >= 1; --i)
            hundred.push_back(i);
        QTest::newRow("1..100") << hundred << 50.5 << 95.05;
        QTest::newRow("even count") << std::vector<std::int64_t>{4, 1, 3, 2} << 2.5 << 3.85;
        QTest::newRow("odd count") << std::vector<std::int64_t>{10, 30, 20} << 20.0 << 29.0;
        QTest::newRow("single") << std::vector<std::int64_t>{7} << 7.0 << 7.0;
        QTest::newRow("equal") << std::vector<std::int64_t>{5, 5, 5, 5} << 5.0 << 5.0;
    }
    void percentiles() {
        QFETCH(std::vector<std::int64_t>, values);
        QFETCH(double, median);
        QFETCH(double, p95);
        Distribution d = distribution(values);
        QCOMPARE(d.count, values.size());
        QCOMPARE(d.min, *std::min_element(values.begin(), values.end()));
        QCOMPARE(d.max, *std::max_element(values.begin(), values.end()));
        QVERIFY(qAbs(d.median - median) < 1e-9);
        QVERIFY(qAbs(d.p95 - p95) < 1e-9);
    }

    void emptyDistributionIsZero() {
        Distribution d = distribution({});
        QCOMPARE(d.count, std::size_t(0));
        QCOMPARE(d.max, std::int64_t(0));
        QCOMPARE(d.median, 0.0);
    }

    void lockStats() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "counter_lock");
        tb.start(0, a).acquire(10, a, lock, 0).release(100, a, lock, 1).end(200, a);
        tb.start(0, b).wait(20, b, lock, WaitReason::Lock).wait_end(130, b, lock);
        tb.acquire(131, b, lock, 1).release(151, b, lock, 2).end(160, b);
        Summary sum = analyze(tb.snapshot(300));
        QCOMPARE(sum.stats.locks.size(), std::size_t(1));
        const LockStats& l = sum.stats.locks[0];
        QCOMPARE(l.object, lock);
        QCOMPARE(l.acquisitions, std::size_t(2));
        QCOMPARE(l.contended, std::size_t(1));
        QCOMPARE(l.contended_pct, 50.0);
        QCOMPARE(l.wait.count, std::size_t(1));
        QCOMPARE(l.wait.max, std::int64_t(110));
        QCOMPARE(l.hold.count, std::size_t(2));
        QCOMPARE(l.hold.min, std::int64_t(20));
        QCOMPARE(l.hold.max, std::int64_t(90));
        QCOMPARE(l.hold.median, 55.0);

        const LaneStats& lb = sum.stats.lanes[b - 1];
        QCOMPARE(lb.lane, b);
        QCOMPARE(lb.time(LaneState::Running), std::int64_t(20 + 30));
        QCOMPARE(lb.time(LaneState::Blocked), std::int64_t(80));
        QCOMPARE(lb.time(LaneState::Ready), std::int64_t(30));
        QCOMPARE(lb.time(LaneState::Done), std::int64_t(140));
        QCOMPARE(lb.alive_ns, std::int64_t(160));
        QCOMPARE(lb.utilisation, 50.0 / 160.0);
        QCOMPARE(lb.waits, std::size_t(1));
        QCOMPARE(sum.stats.lanes[a - 1].utilisation, 1.0);
    }

    void semaphoreStats() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId sem = tb.object(ObjectKind::BoundedSemaphore, "pool", 1);
        tb.acquire(10, a, sem, 0, 0).wait(20, b, sem, WaitReason::Semaphore);
        tb.release(50, a, sem, 1, 1).wait_end(60, b, sem).acquire(61, b, sem, 1, 0);
        tb.release(70, b, sem, 2, 1);
        Summary sum = analyze(tb.snapshot(100));
        QCOMPARE(sum.stats.semaphores.size(), std::size_t(1));
        const SemaphoreStats& s = sum.stats.semaphores[0];
        QCOMPARE(s.kind, ObjectKind::BoundedSemaphore);
        QCOMPARE(s.capacity, std::int64_t(1));
        QCOMPARE(s.acquisitions, std::size_t(2));
        QCOMPARE(s.contended, std::size_t(1));
        QCOMPARE(s.wait.median, 40.0);
        QCOMPARE(s.min_free, std::int64_t(0));
        QVERIFY(sum.stats.locks.empty());
    }

    void queueStats() {
        TraceBuilder tb;
        LaneId p = tb.lane("producer"), c = tb.lane("consumer");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs", 1);
        tb.wait(0, c, q, WaitReason::QueueGet);
        tb.put(10, p, q, 1, 1).wait_end(15, c, q).get(16, c, q, 1, 0);
        tb.put(20, p, q, 2, 1).wait(30, p, q, WaitReason::QueuePut);
        tb.get(50, c, q, 2, 0).wait_end(52, p, q).put(53, p, q, 3, 1);
        tb.get(61, c, q, 3, 0); // an item is there: no wait
        Summary sum = analyze(tb.snapshot(100));
        QCOMPARE(sum.stats.queues.size(), std::size_t(1));
        const QueueStats& qs = sum.stats.queues[0];
        QCOMPARE(qs.capacity, std::int64_t(1));
        QCOMPARE(qs.puts, std::size_t(3));
        QCOMPARE(qs.gets, std::size_t(3));
        QCOMPARE(qs.max_fill, std::int64_t(1));
        QCOMPARE(qs.time_full_ns, std::int64_t(6 + 30 + 8));
        QCOMPARE(qs.time_empty_ns, std::int64_t(100 - 44));
        QCOMPARE(qs.mean_fill, 0.44);
        QCOMPARE(qs.get_wait.count, std::size_t(1));
        QCOMPARE(qs.get_wait.max, std::int64_t(15));
        QCOMPARE(qs.put_wait.count, std::size_t(1));
        QCOMPARE(qs.put_wait.max, std::int64_t(22));
    }

    void openWaitsAndHoldsAreNotMeasured() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        tb.acquire(10, a, lock, 0).wait(20, b, lock, WaitReason::Lock);
        Summary sum = analyze(tb.snapshot(100, false));
        QCOMPARE(sum.stats.locks[0].acquisitions, std::size_t(1));
        QCOMPARE(sum.stats.locks[0].hold.count, std::size_t(0));
        QCOMPARE(sum.stats.locks[0].wait.count, std::size_t(0));
        QCOMPARE(sum.stats.lanes[b - 1].waits, std::size_t(1));
    }

    void summaryLookups() {
        TraceBuilder tb;
        LaneId a = tb.lane("a");
        ObjectId lock = tb.object(ObjectKind::Lock, "l");
        ObjectId q = tb.object(ObjectKind::Queue, "q", 3);
        tb.start(0, a).acquire(1, a, lock, 0).put(2, a, q, 1, 1);
        Summary sum = analyze(tb.snapshot(10));
        QCOMPARE(sum.range.begin, std::int64_t(0));
        QCOMPARE(sum.range.end, std::int64_t(10));
        QCOMPARE(sum.timeline(a)->lane, a);
        QVERIFY(sum.timeline(0) == nullptr);
        QVERIFY(sum.timeline(2) == nullptr);
        QCOMPARE(sum.ownership_of(lock)->object, lock);
        QVERIFY(sum.ownership_of(q) == nullptr);
        QCOMPARE(sum.level_of(q)->object, q);
        QVERIFY(sum.level_of(lock) == nullptr);
        QVERIFY(sum.diagnostics.empty());
    }

    void emptySnapshot() {
        Snapshot s;
        s.lanes.emplace_back();
        s.objects.emplace_back();
        Summary sum = analyze(s);
        QVERIFY(sum.timelines.empty());
        QVERIFY(sum.flows.empty());
        QVERIFY(sum.stats.lanes.empty());
    }

    // A big trace keeps every count consistent (and, being linear, finishes
    // well within the test's time limit).
    void bigConvoyIsConsistent_data() {
        QTest::addColumn<int>("lanes");
        QTest::addColumn<int>("rounds");
        QTest::newRow("2 lanes") << 2 << 1000;
        QTest::newRow("8 lanes, 100k rounds") << 8 << 100000;
    }
    void bigConvoyIsConsistent() {
        QFETCH(int, lanes);
        QFETCH(int, rounds);
        Snapshot s = lock_convoy(lanes, rounds);
        Summary sum = analyze(s);
        QCOMPARE(sum.flows.size(), std::size_t(rounds));
        QVERIFY(std::all_of(sum.flows.begin(), sum.flows.end(),
                            [](const Flow& f) { return f.handoff; }));
        QCOMPARE(sum.waits.size(), std::size_t(rounds));
        const LockStats& l = sum.stats.locks[0];
        QCOMPARE(l.acquisitions, std::size_t(rounds + 1));
        QCOMPARE(l.contended, std::size_t(rounds));
        QCOMPARE(l.wait.count, std::size_t(rounds));
        std::size_t ready = 0;
        for (const LaneTimeline& tl : sum.timelines)
            for (const StateInterval& iv : tl.intervals)
                ready += iv.state == LaneState::Ready;
        QCOMPARE(ready, std::size_t(rounds));
        QCOMPARE(sum.stats.lanes.size(), std::size_t(lanes));
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
