// The `interleave` executable, run as a user would: outputs, exit codes, messages.
#include "cli/cli_runner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace cli_test;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void helpAndVersion() {
        auto r = cli({"help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("usage: interleave"));
        QVERIFY(r.out.contains("--timeout SECONDS"));
        QCOMPARE(cli({"--version"}).code, 0);
    }

    void listShowsChaptersAndScenarios() {
        auto r = cli({"list"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Threading:"));
        QVERIFY(r.out.contains("counter"));
        // Each chapter heads its scenarios once, whatever the catalog order,
        // and every id is followed by at least two spaces, however long.
        for (const char* chapter :
             {"Threading:", "Multiprocessing:", "Asyncio:", "Practice projects:"})
            QCOMPARE(r.out.count(QString::fromLatin1(chapter)), 1);
        QVERIFY(r.out.contains(QRegularExpression("\\n  timeouts-and-cancellation  +\\S")));
        auto j = cli({"list", "--json"});
        QCOMPARE(j.code, 0);
        auto arr = QJsonDocument::fromJson(j.out.toUtf8()).array();
        QVERIFY(arr.size() >= 1);
        QStringList ids;
        for (const auto& v : arr)
            ids << v.toObject()["id"].toString();
        QVERIFY(ids.contains("counter"));
    }

    void describeShowsParamsAndPython() {
        auto r = cli({"describe", "counter"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("threads=5"));
        QVERIFY(r.out.contains("an integer in 1..64"));
        QVERIFY(r.out.contains("import threading"));
        auto j = json_of(cli({"describe", "counter", "--json"}));
        QCOMPARE(j["id"].toString(), QString("counter"));
        QCOMPARE(j["params"].toArray().size(), 3);
        QCOMPARE(j["params"].toArray()[0].toObject()["name"].toString(), QString("threads"));
        QVERIFY(j["python"].toString().contains("threading"));
    }

    void usageErrorsExitTwoAndNameTheProblem_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << "no command given";
        QTest::newRow("unknown command") << QStringList{"jump"} << "unknown command 'jump'";
        QTest::newRow("unknown scenario")
            << QStringList{"run", "nope"} << "unknown scenario 'nope'; scenarios: counter";
        QTest::newRow("describe unknown")
            << QStringList{"describe", "nope"} << "unknown scenario 'nope'";
        QTest::newRow("no scenario") << QStringList{"run"} << "'run' needs a scenario id";
        QTest::newRow("unknown option")
            << QStringList{"run", "counter", "--fast"} << "unknown option '--fast'";
        QTest::newRow("unknown parameter")
            << QStringList{"run", "counter", "thread=2"}
            << "unknown parameter 'thread'; parameters: threads, increments, locked";
        QTest::newRow("wrong type")
            << QStringList{"run", "counter", "threads=many"}
            << "parameter 'threads': 'many' is not an integer; allowed: an integer in 1..64";
        QTest::newRow("out of range")
            << QStringList{"run", "counter", "threads=0"}
            << "parameter 'threads': 0 is out of range; allowed: an integer in 1..64";
        QTest::newRow("bad bool") << QStringList{"run", "counter", "locked=perhaps"}
                                  << "'perhaps' is not a boolean";
        QTest::newRow("bad timeout") << QStringList{"run", "counter", "--timeout", "-1"}
                                     << "--timeout: '-1' is not a number of seconds";
        QTest::newRow("timeout missing value")
            << QStringList{"run", "counter", "--timeout"} << "--timeout needs a value";
        QTest::newRow("trace missing value")
            << QStringList{"run", "counter", "--trace"} << "--trace needs a value";
        QTest::newRow("stray word")
            << QStringList{"run", "counter", "fast"} << "unexpected argument 'fast'";
        QTest::newRow("bad budget") << QStringList{"run", "counter", "--max-events", "10"}
                                    << "--max-events: '10' is not allowed";
    }
    void usageErrorsExitTwoAndNameTheProblem() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty()); // nothing ran
    }

    void runPrintsSummaryAndExitsZero() {
        auto r = cli({"run", "counter", "threads=3", "increments=200"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("OK      counter reached 600 exactly"), qPrintable(r.out));
        QVERIFY(r.out.contains("events  "));
        QVERIFY(r.out.contains("none dropped"));
        QVERIFY(r.out.contains("counter_lock: 600 acquisitions"));
    }

    void runJsonHasTheDocumentedKeys() {
        auto r = cli({"run", "counter", "locked=false", "increments=300", "--json"});
        QCOMPARE(r.code, 0);
        QJsonObject j = json_of(r);
        for (const char* key : {"scenario", "params", "outcome", "duration_ns", "events", "dropped",
                                "lanes", "diagnostics", "stats"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["scenario"].toString(), QString("counter"));
        QCOMPARE(j["params"].toObject()["locked"].toBool(), false);
        QCOMPARE(j["params"].toObject()["increments"].toInt(), 300);
        QJsonObject o = j["outcome"].toObject();
        QVERIFY(o["ok"].toBool());
        QCOMPARE(o["expected"].toInt(), 1500);
        QCOMPARE(o["final"].toInt() + o["lost_updates"].toInt(), 1500);
        QVERIFY(j["diagnostics"].isArray());
        QCOMPARE(j["lanes"].toArray().size(), 6); // main + 5 workers
        QVERIFY(j["events"].toInt() > 0);
        QCOMPARE(j["dropped"].toInt(), 0);
        QVERIFY(j["stats"].toObject()["locks"].isArray());
    }

    void runWritesTraceAndCsv() {
        QTemporaryDir dir;
        QString trace = dir.filePath("pc.json"), csv = dir.filePath("pc.csv");
        auto r = cli({"run", "producer-consumer", "items=50", "--trace", trace, "--csv", csv});
        QCOMPARE(r.code, 0);
        QFile t(trace);
        QVERIFY(t.open(QIODevice::ReadOnly));
        auto doc = QJsonDocument::fromJson(t.readAll());
        QVERIFY(doc.object()["traceEvents"].toArray().size() > 50);
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readLine().startsWith("section,"));
    }

    void unwritableTraceFailsWithAClearMessage() {
        auto r = cli({"run", "counter", "increments=10", "--trace", "/nonexistent-dir/x.json"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/nonexistent-dir/x.json"), qPrintable(r.err));
        QVERIFY(r.err.contains("No such file or directory"));
        QVERIFY(r.out.contains("OK")); // the run itself happened and is reported
    }

    void budgetDropsAreReported() {
        auto r = cli({"run", "counter", "increments=2000", "--max-events", "1000", "--json"});
        QJsonObject j = json_of(r);
        QVERIFY(j["dropped"].toInt() > 0);
        // Budget is claimed in shrinking slices (a sixteenth of what is left), so
        // only the slice an idle lane claimed (62 here) can go unused.
        QVERIFY(j["events"].toInt() <= 1000);
        QVERIFY2(j["events"].toInt() >= 900, qPrintable(QString::number(j["events"].toInt())));
        auto text = cli({"run", "counter", "increments=2000", "--max-events", "1000"});
        QVERIFY(text.out.contains("DROPPED"));
    }

    void timeoutStopsARunAndExitsOne() {
        auto r = cli({"run", "counter", "increments=1000000", "--timeout", "0.3"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("stopped: the run exceeded its timeout"), qPrintable(r.out));
        QVERIFY(r.out.contains("timed_out"));
    }

    void ctrlCStopsARun() {
        QProcess p;
        p.start(INTERLEAVE_CLI_PATH, {"run", "counter", "increments=1000000"});
        QVERIFY(p.waitForStarted());
        QTest::qWait(300);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString(p.readAllStandardOutput()).contains("stopped on request"));
        QVERIFY(QString(p.readAllStandardError()).contains("interrupted"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
