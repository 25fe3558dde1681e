// The Multiprocessing chapter's scenarios (process-sum, shared-counter,
// isolation, pipe-pingpong) with small parameters: outcomes and their values,
// the child processes' lanes in the trace, and runs that are stopped or fail
// leaving no child process, descriptor or shared-memory entry behind.
#include "analysis/flows.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include "../process/process_test_util.h"

#include <QtTest>

#include <chrono>
#include <thread>

using namespace il;
using namespace il::scenario;
using trace::Kind;

namespace {

RunResult run(const std::string& id, const std::vector<std::string>& assignments,
              std::stop_token stop = {}) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    RunOptions o;
    o.timeout = std::chrono::seconds(30); // a hang guard only
    o.stop = stop;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

std::size_t process_lanes(const trace::Snapshot& s) {
    std::size_t n = 0;
    for (const auto& l : s.lanes)
        n += l.id != 0 && l.kind == trace::LaneKind::Process;
    return n;
}

} // namespace

class TestMultiprocessing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        run("pipe-pingpong", {"rounds=1"}); // warm-up: the spawner thread, the registry
        before_ = proc_test::Resources::now();
    }
    void cleanupTestCase() { proc_test::Resources::now().expect_nothing_leaked_since(before_); }

    void chapterAndTexts() {
        for (const char* id : {"process-sum", "shared-counter", "isolation", "pipe-pingpong"}) {
            const Scenario* s = find_scenario(id);
            QVERIFY2(s, id);
            QCOMPARE(s->info().chapter, std::string("Multiprocessing"));
            QVERIFY(!s->info().python.empty());
            QVERIFY(!s->info().teaches.empty() && !s->info().watch_for.empty());
        }
    }

    void processSumDefaults() {
        RunResult r = run("process-sum", {});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "total"), std::int64_t(50005000));
        const auto& parts = r.outcome.values.at("parts");
        QCOMPARE(parts.size(), std::size_t(4));
        QCOMPARE(parts[0].at("from").get<int>(), 1);
        QCOMPARE(parts[0].at("to").get<int>(), 2500);
        QCOMPARE(parts[3].at("from").get<int>(), 7501);
        QCOMPARE(parts[0].at("sum").get<std::int64_t>(), std::int64_t(3126250));
        QCOMPARE(process_lanes(r.trace), std::size_t(4));
        // Each part is an arrow from a child's Put to the parent's Get.
        std::size_t cross = 0;
        for (const auto& f : analysis::flows(r.trace))
            if (f.kind == analysis::FlowKind::PutGet &&
                r.trace.lanes[r.trace.records[f.from].lane].kind == trace::LaneKind::Process)
                ++cross;
        QCOMPARE(cross, std::size_t(4));
    }

    void processSumOtherSplit() {
        RunResult r = run("process-sum", {"n=1001", "processes=3"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "total"), std::int64_t(1001 * 1002 / 2));
    }

    void sharedCounter() {
        RunResult r = run("shared-counter", {"processes=2", "increments=500"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "with_lock"), std::int64_t(1000));
        QCOMPARE(value(r, "without_lock") + value(r, "lost_updates_recorded"), std::int64_t(1000));
        QCOMPARE(value(r, "lost_updates"), value(r, "lost_updates_recorded"));
        QCOMPARE(process_lanes(r.trace), std::size_t(4));
    }

    void isolation() {
        RunResult r = run("isolation", {"thread_value=7", "child_value=11"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "thread_sibling_saw"), std::int64_t(7));
        QCOMPARE(value(r, "child_saw_at_start"), std::int64_t(0));
        QCOMPARE(value(r, "child_saw_after_setting"), std::int64_t(11));
        QCOMPARE(value(r, "parent_saw_after_child"), std::int64_t(7));
        QCOMPARE(value(r, "shared_value_seen_by_parent"), std::int64_t(11));
    }

    void pipePingpong() {
        RunResult r = run("pipe-pingpong", {"rounds=50"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "echoed"), std::int64_t(50));
        QVERIFY(r.outcome.values.at("mean_round_trip_us").get<double>() > 0);
        std::size_t arrows = 0;
        for (const auto& f : analysis::flows(r.trace))
            arrows += f.kind == analysis::FlowKind::SendReceive;
        QCOMPARE(arrows, std::size_t(100));
    }

    void stoppedRunLeavesNothing() {
        std::stop_source stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            stop.request_stop();
        });
        RunResult r = run("pipe-pingpong", {"rounds=1000000"}, stop.get_token());
        stopper.join();
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(!r.outcome.ok);
        proc_test::Resources::now().expect_nothing_leaked_since(before_);
    }

    void badParameterIsRejected() {
        const Scenario* s = find_scenario("process-sum");
        QVERIFY_THROWS_EXCEPTION(ParamError, parse_params(s->info().params, {"processes=0"}));
    }

private:
    proc_test::Resources before_;
};

QTEST_GUILESS_MAIN(TestMultiprocessing)
#include "tst_multiprocessing.moc"
