#include "executor/thread_pool_executor.h"
#include "run/errors.h"
#include "sync/event.h"

#include <QtTest>

#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace il;
using namespace il::executor;
using namespace std::chrono_literals;
using trace::Kind;

namespace {

struct Boom : std::runtime_error {
    explicit Boom(int i) : std::runtime_error("boom " + std::to_string(i)) {}
};

std::vector<trace::Record> recordsOf(const trace::Snapshot& s, trace::ObjectId object) {
    std::vector<trace::Record> out;
    for (const trace::Record& r : s.records)
        if (r.object == object)
            out.push_back(r);
    return out;
}

bool hasRecord(Session& s, Kind kind, trace::ObjectId object) {
    for (const trace::Record& r : s.recorder().snapshot().records)
        if (r.kind == kind && r.object == object)
            return true;
    return false;
}

// Polls until cond() holds (10 s at most): how a test knows a worker got
// somewhere without guessing with sleeps.
template <class Cond> bool eventually(Cond cond) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond())
            return true;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

std::size_t lanesNamed(const trace::Snapshot& s, const std::string& prefix) {
    std::size_t n = 0;
    for (const trace::LaneInfo& l : s.lanes)
        if (l.name.rfind(prefix, 0) == 0)
            ++n;
    return n;
}

void addWorkerRows() {
    QTest::addColumn<int>("workers");
    QTest::newRow("1 worker") << 1;
    QTest::newRow("2 workers") << 2;
    QTest::newRow("4 workers") << 4;
}

} // namespace

class TestThreadPoolExecutor : public QObject {
    Q_OBJECT
private slots:
    void submitReturnsResults_data() { addWorkerRows(); }
    void submitReturnsResults() {
        QFETCH(int, workers);
        Session s;
        ThreadPoolExecutor pool(s, workers);
        std::vector<Future<int>> fs;
        for (int i = 0; i < 200; ++i)
            fs.push_back(pool.submit([](int x) { return x * x; }, i));
        for (int i = 0; i < 200; ++i)
            QCOMPARE(fs[i].result(), i * i);
        QVERIFY(pool.worker_count() >= 1);
        QVERIFY(pool.worker_count() <= std::size_t(workers));
        pool.shutdown();
        QVERIFY(lanesNamed(s.recorder().snapshot(), "pool-worker-") <= std::size_t(workers));
    }

    void recordsEachTask_data() { addWorkerRows(); }
    void recordsEachTask() {
        QFETCH(int, workers);
        Session s;
        const int n = 50;
        std::vector<Future<void>> fs;
        trace::ObjectId pool_id = 0, queue_id = 0;
        std::vector<trace::LaneId> worker_lanes;
        {
            ThreadPoolExecutor pool(s, workers, "exec");
            pool_id = pool.id();
            queue_id = pool.work_queue_id();
            for (int i = 0; i < n; ++i)
                fs.push_back(pool.submit([] {}));
            pool.shutdown();
            worker_lanes = pool.worker_lanes();
        }
        trace::Snapshot snap = s.recorder().snapshot();
        const trace::ObjectInfo* exec = snap.object(pool_id);
        QCOMPARE(exec->kind, trace::ObjectKind::Executor);
        QCOMPARE(exec->capacity, std::int64_t(workers));
        QCOMPARE(snap.object(queue_id)->name, std::string("exec.work_queue"));
        QCOMPARE(snap.object(queue_id)->capacity, std::int64_t(0)); // unbounded

        std::set<trace::LaneId> lanes(worker_lanes.begin(), worker_lanes.end());
        for (trace::LaneId l : lanes)
            QVERIFY(snap.lane(l)->name.rfind("exec-worker-", 0) == 0);
        for (int i = 0; i < n; ++i) {
            const trace::ObjectInfo* fo = snap.object(fs[i].id());
            QCOMPARE(fo->kind, trace::ObjectKind::Future);
            QCOMPARE(fo->related, pool_id);
            QCOMPARE(fo->name, "task " + std::to_string(i + 1));
            // Submit -> TaskStart -> TaskEnd -> Set, once each, in this order.
            auto rs = recordsOf(snap, fs[i].id());
            QCOMPARE(rs.size(), std::size_t(4));
            QCOMPARE(rs[0].kind, Kind::Submit);
            QCOMPARE(rs[0].b, std::int32_t(pool_id));
            QCOMPARE(rs[1].kind, Kind::TaskStart);
            QVERIFY(lanes.count(rs[1].lane));
            QCOMPARE(rs[2].kind, Kind::TaskEnd);
            QCOMPARE(rs[2].c, std::uint16_t(FutureState::Finished));
            QCOMPARE(rs[2].lane, rs[1].lane);
            QCOMPARE(rs[3].kind, Kind::Set);
        }

        // The work queue: a Put then a Get of the same item per task, in
        // submission order (FIFO); then the shutdown sentinel (put once, by
        // the first shutdown), passed on by each worker as it ends.
        std::map<std::int64_t, int> puts, gets;
        std::vector<std::int64_t> get_order;
        for (const trace::Record& r : snap.records) {
            if (r.object != queue_id)
                continue;
            if (r.kind == Kind::Put) {
                QVERIFY(!puts.count(r.a));
                puts[r.a] = 1;
            } else if (r.kind == Kind::Get) {
                QVERIFY(puts.count(r.a)); // its Put came first
                QVERIFY(!gets.count(r.a));
                gets[r.a] = 1;
                get_order.push_back(r.a);
            }
        }
        QCOMPARE(puts.size(), std::size_t(n + 1 + lanes.size()));
        QCOMPARE(gets.size(), std::size_t(n + lanes.size()));
        for (int i = 0; i < n; ++i)
            QCOMPARE(get_order[i], std::int64_t(i + 1));
        // Each Submit comes just before its task's Put, on the submitting lane.
        std::vector<trace::Record> main_lane;
        for (const trace::Record& r : snap.records)
            if ((r.kind == Kind::Submit) || (r.kind == Kind::Put && r.object == queue_id))
                if (r.lane == recordsOf(snap, fs[0].id())[0].lane)
                    main_lane.push_back(r);
        for (int i = 0; i < n; ++i) {
            QCOMPARE(main_lane[2 * i].kind, Kind::Submit);
            QCOMPARE(main_lane[2 * i].object, fs[i].id());
            QCOMPARE(main_lane[2 * i + 1].kind, Kind::Put);
            QCOMPARE(main_lane[2 * i + 1].a, std::int64_t(i + 1));
        }
    }

