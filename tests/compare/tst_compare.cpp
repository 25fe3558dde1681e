// Comparing two runs: rows matched by name (and kind), duplicates in order,
// one-sided subjects, change ratios; hand-made traces, then two real runs of
// one scenario with different parameters.
#include "analysis/trace_builder.h"
#include "compare/compare.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

using namespace il;
using namespace il::compare;
using il::test::TraceBuilder;

namespace {

struct Run {
    trace::Snapshot snapshot;
    analysis::Summary summary;
    std::int64_t duration_ns = 0;
    Side side() const { return Side{snapshot, summary, duration_ns}; }
};

Run make_run(trace::Snapshot s, std::int64_t duration) {
    Run r;
    r.snapshot = std::move(s);
    r.summary = analysis::analyze(r.snapshot);
    r.duration_ns = duration;
    return r;
}

// main, worker, worker (a second lane of that name); lock L contended once,
// semaphore S, queue Q filled to its capacity of 2.
Run left_run() {
    TraceBuilder b;
    const auto main = b.lane("main");
    const auto w1 = b.lane("worker");
    const auto w2 = b.lane("worker");
    const auto lock = b.object(trace::ObjectKind::Lock, "L");
    const auto sem = b.object(trace::ObjectKind::Semaphore, "S", 2);
    const auto q = b.object(trace::ObjectKind::Queue, "Q", 2);
    b.start(0, main).start(0, w1).start(0, w2);
    b.put(5, main, q, 1, 1).put(6, main, q, 2, 2);
    b.acquire(10, main, lock, 0).wait(15, w1, lock, trace::WaitReason::Lock);
    b.get(20, w2, q, 1, 1).get(25, w2, q, 2, 0);
    b.release(30, main, lock, 1).acquire(30, w1, lock, 1).wait_end(30, w1, lock);
    b.acquire(40, w2, sem, 0, 1).release(50, w1, lock, 2).release(60, w2, sem, 3, 2);
    b.end(100, w1).end(100, w2).end(100, main);
    return make_run(b.snapshot(100), 1000);
}

// main, worker, helper; L uncontended, a new lock M, no S and no Q.
Run right_run() {
    TraceBuilder b;
    const auto main = b.lane("main");
    const auto w = b.lane("worker");
    const auto helper = b.lane("helper");
    const auto lock = b.object(trace::ObjectKind::Lock, "L");
    const auto m = b.object(trace::ObjectKind::Lock, "M");
    b.start(0, main).start(0, w).start(0, helper);
    b.acquire(10, main, lock, 0).release(20, main, lock, 1);
    b.acquire(12, helper, m, 0).release(18, helper, m, 1);
    b.end(50, w).end(50, helper).end(50, main);
    return make_run(b.snapshot(50), 500);
}

const Row* find(const std::vector<Row>& rows, Section section, const std::string& subject,
                const std::string& metric) {
    for (const Row& r : rows)
        if (r.section == section && r.subject == subject && r.metric == metric)
            return &r;
    return nullptr;
}

std::size_t index_of(const std::vector<Row>& rows, const Row* row) {
    return static_cast<std::size_t>(row - rows.data());
}

} // namespace

class TestCompare : public QObject {
    Q_OBJECT
private slots:
    void runRows() {
        const Run l = left_run(), r = right_run();
        const auto rows = compare_runs(l.side(), r.side());
        const Row* d = find(rows, Section::Run, "", "duration");
        QVERIFY(d);
        QCOMPARE(index_of(rows, d), std::size_t(0));
        QCOMPARE(d->unit, Unit::Nanoseconds);
        QCOMPARE(*d->left, 1000.0);
        QCOMPARE(*d->right, 500.0);
        QCOMPARE(*d->change(), -0.5);
        const Row* events = find(rows, Section::Run, "", "events");
        QCOMPARE(*events->left, double(l.snapshot.records.size()));
        QCOMPARE(*events->right, double(r.snapshot.records.size()));
        const Row* lanes = find(rows, Section::Run, "", "lanes");
        QCOMPARE(*lanes->left, 3.0);
        QCOMPARE(*lanes->right, 3.0);
        QCOMPARE(*lanes->change(), 0.0);
    }

