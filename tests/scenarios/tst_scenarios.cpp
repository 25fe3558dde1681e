// Every scenario's outcome check, run for real with its defaults and variants.
#include "common/slowdown.h"
#include "run/errors.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <set>
#include <thread>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::string& id, const std::vector<std::string>& assignments = {},
              Timeout timeout = std::chrono::seconds(60 * test::kSanitizerSlowdown)) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    RunOptions o;
    o.timeout = timeout;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

} // namespace

class TestScenarios : public QObject {
    Q_OBJECT
private slots:
    void catalogIsWellFormed() {
        QVERIFY(catalog().size() >= 6);
        std::set<std::string> ids;
        for (const auto& s : catalog()) {
            const auto& i = s->info();
            QVERIFY2(ids.insert(i.id).second, i.id.c_str());
            QVERIFY(!i.title.empty() && !i.chapter.empty() && !i.teaches.empty());
            QVERIFY(!i.watch_for.empty());
            QVERIFY2(i.python.find("import") != std::string::npos, i.id.c_str());
            // Every default must pass its own spec.
            parse_params(i.params, {});
        }
        QVERIFY(find_scenario(kDefaultScenario));
    }

    void everyDefaultRunHoldsItsOutcome_data() {
        QTest::addColumn<QString>("id");
        for (const auto& s : catalog())
            QTest::newRow(s->info().id.c_str()) << QString::fromStdString(s->info().id);
    }
    void everyDefaultRunHoldsItsOutcome() {
        QFETCH(QString, id);
        RunResult r = run(id.toStdString());
        // These two judge speedups (the issue asks them to: >= 1.8x on two
        // cores), which a loaded machine cannot promise; a test must not
        // fail on a slow machine, so here only what they computed is judged.
        // Their speedups are measured in bench/figures.sh and the README.
        if (id == "performance-comparison" || id == "concurrency-vs-parallelism") {
            QVERIFY2(r.outcome.values.value("correct", false), r.outcome.message.c_str());
            QCOMPARE(r.status, RunStatus::Finished);
        } else {
            QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        }
        // Scenarios built to deadlock pass when the engine found the cycle.
        QVERIFY2(r.status == RunStatus::Finished || r.status == RunStatus::Deadlocked,
                 std::string(run_status_name(r.status)).c_str());
        QVERIFY(r.trace.finished);
        QVERIFY(!r.trace.records.empty());
        QCOMPARE(r.trace.dropped, std::uint64_t(0));
        // Each default run finishes in well under 2 seconds on the reference
        // machine (see the README); this bound only catches hangs.
        QVERIFY(r.duration_ns < test::kSanitizerSlowdown * 30'000'000'000LL);
    }

    void counterLockedIsExact() {
        RunResult r = run("counter", {"threads=4", "increments=500"});
        QVERIFY(r.outcome.ok);
        QCOMPARE(value(r, "final"), std::int64_t(2000));
        QCOMPARE(value(r, "lost_updates"), std::int64_t(0));
    }

    void counterUnlockedLosesUpdatesAndAccountsForThem() {
        RunResult r = run("counter", {"locked=false"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto final_value = value(r, "final");
        const auto lost = value(r, "lost_updates");
        QCOMPARE(value(r, "expected"), std::int64_t(5000));
        QVERIFY2(lost > 0, "with 5 threads yielding between read and write, updates are lost");
        QCOMPARE(final_value + lost, std::int64_t(5000));
        // The trace accounts for the same loss: the sum of Write.b.
        std::int64_t from_trace = 0;
        for (const auto& rec : r.trace.records)
            if (rec.kind == trace::Kind::Write)
                from_trace += rec.b;
        QCOMPARE(from_trace, lost);
    }

    void semaphoreReachesButNeverExceedsPermits_data() {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("permits");
        QTest::newRow("10 on 3") << 10 << 3;
        QTest::newRow("4 on 1") << 4 << 1;
        QTest::newRow("3 on 5") << 3 << 5;
    }
    void semaphoreReachesButNeverExceedsPermits() {
        QFETCH(int, workers);
        QFETCH(int, permits);
        RunResult r = run("semaphore", {"workers=" + std::to_string(workers),
                                        "permits=" + std::to_string(permits), "hold_ms=20"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "max_inside"), std::int64_t(std::min(workers, permits)));
    }

    void conditionBufferNeverOverflows() {
        RunResult r = run("condition-buffer", {"capacity=3", "items=30", "consume_ms=1"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(value(r, "max_level") <= 3);
        QCOMPARE(value(r, "consumed"), std::int64_t(30));
    }

    void producerConsumerEveryItemOnce_data() {
        QTest::addColumn<QString>("shape");
        QTest::newRow("1x1") << "producers=1 consumers=1";
        QTest::newRow("4x2") << "producers=4 consumers=2";
        QTest::newRow("2x8") << "producers=2 consumers=8";
    }
    void producerConsumerEveryItemOnce() {
        QFETCH(QString, shape);
        std::vector<std::string> a;
        for (const auto& part : shape.split(' '))
            a.push_back(part.toStdString());
        a.push_back("items=200");
        a.push_back("work_ms=0");
        a.push_back("capacity=3");
        RunResult r = run("producer-consumer", a);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "consumed_once"), std::int64_t(200));
        QCOMPARE(value(r, "duplicated"), std::int64_t(0));
    }

    void stopEndsARunQuickly() {
        const Scenario* s = find_scenario("producer-consumer");
        std::stop_source stop;
        RunOptions o;
        o.stop = stop.get_token();
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            stop.request_stop();
        });
        RunResult r =
            run_scenario(*s, parse_params(s->info().params, {"items=1000000", "work_ms=10"}), o);
        stopper.join();
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(!r.outcome.ok);
        QVERIFY(QString::fromStdString(r.outcome.message).contains("stopped"));
    }

    void timeoutStopsARun() {
        RunResult r = run("counter", {"increments=1000000"}, std::chrono::milliseconds(200));
        QCOMPARE(r.status, RunStatus::TimedOut);
        QVERIFY(!r.outcome.ok);
        QVERIFY(QString::fromStdString(r.outcome.message).contains("timeout"));
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
