#include "trace/recorder.h"

#include <QtTest>

#include <thread>
#include <vector>

using namespace il::trace;

class TestRecorder : public QObject {
    Q_OBJECT
private slots:
    void recordIsThirtyTwoBytes() { QCOMPARE(sizeof(Record), std::size_t(32)); }

    void recordsAreMergedInTimeOrder_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("4 threads") << 4;
    }
    void recordsAreMergedInTimeOrder() {
        QFETCH(int, threads);
        Recorder rec;
        const int per = 10000;
        std::vector<std::thread> ts;
        for (int t = 0; t < threads; ++t)
            ts.emplace_back([&, t] {
                LaneId lane = rec.registry().add_lane("w" + std::to_string(t), LaneKind::Thread);
                rec.bind_thread(lane);
                for (int i = 0; i < per; ++i)
                    rec.record(Kind::Mark, 0, i, t);
            });
        for (auto& t : ts)
            t.join();
        Snapshot s = rec.snapshot();
        QCOMPARE(s.records.size(), std::size_t(threads * per));
        QCOMPARE(s.dropped, std::uint64_t(0));
        std::vector<std::int64_t> next(threads + 1, 0);
        for (std::size_t i = 0; i < s.records.size(); ++i) {
            const Record& r = s.records[i];
            if (i > 0)
                QVERIFY(s.records[i - 1].t_ns <= r.t_ns);
            // Each lane's records keep their own order.
            QCOMPARE(r.a, next[r.b]);
            ++next[r.b];
            QCOMPARE(s.lane(r.lane)->name, "w" + std::to_string(r.b));
        }
        QCOMPARE(s.lanes.size(), std::size_t(threads + 1));
    }

    void budgetDropsAndCounts() {
        Recorder rec(5000);
        for (int i = 0; i < 12000; ++i)
            rec.record(Kind::Mark, 0, i);
        Snapshot s = rec.snapshot();
        QCOMPARE(s.records.size(), std::size_t(5000));
        QCOMPARE(s.dropped, std::uint64_t(7000));
        QCOMPARE(rec.recorded(), std::uint64_t(5000));
        QCOMPARE(rec.dropped(), std::uint64_t(7000));
        // The first records are the ones kept.
        QCOMPARE(s.records.front().a, std::int64_t(0));
        QCOMPARE(s.records.back().a, std::int64_t(4999));
    }

    void budgetIsSharedByThreads() {
        // A thread that records little must not sit on budget another needs.
        Recorder rec(10000);
        rec.record(Kind::Mark, 0); // this thread claims a slice and then stays idle
        std::vector<std::thread> ts;
        for (int t = 0; t < 3; ++t)
            ts.emplace_back([&] {
                for (int i = 0; i < 20000; ++i)
                    rec.record(Kind::Mark, 0, i);
            });
        for (auto& t : ts)
            t.join();
        Snapshot s = rec.snapshot();
        QVERIFY(s.records.size() <= 10000);
        // At most one slice (kClaim) stays unused in the idle thread; the
        // busy threads' last slices shrink to a record or two.
        QVERIFY2(s.records.size() >= 10000 - Recorder::kClaim - 50,
                 std::to_string(s.records.size()).c_str());
        QCOMPARE(s.records.size() + s.dropped, std::size_t(60001));
    }

    void unboundThreadGetsItsOwnLane() {
        Recorder rec;
        rec.record(Kind::Mark, 0);
        LaneId mine = rec.current_lane();
        LaneId other = 0;
        std::thread([&] {
            rec.record(Kind::Mark, 0);
            other = rec.current_lane();
        }).join();
        QVERIFY(mine != 0);
        QVERIFY(other != 0);
        QVERIFY(mine != other);
        QVERIFY(rec.registry().lane(other).name.rfind("thread ", 0) == 0);
    }

    void snapshotWhileRecording() {
        Recorder rec;
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            // Bounded, so a slow (sanitized, loaded) reader never sorts millions.
            std::int64_t i = 0;
            while (!stop.load() && i < 200000)
                rec.record(Kind::Mark, 0, i++);
        });
        std::size_t last = 0;
        for (int k = 0; k < 20; ++k) {
            Snapshot s = rec.snapshot();
            QVERIFY(s.records.size() >= last);
            QVERIFY(!s.finished);
            for (std::size_t i = 0; i < s.records.size(); ++i)
                QCOMPARE(s.records[i].a, std::int64_t(i));
            last = s.records.size();
        }
        stop = true;
        writer.join();
        rec.finish();
        Snapshot s = rec.snapshot();
        QVERIFY(s.finished);
        QVERIFY(s.end_ns >= s.start_ns);
    }

    void readNewReturnsEachRecordOnce() {
        Recorder rec;
        Recorder::Cursor cursor;
        QVERIFY(rec.read_new(cursor).empty());
        std::vector<std::thread> writers;
        for (int t = 0; t < 2; ++t)
            writers.emplace_back([&, t] {
                rec.bind_thread(rec.registry().add_lane("w" + std::to_string(t), LaneKind::Thread));
                // Enough to cross chunk boundaries while the reader reads.
                for (std::int64_t i = 0; i < 3 * std::int64_t(Recorder::kChunkRecords); ++i)
                    rec.record(Kind::Mark, 0, i, t);
            });
        std::vector<std::int64_t> next(2, 0);
        auto consume = [&](const std::vector<Record>& batch) {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                if (i > 0)
                    QVERIFY(batch[i - 1].t_ns <= batch[i].t_ns);
                QCOMPARE(batch[i].a, next[batch[i].b]);
                ++next[batch[i].b];
            }
        };
        for (int k = 0; k < 50; ++k)
            consume(rec.read_new(cursor));
        for (auto& w : writers)
            w.join();
        consume(rec.read_new(cursor));
        QVERIFY(rec.read_new(cursor).empty());
        QCOMPARE(std::uint64_t(next[0] + next[1]), rec.recorded());
    }

    void timestampsAreMonotonicNanoseconds() {
        Recorder rec;
        std::int64_t before = clock::monotonic_ns();
        rec.record(Kind::Mark, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        rec.record(Kind::Mark, 0);
        std::int64_t after = clock::monotonic_ns();
        Snapshot s = rec.snapshot();
        QCOMPARE(s.records.size(), std::size_t(2));
        // The clock maps to CLOCK_MONOTONIC within a few microseconds.
        QVERIFY(s.records[0].t_ns >= before - 5000);
        QVERIFY(s.records[1].t_ns <= after + 5000);
        QVERIFY(s.records[1].t_ns - s.records[0].t_ns >= 4'900'000);
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
