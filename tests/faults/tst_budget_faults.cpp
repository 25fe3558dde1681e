// A trace that hits its event budget: the run still ends as it would have,
// the snapshot counts what was dropped, analysis, the report, both exports
// and a saved run still work, and what a person reads says the trace was cut.
// Rows: a thread scenario, and a process scenario (the children's shared
// buffers take their part of the same budget).
#include "common/files.h"
#include "faults_util.h"

#include "analysis/stats.h"
#include "export/chrome_trace.h"
#include "export/csv.h"
#include "report/run_report.h"
#include "runfile/runfile.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace il;
using namespace il::scenario;
using namespace std::chrono_literals;
using faults::contains;
using faults::Resources;

namespace {} // namespace

class TestBudgetFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // Warm-up: the engine's spawner thread (process/detail/spawn.h) stays
        // once the first process ran; counts start after it.
        const Scenario* s = find_scenario("pipe-pingpong");
        QVERIFY(s);
        RunOptions o;
        o.timeout = 120s;
        run_scenario(*s, parse_params(s->info().params, {"rounds=1"}), o);
    }

    void budgetReached_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("params");
        QTest::newRow("thread") << QString("producer-consumer")
                                << QStringList{"items=2000", "work_ms=0"};
        QTest::newRow("process") << QString("pipe-pingpong") << QStringList{"rounds=2000"};
    }
    void budgetReached() {
        QFETCH(QString, id);
        QFETCH(QStringList, params);
        const Scenario* s = find_scenario(id.toStdString());
        QVERIFY(s);
        std::vector<std::string> assignments;
        for (const QString& p : params)
            assignments.push_back(p.toStdString());
        const Resources before = Resources::now();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            RunOptions o;
            o.timeout = 120s; // a hang guard only
            o.event_budget = 300;
            const RunResult r = run_scenario(*s, parse_params(s->info().params, assignments), o);
            // The scenario's own check does not depend on the trace: the run is fine.
            QCOMPARE(run_status_name(r.status), run_status_name(RunStatus::Finished));
            QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
            QVERIFY(r.trace.finished);
            QCOMPARE(r.trace.budget, std::uint64_t(300));
            QVERIFY(r.trace.dropped > 0);
            QVERIFY(r.trace.records.size() <= 300);

            const analysis::Summary summary = report::summarize(r);
            const std::string text = report::run_text(r, summary);
            QVERIFY2(contains(text, std::to_string(r.trace.dropped) +
                                        " DROPPED (the event budget of 300 was reached"),
                     text.c_str());
            const auto json = report::run_json(r, summary);
            QCOMPARE(json.at("dropped").get<std::uint64_t>(), r.trace.dropped);

            const std::string trace_path = dir.filePath("cut.json").toStdString();
            exporter::export_chrome_trace(trace_path, r.trace, summary, {r.scenario});
            const auto chrome = nlohmann::json::parse(il::test::read_file(trace_path));
            QVERIFY(contains(chrome.at("otherData").at("note").get<std::string>(),
                             "records were dropped past the event budget of 300"));

            const std::string csv_path = dir.filePath("cut.csv").toStdString();
            exporter::export_stats_csv(csv_path, r.trace, summary);
            QVERIFY(!il::test::read_file(csv_path).empty());

            const std::string run_path = dir.filePath("cut.ilrun").toStdString();
            runfile::save_run(r, run_path);
            const RunResult back = runfile::open_run(run_path);
            QCOMPARE(back.trace.dropped, r.trace.dropped);
            QCOMPARE(back.trace.records.size(), r.trace.records.size());
        }
        FAULTS_EXPECT_SETTLED(before);
    }
};

QTEST_GUILESS_MAIN(TestBudgetFaults)
#include "tst_budget_faults.moc"
