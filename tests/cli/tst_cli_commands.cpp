// The commands beside `run`: open (saved runs), sweep, serve, and the files
// run writes besides its trace (--save, --chart), as a user would use them.
#include "cli/cli_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>
#ifdef INTERLEAVE_CHARTS
#include <QImage>
#endif

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// One request on a fresh connection to 127.0.0.1:port; the whole reply.
QByteArray fetch(quint16 port, const QByteArray& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QByteArray reply;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) == request.size()) {
        char buf[4096];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
            reply.append(buf, int(n));
    }
    ::close(fd);
    return reply;
}

} // namespace

using namespace cli_test;

class TestCliCommands : public QObject {
    Q_OBJECT
private slots:
    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("sweep without range")
            << QStringList{"sweep", "counter"} << "'sweep' needs a range PARAM=FROM..TO";
        QTest::newRow("sweep unknown parameter")
            << QStringList{"sweep", "counter", "thread=1..3"} << "thread";
        QTest::newRow("sweep not numeric")
            << QStringList{"sweep", "counter", "locked=1..3"} << "locked";
        QTest::newRow("sweep backwards")
            << QStringList{"sweep", "counter", "threads=5..1"} << "threads";
        QTest::newRow("sweep out of range")
            << QStringList{"sweep", "counter", "threads=1..99"} << "1..64";
        QTest::newRow("sweep bad repeat")
            << QStringList{"sweep", "counter", "threads=1..2", "--repeat", "0"}
            << "--repeat: '0' is not allowed; allowed: an integer in 1..100";
        QTest::newRow("open without file") << QStringList{"open"} << "'open' needs a saved run";
        QTest::newRow("serve bad model")
            << QStringList{"serve", "--model", "fork"}
            << "--model: 'fork' is not a server model; allowed: thread, pool, async";
        QTest::newRow("serve bad port")
            << QStringList{"serve", "--port", "70000"} << "allowed: an integer in 0..65535";
        QTest::newRow("chart not KIND=FILE")
            << QStringList{"run", "counter", "--chart", "x.png"} << "is not KIND=FILE";
#ifdef INTERLEAVE_CHARTS
        const QString no_charts;
#else
        // A build without Qt (the sanitizer presets) refuses every --chart first.
        const QString no_charts = "this build has no charts";
#endif
        QTest::newRow("chart unknown kind") << QStringList{"run", "counter", "--chart", "pie=x.png"}
                                            << (no_charts.isEmpty() ? QString("pie") : no_charts);
        QTest::newRow("chart unknown format")
            << QStringList{"run", "counter", "--chart", "utilisation=x.gif"}
            << (no_charts.isEmpty() ? QString(".gif") : no_charts);
        QTest::newRow("save on sweep")
            << QStringList{"sweep", "counter", "threads=1..2", "--save", "x"}
            << "unknown option '--save'";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty()); // nothing ran
    }

    void openRejectsWhatIsNotARun() {
        QTemporaryDir dir;
        auto r = cli({"open", dir.filePath("missing.ilrun")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("missing.ilrun"), qPrintable(r.err));
        QFile text(dir.filePath("notes.ilrun"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("these are my notes, not a run\n");
        text.close();
        r = cli({"open", text.fileName()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not an Interleave run"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void savedRunOpensWithTheSameOutcome() {
        QTemporaryDir dir;
        const QString file = dir.filePath("counter.ilrun");
        auto run = cli({"run", "counter", "threads=3", "increments=300", "--save", file, "--json"});
        QCOMPARE(run.code, 0);
        QVERIFY(QFile::exists(file));
        auto opened = cli({"open", file, "--json", "--trace", dir.filePath("t.json")});
        QCOMPARE(opened.code, 0);
        const QJsonObject a = json_of(run), b = json_of(opened);
        QCOMPARE(b["scenario"], a["scenario"]);
        QCOMPARE(b["outcome"], a["outcome"]);
        QCOMPARE(b["events"], a["events"]);
        QVERIFY(QFile::exists(dir.filePath("t.json")));
    }

    void sweepPrintsProgressTableCsvAndJson() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("sweep.csv");
        auto r = cli(
            {"sweep", "counter", "threads=1..3", "increments=100", "--repeat", "2", "--csv", csv});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("sweep: 6/6"), qPrintable(r.err)); // progress on stderr
        QVERIFY2(r.out.contains("serial fraction"), qPrintable(r.out));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // header + threads 1, 2, 3
        QVERIFY(lines[0].startsWith("value,wall_ms"));
        auto j = json_of(cli({"sweep", "counter", "threads=1..2", "increments=100", "--json"}));
        QCOMPARE(j["points"].toArray().size(), 2);
    }

    void chartsAreWrittenHeadless() {
#ifndef INTERLEAVE_CHARTS
        QSKIP("built without Qt charts");
#else
        QTemporaryDir dir;
        const QString png = dir.filePath("u.png"), svg = dir.filePath("w.svg");
        auto r = cli({"run", "counter", "threads=3", "increments=100", "--chart",
                      "utilisation=" + png, "--chart", "lock-wait=" + svg});
        QCOMPARE(r.code, 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QVERIFY(s.readAll().contains("<svg"));
        // A chart this run cannot have fails the run's exit status, names why,
        // and the other files are still written.
        r = cli({"run", "counter", "threads=2", "increments=10", "--chart",
                 "queue-fill=" + dir.filePath("q.png"), "--chart",
                 "utilisation=" + dir.filePath("u2.png")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("queue"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("q.png")));
        QVERIFY(QFile::exists(dir.filePath("u2.png")));
        // An unwritable place: a clear error, nothing left.
        r = cli({"run", "counter", "threads=2", "increments=10", "--chart",
                 "utilisation=/proc/nope/u.png"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/proc/nope/u.png"), qPrintable(r.err));
#endif
    }

    void serveAnswersUntilInterrupted() {
        QProcess p;
        p.start(INTERLEAVE_CLI_PATH, {"serve", "--model", "pool", "--port", "0"});
        QVERIFY(p.waitForStarted());
        QRegularExpression serving("http://127\\.0\\.0\\.1:(\\d+)/");
        QRegularExpressionMatch m;
        QString out;
        for (int i = 0; i < 100 && !m.hasMatch(); ++i) {
            p.waitForReadyRead(100);
            out += QString::fromUtf8(p.readAllStandardOutput());
            m = serving.match(out);
        }
        QVERIFY2(m.hasMatch(), qPrintable(out));
        const quint16 port = m.captured(1).toUShort();

        const QByteArray reply =
            fetch(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(200).constData());

        // The same port again: a clear error, exit 2.
        auto busy = cli({"serve", "--port", QString::number(port)});
        QCOMPARE(busy.code, 2);
        QVERIFY2(busy.err.contains(QString::number(port)), qPrintable(busy.err));

        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_cli_commands.moc"
