// The `process-pool` scenario run for real: every sum checked against the
// closed form, over worker counts and chunk sizes, and its trace.
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::vector<std::string>& assignments) {
    const Scenario* s = find_scenario("process-pool");
    if (!s)
        throw std::runtime_error("no scenario process-pool");
    RunOptions o;
    o.timeout = std::chrono::seconds(60);
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

} // namespace

class TestProcessPoolScenario : public QObject {
    Q_OBJECT
private slots:
    void everySumMatches_data() {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("chunksize");
        QTest::newRow("1 worker") << 1 << 1;
        QTest::newRow("2 workers") << 2 << 1;
        QTest::newRow("3 workers, chunks of 4") << 3 << 4;
    }
    void everySumMatches() {
        QFETCH(int, workers);
        QFETCH(int, chunksize);
        RunResult r = run({"workers=" + std::to_string(workers), "count=10", "size=20000",
                           "chunksize=" + std::to_string(chunksize)});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.status, RunStatus::Finished);
        const auto& v = r.outcome.values;
        QCOMPARE(v.at("wrong").get<std::int64_t>(), std::int64_t(0));
        QCOMPARE(v.at("collected").get<std::int64_t>(), std::int64_t(10));
        QCOMPARE(v.at("calls").get<std::int64_t>(), std::int64_t((10 + chunksize - 1) / chunksize));
        // 20009: 20009 * 20010 * 40019 / 6
        QCOMPARE(v.at("last_sum").get<std::string>(), std::string("2670468470285"));
        QVERIFY(v.at("workers_started").get<std::int64_t>() <= workers);
        std::size_t processes = 0, task_starts = 0;
        for (const trace::LaneInfo& l : r.trace.lanes)
            processes += l.kind == trace::LaneKind::Process;
        for (const trace::Record& rec : r.trace.records)
            task_starts += rec.kind == trace::Kind::TaskStart;
        QCOMPARE(processes, std::size_t(v.at("workers_started").get<std::int64_t>()));
        QCOMPARE(task_starts, std::size_t(v.at("calls").get<std::int64_t>()));
    }

    void sizesMustFit64Bits() {
        RunResult r = run({"size=3000000", "count=5"});
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY2(r.error.find("parameter 'size'") != std::string::npos, r.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestProcessPoolScenario)
#include "tst_process_pool_scenario.moc"
