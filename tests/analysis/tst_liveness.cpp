// find_liveness_issues and diagnose on hand-made traces: each finding where
// it belongs, and none on the fair twin of each trace.
#include "analysis/diagnose.h"
#include "analysis/liveness.h"
#include "analysis/trace_builder.h"
#include "analysis/wait_for_graph.h"

#include <QtTest>

using namespace il::analysis;
using namespace il::test;

namespace {

constexpr std::int64_t us = 1'000;
constexpr std::int64_t ms = 1'000'000;

std::vector<Diagnostic> issues(const Snapshot& s) {
    return find_liveness_issues(s, analyze(s));
}

std::vector<Diagnostic> of_kind(const std::vector<Diagnostic>& all, const std::string& kind) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : all)
        if (d.kind == kind)
            out.push_back(d);
    return out;
}

// v waits on `lock` from 100 ms to 800 ms of a 1 s run; meanwhile twelve
// acquisitions by a and b, who asked after v (they barge in), or by twelve
// lanes that were already queued before v (FIFO: not starvation).
Snapshot starving_trace(bool fifo, std::int64_t run_end = 1000 * ms, std::int64_t scale = 1) {
    TraceBuilder tb;
    LaneId v = tb.lane("v"), a = tb.lane("a"), b = tb.lane("b");
    ObjectId l = tb.object(ObjectKind::Lock, "l");
    tb.wait(100 * ms / scale, v, l, WaitReason::Lock);
    for (int k = 0; k < 12; ++k) {
        const std::int64_t t = (110 + 20 * k) * ms / scale;
        LaneId who = k % 2 ? b : a;
        if (fifo) {
            who = tb.lane("early-" + std::to_string(k));
            tb.wait((50 + k) * ms / scale, who, l, WaitReason::Lock).wait_end(t, who, l);
        }
        tb.acquire(t + 1, who, l, k).release(t + 10 * ms / scale, who, l, k + 1);
    }
    tb.wait_end(800 * ms / scale, v, l).acquire(800 * ms / scale + 1, v, l, 12);
    tb.release(810 * ms / scale, v, l, 13);
    return tb.snapshot(run_end);
}

} // namespace

