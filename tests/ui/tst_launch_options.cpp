#include "shell/launch_options.h"

#include <QtTest>

using il::ui::parse_launch_options;

class TestLaunchOptions : public QObject {
    Q_OBJECT
private slots:
    void valid() {
        auto p = parse_launch_options({"--scenario", "counter", "threads=8", "--run",
                                       "--screenshot", "/tmp/x.png", "--lang", "zh_CN"});
        QVERIFY2(p.options, qPrintable(p.error));
        QCOMPARE(p.options->scenario, QString("counter"));
        QCOMPARE(p.options->assignments, QStringList{"threads=8"});
        QVERIFY(p.options->run);
        QCOMPARE(p.options->screenshot, QString("/tmp/x.png"));
        QCOMPARE(p.options->language, QString("zh_CN"));
        auto o = parse_launch_options({"--open", "run.ilrun", "--chart", "models"});
        QVERIFY2(o.options, qPrintable(o.error));
        QCOMPARE(o.options->open, QString("run.ilrun"));
        QCOMPARE(o.options->chart, QString("models"));
        QVERIFY(parse_launch_options({}).options);
        QVERIFY(parse_launch_options({"--help"}).options->help);
    }

    void invalid_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message"); // a part the message must contain
        QTest::newRow("unknown scenario")
            << QStringList{"--scenario", "nope"} << "unknown scenario 'nope'; one of: counter";
        QTest::newRow("missing id")
            << QStringList{"--scenario"} << "--scenario needs a scenario id";
        QTest::newRow("bad parameter")
            << QStringList{"--scenario", "counter", "threads=0"} << "threads";
        QTest::newRow("unknown parameter")
            << QStringList{"--scenario", "counter", "bogus=1"} << "bogus";
        QTest::newRow("params without scenario") << QStringList{"threads=2"} << "need --scenario";
        QTest::newRow("run without scenario") << QStringList{"--run"} << "--run needs --scenario";
        QTest::newRow("unknown option")
            << QStringList{"--frobnicate"} << "unknown option '--frobnicate'";
        QTest::newRow("stray word") << QStringList{"counter"} << "name=value";
        QTest::newRow("screenshot format")
            << QStringList{"--screenshot", "shot.txt"} << "must end in an image format";
        QTest::newRow("screenshot missing") << QStringList{"--screenshot"} << "needs a file name";
        QTest::newRow("language") << QStringList{"--lang", "fr"} << "en or zh_CN";
        QTest::newRow("open missing") << QStringList{"--open"} << "--open needs a saved run";
        QTest::newRow("open and run")
            << QStringList{"--scenario", "counter", "--run", "--open", "x.ilrun"}
            << "exclude each other";
        QTest::newRow("chart unknown")
            << QStringList{"--chart", "pie"} << "--chart takes one of: utilisation";
        QTest::newRow("chart of a sweep") << QStringList{"--chart", "speedup"} << "models";
    }
    void invalid() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto p = parse_launch_options(args);
        QVERIFY(!p.options);
        QVERIFY2(p.error.contains(message), qPrintable(p.error));
    }
};

QTEST_GUILESS_MAIN(TestLaunchOptions)
#include "tst_launch_options.moc"