    void oneTaskStartsOneWorker() {
        Session s;
        ThreadPoolExecutor pool(s, 4);
        QCOMPARE(pool.worker_count(), std::size_t(0)); // lazy: none before a submit
        QCOMPARE(pool.submit([] { return 1; }).result(), 1);
        pool.shutdown();
        QCOMPARE(pool.worker_count(), std::size_t(1));
        QCOMPARE(lanesNamed(s.recorder().snapshot(), "pool-worker-"), std::size_t(1));
        QCOMPARE(s.registry().lane(pool.worker_lanes()[0]).name, std::string("pool-worker-1"));
    }

    void neverMoreThanMaxWorkers_data() { addWorkerRows(); }
    void neverMoreThanMaxWorkers() {
        QFETCH(int, workers);
        Session s;
        sync::Event gate(s, "gate");
        ThreadPoolExecutor pool(s, workers);
        std::vector<Future<bool>> fs;
        // Every worker stays busy, so each submit finds none idle.
        for (int i = 0; i < 3 * workers; ++i)
            fs.push_back(pool.submit([&gate] { return gate.wait(); }));
        QCOMPARE(pool.worker_count(), std::size_t(workers));
        gate.set();
        for (auto& f : fs)
            QVERIFY(f.result());
        pool.shutdown();
        QCOMPARE(lanesNamed(s.recorder().snapshot(), "pool-worker-"), std::size_t(workers));
    }

    void throwingTaskSetsItsFutureAndTheWorkerGoesOn() {
        Session s;
        ThreadPoolExecutor pool(s, 1);
        auto bad = pool.submit([]() -> int { throw Boom(1); });
        auto good = pool.submit([] { return 7; });
        QVERIFY_THROWS_EXCEPTION(Boom, bad.result());
        QVERIFY(bad.exception() != nullptr);
        QCOMPARE(good.result(), 7);
        pool.shutdown();
        int ends = 0;
        for (const auto& r : recordsOf(s.recorder().snapshot(), bad.id()))
            if (r.kind == Kind::TaskEnd) {
                QCOMPARE(r.b, 1); // ended with an exception
                ++ends;
            }
        QCOMPARE(ends, 1);
        QCOMPARE(pool.worker_count(), std::size_t(1));
    }