class TestLiveness : public QObject {
    Q_OBJECT
private slots:
    void starvationByOvertaking() {
        Snapshot s = starving_trace(false);
        std::vector<Diagnostic> d = issues(s);
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].kind, std::string("starvation"));
        QCOMPARE(d[0].lanes, std::vector<LaneId>{1});
        QCOMPARE(d[0].objects, std::vector<ObjectId>{4});
        // Long enough (25% of 1 s after 100 ms) came after the 10th overtake.
        QCOMPARE(d[0].t_ns, 350 * ms);
        QCOMPARE(d[0].message, std::string("starvation: v waited 700 ms (70% of the run) on lock "
                                           "'l' while lanes that came after it got it 12 times"));
    }

    void noStarvationOnFairOrShortWaits_data() {
        QTest::addColumn<bool>("fifo");
        QTest::addColumn<std::int64_t>("run_end");
        QTest::addColumn<std::int64_t>("scale");
        QTest::newRow("served in arrival order") << true << 1000 * ms << std::int64_t(1);
        QTest::newRow("a small share of a long run") << false << 10'000 * ms << std::int64_t(1);
        QTest::newRow("under the absolute minimum") << false << 100 * ms << std::int64_t(10);
    }
    void noStarvationOnFairOrShortWaits() {
        QFETCH(bool, fifo);
        QFETCH(std::int64_t, run_end);
        QFETCH(std::int64_t, scale);
        QVERIFY(of_kind(issues(starving_trace(fifo, run_end, scale)), "starvation").empty());
    }

    void starvationOnAConditionCountsItsLock() {
        TraceBuilder tb;
        LaneId v = tb.lane("v"), a = tb.lane("a");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId c = tb.object(ObjectKind::Condition, "ok_to_write", 0, l);
        tb.acquire(99 * ms, v, l, 0).release(100 * ms, v, l, 1);
        tb.wait(100 * ms, v, c, WaitReason::Condition);
        for (int k = 0; k < 15; ++k)
            tb.acquire((110 + 30 * k) * ms, a, l, k + 1).release((111 + 30 * k) * ms, a, l, k + 2);
        tb.wait_end(900 * ms, v, c, WaitResult::Timeout).acquire(901 * ms, v, l, 16);
        std::vector<Diagnostic> d = issues(tb.snapshot(1000 * ms));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{c, l}));
        QVERIFY2(d[0].message.ends_with("on condition 'ok_to_write' while lanes that came after "
                                        "it took its lock 'l' 15 times"),
                 d[0].message.c_str());
    }

    void starvationOnASemaphore() {
        TraceBuilder tb;
        LaneId v = tb.lane("v"), a = tb.lane("a"), b = tb.lane("b");
        ObjectId s = tb.object(ObjectKind::Semaphore, "permits", 1);
        tb.acquire(1 * ms, a, s, 0, 0).wait(100 * ms, v, s, WaitReason::Semaphore);
        tb.release(101 * ms, a, s, 1, 1);
        for (int k = 0; k < 11; ++k) {
            LaneId who = k % 2 ? a : b;
            tb.acquire((110 + 40 * k) * ms, who, s, k + 1, 0);
            tb.release((120 + 40 * k) * ms, who, s, k + 2, 1);
        }
        tb.wait_end(600 * ms, v, s).acquire(600 * ms + 1, v, s, 12, 0);
        std::vector<Diagnostic> d = of_kind(issues(tb.snapshot(1000 * ms)), "starvation");
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY(d[0].message.find("on semaphore 'permits'") != std::string::npos);
        QVERIFY2(d[0].message.ends_with("got it 11 times"), d[0].message.c_str());
    }

    // Reader-preferring readers-writers with the classic two locks: the first
    // reader in takes `resource`, the last one out frees it, every reader
    // passes `read_count_lock`; the writer waits on `resource` all along.
    void starvationByAGroup_data() {
        QTest::addColumn<bool>("relay");
        QTest::addColumn<bool>("group");
        QTest::addColumn<QString>("ending");
        QTest::newRow("first in is last out")
            << false << true
            << "while reader-1 kept it for a group: other lanes took 'read_count_lock', which "
               "reader-1 also took while holding it, 106 times";
        QTest::newRow("freed by another reader")
            << true << true
            << "while other lanes kept it among themselves (taken by reader-1, "
               "freed by reader-2)";
        QTest::newRow("one long critical section") << false << false << "";
    }
    void starvationByAGroup() {
        QFETCH(bool, relay);
        QFETCH(bool, group);
        QFETCH(QString, ending);
        TraceBuilder tb;
        LaneId r1 = tb.lane("reader-1"), r2 = tb.lane("reader-2"), r3 = tb.lane("reader-3");
        LaneId w = tb.lane("writer-1");
        ObjectId res = tb.object(ObjectKind::Lock, "resource");
        ObjectId count = tb.object(ObjectKind::Lock, "read_count_lock");
        tb.acquire(10 * ms, r1, res, 0);
        std::int64_t token = 0;
        for (std::int64_t t = 20 * ms; t < 900 * ms; t += 15 * ms)
            for (LaneId r : {r1, r2, r3}) {
                if (!group && r != r1)
                    continue;
                const std::int64_t at = t + (r - r1) * ms;
                tb.acquire(at, r, count, token).release(at + 100 * us, r, count, token + 1);
                token += 2;
            }
        tb.wait(100 * ms, w, res, WaitReason::Lock);
        tb.release(900 * ms, relay ? r2 : r1, res, 1);
        tb.wait_end(901 * ms, w, res).acquire(902 * ms, w, res, 1).release(905 * ms, w, res, 2);
        std::vector<Diagnostic> d = of_kind(issues(tb.snapshot(1000 * ms)), "starvation");
        if (ending.isEmpty()) {
            QVERIFY(d.empty());
            return;
        }
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes, std::vector<LaneId>{w});
        QVERIFY2(d[0].message.ends_with(ending.toStdString()), d[0].message.c_str());
        QVERIFY(d[0].message.starts_with("starvation: writer-1 waited 801 ms (80% of the run) on "
                                         "lock 'resource'"));
    }

    // Four lanes pass one lock round-robin: hold 100 us, wait `wait_us`
    // before each acquisition, `gap_us` free between holds.
    void lockConvoy_data() {
        QTest::addColumn<int>("acquisitions");
        QTest::addColumn<int>("wait_us");
        QTest::addColumn<int>("gap_us");
        QTest::addColumn<bool>("contended");
        QTest::addColumn<bool>("convoy");
        QTest::newRow("convoy") << 60 << 300 << 0 << true << true;
        QTest::newRow("too few acquisitions") << 40 << 300 << 0 << true << false;
        QTest::newRow("nobody waits") << 60 << 300 << 0 << false << false;
        QTest::newRow("waits shorter than two holds") << 60 << 150 << 0 << true << false;
        QTest::newRow("mostly free (wake-ups, not holders)") << 60 << 900 << 300 << true << false;
    }
    void lockConvoy() {
        QFETCH(int, acquisitions);
        QFETCH(int, wait_us);
        QFETCH(int, gap_us);
        QFETCH(bool, contended);
        QFETCH(bool, convoy);
        TraceBuilder tb;
        std::vector<LaneId> lanes;
        for (int i = 0; i < 4; ++i)
            lanes.push_back(tb.lane("worker-" + std::to_string(i + 1)));
        ObjectId l = tb.object(ObjectKind::Lock, "table_lock");
        const std::int64_t base = 10 * ms;
        for (int k = 0; k < acquisitions; ++k) {
            const LaneId who = lanes[k % 4];
            const std::int64_t t0 = base + k * (100 + gap_us) * us;
            if (contended)
                tb.wait(t0 - wait_us * us, who, l, WaitReason::Lock).wait_end(t0, who, l);
            tb.acquire(t0 + 1, who, l, k).release(t0 + 100 * us, who, l, k + 1);
        }
        std::vector<Diagnostic> d = of_kind(issues(tb.snapshot(base + 100 * ms)), "lock_convoy");
        if (!convoy) {
            QVERIFY(d.empty());
            return;
        }
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].objects, std::vector<ObjectId>{l});
        QCOMPARE(d[0].lanes, lanes);
        QCOMPARE(d[0].t_ns, base + 1);
        QCOMPARE(d[0].message,
                 std::string("lock convoy on lock 'table_lock': 100% of 60 acquisitions had to "
                             "queue, the median wait 300 us is 3.0x the median hold 100 us, and "
                             "it sits free only 1 ns between holders"));
    }

    // A notify_all wakes `waiters` consumers; `useful` of them find an item.
    void thunderingHerd_data() {
        QTest::addColumn<int>("waiters");
        QTest::addColumn<int>("useful");
        QTest::addColumn<int>("requested"); // Notify.b: -1 notify_all
        QTest::addColumn<int>("rounds");
        QTest::addColumn<bool>("herd");
        QTest::newRow("notify_all, one finds work") << 4 << 1 << -1 << 1 << true;
        QTest::newRow("three rounds") << 5 << 1 << -1 << 3 << true;
        QTest::newRow("most find work") << 4 << 3 << -1 << 1 << false;
        QTest::newRow("notify(n) asked for them all") << 4 << 1 << 4 << 1 << false;
        QTest::newRow("only two woken") << 2 << 0 << -1 << 1 << false;
    }
    void thunderingHerd() {
        QFETCH(int, waiters);
        QFETCH(int, useful);
        QFETCH(int, requested);
        QFETCH(int, rounds);
        QFETCH(bool, herd);
        TraceBuilder tb;
        LaneId producer = tb.lane("producer");
        std::vector<LaneId> w;
        for (int i = 0; i < waiters; ++i)
            w.push_back(tb.lane("consumer-" + std::to_string(i + 1)));
        ObjectId l = tb.object(ObjectKind::Lock, "work_lock");
        ObjectId c = tb.object(ObjectKind::Condition, "work_ready", 0, l);
        ObjectId q = tb.object(ObjectKind::Queue, "items");
        std::int64_t t = 0, token = 0, seq = 0;
        auto T = [&] { return ++t; };
        auto lock_token = [&] { return ++token; };
        for (LaneId x : w) {
            tb.acquire(T(), x, l, token).release(T(), x, l, lock_token());
            tb.wait(T(), x, c, WaitReason::Condition);
        }
        for (int round = 1; round <= rounds; ++round) {
            tb.acquire(T(), producer, l, token);
            for (int k = 0; k < useful; ++k)
                tb.put(T(), producer, q, ++seq, k + 1);
            tb.rec(T(), producer, Kind::Notify, c, round, requested, std::uint16_t(waiters));
            tb.release(T(), producer, l, lock_token());
            for (int i = 0; i < waiters; ++i) {
                const LaneId x = w[i];
                tb.wake(T(), x, c, round).wait_end(T(), x, c);
                tb.wait(T(), x, l, WaitReason::Lock).wait_end(T(), x, l).acquire(T(), x, l, token);
                if (i < useful) {
                    tb.get(T(), x, q, seq - useful + i + 1, useful - i - 1);
                    tb.release(T(), x, l, lock_token());
                    tb.rec(T(), x, Kind::SleepBegin, 0, 10).rec(T(), x, Kind::SleepEnd);
                    tb.acquire(T(), x, l, token).release(T(), x, l, lock_token());
                } else {
                    tb.release(T(), x, l, lock_token()); // Condition::wait lets go ...
                }
                tb.wait(T(), x, c, WaitReason::Condition); // ... and waits again
            }
        }
        std::vector<Diagnostic> d = of_kind(issues(tb.snapshot(t + 10, false)), "thundering_herd");
        if (!herd) {
            QVERIFY(d.empty());
            return;
        }
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].objects, std::vector<ObjectId>{c});
        QCOMPARE(d[0].lanes, std::vector<LaneId>(w.begin() + useful, w.end()));
        const int woken = waiters * rounds, wasted = (waiters - useful) * rounds;
        QCOMPARE(d[0].message,
                 "thundering herd on condition 'work_ready': " + std::to_string(rounds) +
                     " notify_all " + (rounds == 1 ? "call" : "calls") + " woke " +
                     std::to_string(woken) + " lanes, and " + std::to_string(wasted) +
                     " of those wake-ups found nothing to do and went back to waiting");
        QCOMPARE(d[0].t_ns,
                 std::int64_t(tb.snapshot(0)
                                  .records[find_record(tb.snapshot(0), Kind::Notify, producer, c)]
                                  .t_ns));
    }

    void thunderingHerdOnAnEvent() {
        TraceBuilder tb;
        LaneId setter = tb.lane("setter");
        LaneId a = tb.lane("a"), b = tb.lane("b"), c = tb.lane("c");
        ObjectId ev = tb.object(ObjectKind::Event, "job_posted");
        ObjectId q = tb.object(ObjectKind::Queue, "jobs");
        for (LaneId x : {a, b, c})
            tb.wait(1 + x, x, ev, WaitReason::Event);
        tb.put(10, setter, q, 1, 1).set(11, setter, ev, 1);
        for (LaneId x : {a, b, c})
            tb.wake(12 + x, x, ev, 1).wait_end(13 + x, x, ev);
        tb.rec(20, a, Kind::Clear, ev).get(21, a, q, 1, 0);
        tb.wait(22, b, ev, WaitReason::Event).wait(23, c, ev, WaitReason::Event);
        std::vector<Diagnostic> d = issues(tb.snapshot(30, false));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].kind, std::string("thundering_herd"));
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{b, c}));
        QVERIFY(d[0].message.starts_with("thundering herd on event 'job_posted': 1 set call woke "
                                         "3 lanes, and 2 of those"));
    }

    void lostUpdates() {
        TraceBuilder tb;
        LaneId a = tb.lane("worker-1"), b = tb.lane("worker-2");
        ObjectId v = tb.object(ObjectKind::Variable, "counter");
        ObjectId level = tb.object(ObjectKind::Variable, "items_in_buffer");
        tb.read(1, a, v, 0).read(2, b, v, 0).write(3, b, v, 1, 0).write(4, a, v, 1, 1);
        tb.read(5, a, v, 1).write(6, a, v, 2, 0);
        tb.read(7, a, v, 2).read(8, b, v, 2).write(9, a, v, 3).write(10, b, v, 3, 1);
        // Blind stores (no read since the lane's last write) erase nothing it read.
        tb.write(11, a, level, 1).write(12, a, level, 2).write(13, b, level, 1, 2);
        std::vector<Diagnostic> d = issues(tb.snapshot(20));
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].kind, std::string("lost_update"));
        QCOMPARE(d[0].objects, std::vector<ObjectId>{v});
        QCOMPARE(d[0].lanes, (std::vector<LaneId>{a, b}));
        QCOMPARE(d[0].t_ns, std::int64_t(4));
        QCOMPARE(d[0].message, std::string("lost updates on variable 'counter': 2 writes based on "
                                           "a stale read erased other lanes' updates; 2 updates "
                                           "lost in all"));
    }

    void fairTraceHasNoFindings() {
        // Two lanes taking turns on a lock, reading and writing under it.
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId v = tb.object(ObjectKind::Variable, "counter");
        std::int64_t t = 0;
        auto T = [&](std::int64_t dt) { return t += dt; };
        for (int k = 0; k < 200; ++k) {
            LaneId x = k % 2 ? b : a;
            tb.acquire(T(10), x, l, k).read(T(1), x, v, k).write(T(1), x, v, k + 1);
            tb.release(T(1), x, l, k + 1);
        }
        QVERIFY(issues(tb.snapshot(t + 10)).empty());
    }

    void diagnoseSortsAndDeduplicates() {
        TraceBuilder tb;
        LaneId a = tb.lane("a"), b = tb.lane("b");
        ObjectId l = tb.object(ObjectKind::Lock, "l");
        ObjectId m = tb.object(ObjectKind::Lock, "m");
        ObjectId v = tb.object(ObjectKind::Variable, "x");
        tb.acquire(1, a, l, 0).acquire(2, b, m, 0);
        tb.wait(10, a, m, WaitReason::Lock).wait(20, b, l, WaitReason::Lock);
        tb.read(3, a, v, 0).read(4, b, v, 0).write(5, b, v, 1).write(6, a, v, 1, 1);
        // The same cycle once more after a timeout: one finding, not two.
        tb.wait_end(30, a, m, WaitResult::Timeout).wait(40, a, m, WaitReason::Lock);
        Snapshot s = tb.snapshot(100);
        QCOMPARE(find_deadlocks(s).size(), std::size_t(2));
        std::vector<Diagnostic> d = diagnose(s, analyze(s));
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d[0].kind, std::string("lost_update"));
        QCOMPARE(d[0].t_ns, std::int64_t(6));
        QCOMPARE(d[1].kind, std::string("deadlock"));
        QCOMPARE(d[1].t_ns, std::int64_t(20));
    }
};

QTEST_GUILESS_MAIN(TestLiveness)
#include "tst_liveness.moc"