    void lockRowsMatchByNameAndKind() {
        const auto rows = compare_runs(left_run().side(), right_run().side());
        const Row* acq = find(rows, Section::Lock, "L", "acquisitions");
        QVERIFY(acq);
        QCOMPARE(acq->kind, std::string("lock"));
        QCOMPARE(acq->unit, Unit::Count);
        QCOMPARE(*acq->left, 2.0);
        QCOMPARE(*acq->right, 1.0);
        const Row* contended = find(rows, Section::Lock, "L", "contended");
        QCOMPARE(contended->unit, Unit::Ratio);
        QCOMPARE(*contended->left, 0.5);
        QCOMPARE(*contended->right, 0.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "wait_total")->left, 15.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "wait_p50")->left, 15.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "wait_p95")->left, 15.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "wait_max")->left, 15.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "wait_total")->right, 0.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "hold_p50")->left, 20.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "hold_p50")->right, 10.0);
        QCOMPARE(*find(rows, Section::Lock, "L", "hold_max")->left, 20.0);
        // Only in the right run: after L, with nothing on the left.
        const Row* m = find(rows, Section::Lock, "M", "acquisitions");
        QVERIFY(m && !m->left);
        QCOMPARE(*m->right, 1.0);
        QVERIFY(!m->change());
        QVERIFY(index_of(rows, m) > index_of(rows, acq));
        // A semaphore: lock-like rows, but no hold times.
        const Row* s = find(rows, Section::Lock, "S", "acquisitions");
        QVERIFY(s);
        QCOMPARE(s->kind, std::string("semaphore"));
        QCOMPARE(*s->left, 1.0);
        QVERIFY(!s->right);
        QVERIFY(!find(rows, Section::Lock, "S", "hold_p50"));
    }

    void queueRows() {
        const Run l = left_run();
        const auto rows = compare_runs(l.side(), right_run().side());
        const auto& q = l.summary.stats.queues.at(0);
        const std::pair<const char*, double> expected[] = {{"puts", 2},
                                                           {"gets", 2},
                                                           {"max_fill", 2},
                                                           {"mean_fill", q.mean_fill},
                                                           {"time_full", double(q.time_full_ns)},
                                                           {"time_empty", double(q.time_empty_ns)}};
        for (const auto& [metric, value] : expected) {
            const Row* row = find(rows, Section::Queue, "Q", metric);
            QVERIFY2(row, metric);
            QCOMPARE(*row->left, value);
            QVERIFY(!row->right); // no Q in the right run
            QCOMPARE(row->kind, std::string("queue"));
        }
        QCOMPARE(q.time_full_ns, std::int64_t(14)); // full from 6 until the get at 20
        QCOMPARE(find(rows, Section::Queue, "Q", "mean_fill")->unit, Unit::Items);
    }

    void laneRowsMatchDuplicatesInOrder() {
        const Run l = left_run(), r = right_run();
        const auto rows = compare_runs(l.side(), r.side());
        const Row* w = find(rows, Section::Lane, "worker", "running");
        const Row* w2 = find(rows, Section::Lane, "worker #2", "running");
        const Row* helper = find(rows, Section::Lane, "helper", "running");
        QVERIFY(w && w2 && helper);
        QCOMPARE(w->kind, std::string("thread"));
        // The first "worker" of each run match; the second has no partner.
        QCOMPARE(*w->left, double(l.summary.stats.lanes[1].time(analysis::LaneState::Running)));
        QCOMPARE(*w->right, double(r.summary.stats.lanes[1].time(analysis::LaneState::Running)));
        QVERIFY(w2->left && !w2->right);
        QVERIFY(!helper->left && helper->right);
        QVERIFY(index_of(rows, helper) > index_of(rows, w2));
        const Row* blocked = find(rows, Section::Lane, "worker", "blocked");
        QCOMPARE(*blocked->left, 15.0); // waited for L from 15 to 30
        QCOMPARE(*blocked->right, 0.0);
        const Row* util = find(rows, Section::Lane, "main", "utilisation");
        QCOMPARE(util->unit, Unit::Ratio);
        QCOMPARE(*util->left, l.summary.stats.lanes[0].utilisation);
        for (const char* metric : {"ready", "sleeping"})
            QVERIFY(find(rows, Section::Lane, "main", metric));
    }

    void changeIsRelative() {
        Row r;
        r.left = 4;
        r.right = 5;
        QCOMPARE(*r.change(), 0.25);
        r.left = 0;
        QVERIFY(!r.change());
        r.left.reset();
        QVERIFY(!r.change());
        QCOMPARE(section_name(Section::Queue), std::string_view("queue"));
        QCOMPARE(section_name(Section::Run), std::string_view("run"));
        QCOMPARE(unit_name(Unit::Nanoseconds), std::string_view("ns"));
        QCOMPARE(unit_name(Unit::Ratio), std::string_view("ratio"));
    }

    void aRunAgainstItselfChangesNothing() {
        const Run l = left_run();
        for (const Row& row : compare_runs(l.side(), l.side())) {
            QVERIFY(row.left && row.right);
            QCOMPARE(*row.left, *row.right);
        }
    }

    void moreWorkersFinishSooner() {
        const scenario::Scenario* pool = scenario::find_scenario("thread-pool");
        QVERIFY(pool);
        auto run = [&](const char* workers) {
            scenario::RunOptions o;
            o.timeout = std::chrono::seconds(60);
            auto rr = scenario::run_scenario(
                *pool,
                scenario::parse_params(pool->info().params, {"tasks=12", "work_ms=25",
                                                             std::string("workers=") + workers}),
                o);
            return make_run(std::move(rr.trace), rr.duration_ns);
        };
        const Run one = run("1"), four = run("4");
        const auto rows = compare_runs(one.side(), four.side());
        // 12 sleeps of 25 ms one after another, or four at a time: 300 ms vs 75 ms.
        const Row* d = find(rows, Section::Run, "", "duration");
        QVERIFY2(*d->right < *d->left, qPrintable(QString::number(*d->change())));
        const Row* first = find(rows, Section::Lane, "pool-worker-1", "running");
        QVERIFY(first && first->left && first->right);
        const Row* fourth = find(rows, Section::Lane, "pool-worker-4", "running");
        QVERIFY(fourth && !fourth->left && fourth->right);
        const Row* puts = find(rows, Section::Queue, "pool.work_queue", "puts");
        QVERIFY(puts && puts->left && puts->right);
        // The 12 tasks, the shutdown sentinel, and each worker passing it on.
        QCOMPARE(*puts->left, 12.0 + 1 + 1);
        QCOMPARE(*puts->right, 12.0 + 1 + 4);
        for (const Row& row : rows)
            if (row.metric == "utilisation")
                for (const auto& v : {row.left, row.right})
                    QVERIFY(!v || (*v >= 0 && *v <= 1));
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
