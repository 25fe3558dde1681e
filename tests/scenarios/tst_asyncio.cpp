// The "Asyncio" chapter's scenarios run for real with small parameters:
// outcomes, values, and what their traces must show (task lanes, the
// loop_blocked diagnosis with and without the fix).
#include "analysis/diagnose.h"
#include "analysis/stats.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::string& id, const std::vector<std::string>& assignments = {}) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    RunOptions o;
    o.timeout = std::chrono::seconds(60);
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::size_t count_kind(const RunResult& r, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& d : analysis::diagnose(r.trace, analysis::analyze(r.trace)))
        n += d.kind == kind;
    return n;
}

std::size_t coroutine_lanes(const RunResult& r) {
    std::size_t n = 0;
    for (const auto& l : r.trace.lanes)
        n += l.id != 0 && l.kind == trace::LaneKind::Coroutine;
    return n;
}

} // namespace

class TestAsyncio : public QObject {
    Q_OBJECT
private slots:
    void chapterIsRegistered() {
        for (const char* id : {"async-gather", "async-timer", "blocking-in-loop",
                               "async-producer-consumer", "timeouts-and-cancellation"}) {
            const Scenario* s = find_scenario(id);
            QVERIFY2(s, id);
            QCOMPARE(s->info().chapter, std::string("Asyncio"));
        }
    }

    void gatherTakesTheLongestNotTheSum() {
        RunResult r = run("async-gather", {"time_scale=0.02"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto& v = r.outcome.values;
        QCOMPARE(v.at("delay_1").get<double>(), 0.02);
        QCOMPARE(v.at("delay_2").get<double>(), 0.04);
        QCOMPARE(v.at("delay_3").get<double>(), 0.03);
        QVERIFY(std::abs(v.at("sum").get<double>() - 0.09) < 1e-9);
        QVERIFY(v.at("total").get<double>() < v.at("sum").get<double>());
        QCOMPARE(coroutine_lanes(r), std::size_t(4)); // main + three fetches
        QCOMPARE(count_kind(r, "task_never_finished"), std::size_t(0));
    }

    void timerScopeTimesBothBlocks() {
        RunResult r = run("async-timer", {"steps=3", "step_ms=5"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(r.outcome.values.at("sequential_ms").get<double>() >= 15.0);
        std::size_t marks = 0;
        for (const auto& rec : r.trace.records)
            marks += rec.kind == trace::Kind::Mark;
        QCOMPARE(marks, std::size_t(4)); // enter + exit of two timed blocks
    }

    void blockingCallIsDiagnosed() {
        RunResult r = run("blocking-in-loop", {"block_ms=120", "tickers=2", "tick_ms=10"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.outcome.values.at("loop_blocked_diagnosed").get<bool>(), true);
        QVERIFY(count_kind(r, "loop_blocked") >= 1);
    }

    void offloadedCallIsNotDiagnosed() {
        RunResult r =
            run("blocking-in-loop", {"fix=true", "block_ms=120", "tickers=2", "tick_ms=10"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.outcome.values.at("loop_blocked_diagnosed").get<bool>(), false);
        QCOMPARE(count_kind(r, "loop_blocked"), std::size_t(0));
    }

    void producerConsumerEveryItemOnce() {
        RunResult r = run("async-producer-consumer",
                          {"items=15", "maxsize=2", "produce_ms=0", "consume_ms=1"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.outcome.values.at("consumed").get<std::int64_t>(), std::int64_t(30));
        QVERIFY(r.outcome.values.at("peak_size").get<std::int64_t>() <= 2);
        QCOMPARE(count_kind(r, "task_never_finished"), std::size_t(0));
    }

    void timeoutsAndCancellationCount() {
        RunResult r =
            run("timeouts-and-cancellation", {"jobs=4", "timeout_ms=40", "cancel_after_ms=5"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.outcome.values.at("timed_out").get<std::int64_t>(), std::int64_t(2));
        QCOMPARE(r.outcome.values.at("finished").get<std::int64_t>(), std::int64_t(2));
        QCOMPARE(r.outcome.values.at("cancelled").get<std::int64_t>(), std::int64_t(2));
    }

    void stopEndsAnAsyncRunPromptly() {
        const Scenario* s = find_scenario("async-producer-consumer");
        RunOptions o;
        o.timeout = std::chrono::milliseconds(100);
        auto t0 = std::chrono::steady_clock::now();
        RunResult r = run_scenario(*s, parse_params(s->info().params, {"items=100000"}), o);
        QCOMPARE(r.status, RunStatus::TimedOut);
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)); // no hang
    }
};

QTEST_GUILESS_MAIN(TestAsyncio)
#include "tst_asyncio.moc"