    void argumentsAreCopiedInAndDropped() {
        Session s;
        ThreadPoolExecutor pool(s, 2);
        auto shared = std::make_shared<int>(5);
        auto f = pool.submit([](std::shared_ptr<int> p, int k) { return *p * k; }, shared, 3);
        QCOMPARE(f.result(), 15);
        pool.shutdown();
        QCOMPARE(shared.use_count(), 1L); // the worker let go of the call
        auto moved = pool.worker_count();
        QCOMPARE(moved, std::size_t(1));
    }

    void submitAfterShutdownThrows() {
        Session s;
        ThreadPoolExecutor pool(s, 2);
        pool.submit([] {}).result();
        pool.shutdown();
        try {
            pool.submit([] {});
            QFAIL("submit after shutdown did not throw");
        } catch (const RuntimeError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("cannot schedule new futures after shutdown"));
        }
        pool.shutdown(); // twice is fine
        QVERIFY_THROWS_EXCEPTION(ValueError, ThreadPoolExecutor(s, 0));
    }

    void shutdownWaitRunsWhatWasQueued_data() { addWorkerRows(); }
    void shutdownWaitRunsWhatWasQueued() {
        QFETCH(int, workers);
        Session s;
        ThreadPoolExecutor pool(s, workers);
        std::vector<Future<int>> fs;
        for (int i = 0; i < 100; ++i)
            fs.push_back(pool.submit([i] { return i; }));
        pool.shutdown(true);
        for (int i = 0; i < 100; ++i) {
            QVERIFY(fs[i].done());
            QCOMPARE(fs[i].result(), i);
        }
        // Every worker lane ended normally.
        trace::Snapshot snap = s.recorder().snapshot();
        for (trace::LaneId l : pool.worker_lanes()) {
            auto rs = recordsOf(snap, snap.lane(l)->object);
            QVERIFY(!rs.empty());
            QCOMPARE(rs.back().kind, Kind::Joined);
        }
    }

    void shutdownCancelFuturesCancelsQueuedOnes() {
        Session s;
        sync::Event started(s, "started"), gate(s, "gate");
        ThreadPoolExecutor pool(s, 1);
        auto first = pool.submit([&] {
            started.set();
            gate.wait();
            return 0;
        });
        std::vector<Future<int>> queued;
        for (int i = 1; i <= 5; ++i)
            queued.push_back(pool.submit([i] { return i; }));
        QVERIFY(started.wait(10s));
        pool.shutdown(false, true);
        for (auto& f : queued) {
            QVERIFY(f.cancelled());
            QVERIFY_THROWS_EXCEPTION(CancelledError, f.result());
        }
        QVERIFY(first.running());
        gate.set();
        pool.shutdown(true);
        QCOMPARE(first.result(), 0);
        trace::Snapshot snap = s.recorder().snapshot();
        for (auto& f : queued) {
            std::vector<Kind> kinds;
            for (const auto& r : recordsOf(snap, f.id()))
                kinds.push_back(r.kind);
            QCOMPARE(kinds, (std::vector<Kind>{Kind::Submit, Kind::Cancel, Kind::Set}));
        }
    }

    void cancelPendingButNotRunning() {
        Session s;
        sync::Event started(s, "started"), gate(s, "gate");
        ThreadPoolExecutor pool(s, 1);
        auto running = pool.submit([&] {
            started.set();
            gate.wait();
            return 1;
        });
        auto pending = pool.submit([] { return 2; });
        QVERIFY(started.wait(10s));
        QVERIFY(!running.cancel());
        QVERIFY(pending.cancel());
        gate.set();
        QCOMPARE(running.result(), 1);
        QVERIFY_THROWS_EXCEPTION(CancelledError, pending.result());
        pool.shutdown();
        // The worker took it off the queue but never ran it.
        QVERIFY(!hasRecord(s, Kind::TaskStart, pending.id()));
        QCOMPARE(pending.state(), FutureState::Cancelled);
    }

    void doneCallbackRunsOnTheWorker() {
        Session s;
        sync::Event gate(s, "gate");
        ThreadPoolExecutor pool(s, 1);
        auto f = pool.submit([&] { return gate.wait(); });
        std::atomic<trace::LaneId> ran_on{0};
        f.add_done_callback([&](const Future<bool>&) { ran_on = s.recorder().current_lane(); });
        gate.set();
        QVERIFY(f.result());
        pool.shutdown();
        QCOMPARE(ran_on.load(), pool.worker_lanes()[0]);
    }

    void mapKeepsInputOrder_data() { addWorkerRows(); }
    void mapKeepsInputOrder() {
        QFETCH(int, workers);
        Session s;
        ThreadPoolExecutor pool(s, workers);
        std::vector<int> in;
        for (int i = 0; i < 40; ++i)
            in.push_back(i);
        auto results = pool.map([](int x) { return x * 10; }, in);
        QCOMPARE(results.size(), in.size());
        int expect = 0;
        for (const int& r : results) {
            QCOMPARE(r, expect * 10);
            ++expect;
        }
        QCOMPARE(expect, 40);
        auto again = pool.map([](int x) { return std::to_string(x); }, std::vector<int>{3, 1, 2});
        QCOMPARE(again.to_vector(), (std::vector<std::string>{"3", "1", "2"}));
    }

    void mapRethrowsTheFirstExceptionInOrder() {
        Session s;
        ThreadPoolExecutor pool(s, 2);
        auto results = pool.map(
            [](int x) {
                if (x == 3 || x == 7)
                    throw Boom(x);
                return x;
            },
            std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
        std::vector<int> got;
        try {
            for (int r : results)
                got.push_back(r);
            QFAIL("map did not rethrow");
        } catch (const Boom& e) {
            QCOMPARE(std::string(e.what()), std::string("boom 3"));
        }
        QCOMPARE(got, (std::vector<int>{0, 1, 2}));
        // Whatever had not run yet was cancelled, nothing is left pending.
        pool.shutdown();
        for (const auto& f : results.futures())
            QVERIFY(f.done());
    }

    void mapTimesOut() {
        Session s;
        sync::Event gate(s, "gate");
        ThreadPoolExecutor pool(s, 1);
        auto results = pool.map([&](int) { return gate.wait(); }, std::vector<int>{1, 2, 3}, 20ms);
        QVERIFY_THROWS_EXCEPTION(TimeoutError, results.to_vector());
        QVERIFY(results.futures()[1].cancelled()); // the rest were cancelled
        QVERIFY(results.futures()[2].cancelled());
        gate.set();
        pool.shutdown();
    }

    void stopEndsWorkersAndWaitersWithoutHanging() {
        Session s;
        sync::Event never(s, "never");
        std::vector<Future<bool>> fs;
        std::vector<trace::LaneId> workers;
        {
            ThreadPoolExecutor pool(s, 2);
            for (int i = 0; i < 6; ++i)
                fs.push_back(pool.submit([&] { return never.wait(); }));
            QVERIFY(eventually([&] { return fs[0].running() && fs[1].running(); }));
            thread::Thread stopper(s, "stopper", [&] {
                QVERIFY(eventually([&] { return hasRecord(s, Kind::WaitBegin, fs[5].id()); }));
                s.request_stop();
            });
            stopper.start();
            // The caller of result() is in the session too: it is cancelled.
            QVERIFY_THROWS_EXCEPTION(Cancelled, fs[5].result());
            workers = pool.worker_lanes();
        } // the destructor must not hang
        // The running calls saw il::Cancelled, which is their futures' exception.
        QVERIFY_THROWS_EXCEPTION(Cancelled, fs[0].result());
        QVERIFY_THROWS_EXCEPTION(Cancelled, fs[1].result());
        // The queued ones never ran.
        for (int i = 2; i < 6; ++i)
            QCOMPARE(fs[i].state(), FutureState::Pending);
        trace::Snapshot snap = s.recorder().snapshot();
        QCOMPARE(workers.size(), std::size_t(2));
        for (trace::LaneId l : workers) {
            bool ended_cancelled = false;
            for (const auto& r : recordsOf(snap, snap.lane(l)->object))
                if (r.kind == Kind::LaneEnd)
                    ended_cancelled = r.c == std::uint16_t(trace::LaneEndReason::Cancelled);
            QVERIFY(ended_cancelled);
        }
    }

    void stopWithIdleWorkers() {
        Session s;
        ThreadPoolExecutor pool(s, 2);
        auto f = pool.submit([] { return 1; });
        QCOMPARE(f.result(), 1);
        QVERIFY(eventually([&] { return hasRecord(s, Kind::WaitBegin, pool.work_queue_id()); }));
        s.request_stop();
        // Returns, or throws il::Cancelled if a worker had not ended yet;
        // either way the destructor then ends every worker without hanging.
        try {
            pool.shutdown(true);
        } catch (const Cancelled&) {
        }
        QVERIFY_THROWS_EXCEPTION(RuntimeError, pool.submit([] {}));
    }
};

QTEST_GUILESS_MAIN(TestThreadPoolExecutor)
#include "tst_thread_pool_executor.moc"
