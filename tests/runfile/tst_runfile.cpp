// Saved runs: open(save(run)) gives the same run and the same analysis, for
// real runs of lock, queue, race, deadlock, process and coroutine scenarios;
// what the reader accepts (unknown scenarios, older parameter sets, repaired
// text) and the files it cannot read or write. Damaged files: tst_runfile_damage.
#include "runfile_compare.h"
#include "runfile_fixture.h"

#include "export/export_error.h"

#include <QtTest>

#include <algorithm>
#include <fstream>
#include <sys/stat.h>

using namespace il;
using namespace il::runfile;
using il::test::hand_run;
using il::test::real_run;

class TestRunFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsRunAndAnalysis_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("assignments");
        QTest::addColumn<QString>("feature"); // what this run brings to the file
        QTest::newRow("lock") << "lock-convoy"
                              << QStringList{"threads=3", "ops=15", "hold_us=50", "think_us=20"}
                              << "lock";
        QTest::newRow("queue") << "producer-consumer" << QStringList{"items=40", "work_ms=0.2"}
                               << "queue";
        QTest::newRow("race") << "counter"
                              << QStringList{"threads=3", "increments=200", "locked=false"} << "";
        QTest::newRow("deadlock") << "lock-order-inversion" << QStringList{} << "diagnostics";
        QTest::newRow("process") << "process-sum" << QStringList{"n=100000", "processes=2"}
                                 << "process";
        QTest::newRow("coroutines")
            << "async-producer-consumer" << QStringList{"items=5", "produce_ms=1", "consume_ms=1"}
            << "coroutine";
    }
    void roundTripKeepsRunAndAnalysis() {
        QFETCH(QString, scenario);
        QFETCH(QStringList, assignments);
        QFETCH(QString, feature);
        std::vector<std::string> as;
        for (const QString& a : assignments)
            as.push_back(a.toStdString());
        const scenario::RunResult run = real_run(scenario.toStdString(), as);
        QVERIFY(!run.trace.records.empty());
        const analysis::Summary summary = analysis::analyze(run.trace);
        auto has_lane = [&](trace::LaneKind k) {
            return std::any_of(run.trace.lanes.begin() + 1, run.trace.lanes.end(),
                               [&](const trace::LaneInfo& l) { return l.kind == k; });
        };
        if (feature == "lock")
            QVERIFY(!summary.stats.locks.empty() && !summary.flows.empty());
        if (feature == "queue")
            QVERIFY(!summary.stats.queues.empty());
        if (feature == "diagnostics")
            QVERIFY(!run.diagnostics.empty());
        if (feature == "process")
            QVERIFY(has_lane(trace::LaneKind::Process));
        if (feature == "coroutine")
            QVERIFY(has_lane(trace::LaneKind::Coroutine) && !summary.loops.empty());

        const scenario::RunResult back = decode_run(encode_run(run));
        test::expect_same_run(run, back);
        if (QTest::currentTestFailed())
            return;
        test::expect_same_analysis(summary, analysis::analyze(back.trace));
    }

    void saveThenOpenAFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QString("run") + kExtension).toStdString();
        const scenario::RunResult run = hand_run();
        save_run(run, path);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"run.ilrun"});
        const scenario::RunResult back = open_run(path);
        test::expect_same_run(run, back);
        test::expect_same_analysis(analysis::analyze(run.trace), analysis::analyze(back.trace));
        // Saving again replaces it whole.
        save_run(back, path);
        test::expect_same_run(run, open_run(path));
    }

    void invalidUtf8IsReplacedOnSave() {
        scenario::RunResult r = hand_run();
        r.trace.lanes[1].name = "ma\xffin";
        r.trace.objects[r.trace.lanes[1].object].name = "ma\xffin";
        r.outcome.values["bad"] = std::string("\xc3\x28");
        const scenario::RunResult back = decode_run(encode_run(r));
        QCOMPARE(back.trace.lanes[1].name, std::string("ma\xEF\xBF\xBDin"));
        QVERIFY(back.outcome.values.at("bad").get<std::string>() != "");
    }

    void unknownScenarioStillOpens() {
        scenario::RunResult r = hand_run();
        r.scenario = "from-a-later-version";
        r.params = {};
        r.params.set("speed", 2.5);
        r.params.set("mode", std::string("fast"));
        const scenario::RunResult back = decode_run(encode_run(r));
        QCOMPARE(back.scenario, r.scenario);
        QCOMPARE(back.params.values(), r.params.values());
    }

    void missingParametersGetTheirDefaults() {
        scenario::RunResult r = hand_run();
        r.params = {};
        r.params.set("threads", std::int64_t(3));
        const scenario::RunResult back = decode_run(encode_run(r));
        QCOMPARE(back.params.integer("threads"), std::int64_t(3));
        QCOMPARE(back.params.integer("increments"), std::int64_t(1000));
        QCOMPARE(back.params.boolean("locked"), true);
    }

    void filesThatCannotBeRead() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.ilrun").toStdString();
        try {
            open_run(missing);
            QFAIL("no error");
        } catch (const exporter::ExportError& e) {
            QVERIFY2(QString(e.what()).contains("No such file"), e.what());
            QVERIFY(QString(e.what()).contains("missing.ilrun"));
        }
        try {
            open_run(dir.path().toStdString());
            QFAIL("no error");
        } catch (const exporter::ExportError& e) {
            QVERIFY2(QString(e.what()).contains("is a directory"), e.what());
        }
        const std::string fifo = dir.filePath("pipe").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QVERIFY_THROWS_EXCEPTION(exporter::ExportError, open_run(fifo)); // and no hang
        const std::string text = dir.filePath("notes.txt").toStdString();
        std::ofstream(text) << "not a run\n";
        try {
            open_run(text);
            QFAIL("no error");
        } catch (const RunFileError& e) {
            QCOMPARE(QString(e.what()), "'" + QString::fromStdString(text) +
                                            "' is not an Interleave run: it does not begin with "
                                            "the run file signature");
        }
    }

    void unwritablePathLeavesNothing() {
        QTemporaryDir dir;
        const std::string blocker = dir.filePath("file").toStdString();
        std::ofstream(blocker) << "x";
        for (const std::string& path : {std::string("/nonexistent-interleave-dir/x.ilrun"),
                                        std::string("/proc/x.ilrun"), blocker + "/x.ilrun"}) {
            QVERIFY_THROWS_EXCEPTION(exporter::ExportError, save_run(hand_run(), path));
            struct stat st {};
            QVERIFY(::stat(path.c_str(), &st) != 0);
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"file"});
    }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_runfile.moc"
