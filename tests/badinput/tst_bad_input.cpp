// Every place a user types or loads something, given something wrong, through
// the real `interleave` executable: one row per case, with the exit code and
// the fragments the message must hold, what was wrong AND what is allowed.
// A new way in (a command, an option, a parameter kind, a file) gets a row.
//
// Placeholders in the arguments: @DIR a scratch folder holding empty.ilrun,
// picture.png (a PNG's first bytes), truncated.ilrun (a real run cut short),
// good.ilrun and plain.txt; @BUSY a port this test listens on.
#include "cli/cli_runner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using cli_test::cli;

namespace {

// A row: what the user typed, how the CLI must end, what its message must say.
void row(const char* name, const QStringList& args, int code, const QStringList& says) {
    QTest::newRow(name) << args << code << says;
}

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    int busy_fd_ = -1; // listens on busy_port_, so that `serve --port` finds it in use
    int busy_port_ = 0;

    QStringList expand(QStringList args) const {
        for (QString& a : args) {
            a.replace("@DIR", dir_.path());
            a.replace("@BUSY", QString::number(busy_port_));
        }
        return args;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        busy_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        QVERIFY(::bind(busy_fd_, reinterpret_cast<sockaddr*>(&a), len) == 0);
        QVERIFY(::listen(busy_fd_, 1) == 0);
        QVERIFY(::getsockname(busy_fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        busy_port_ = ntohs(a.sin_port);
        auto write = [&](const QString& name, const QByteArray& bytes) {
            QFile f(dir_.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(bytes), bytes.size());
        };
        write("empty.ilrun", {});
        write("picture.png", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        write("plain.txt", "not a folder\n");
        const auto saved = cli(
            {"run", "counter", "threads=1", "increments=1", "--save", dir_.filePath("good.ilrun")});
        QVERIFY2(saved.code == 0, qPrintable(saved.err));
        QFile good(dir_.filePath("good.ilrun"));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray all = good.readAll();
        QVERIFY(all.size() > 200);
        write("truncated.ilrun", all.left(all.size() / 2));
        QVERIFY(QDir(dir_.path()).mkdir("folder"));
    }

    void badInputIsNamed_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("says");
        const QString commands = "list, describe, run, open, sweep, serve";
        const int usage = 2, failed = 1;
        const QStringList quick = {"threads=1", "increments=1"}; // a run that takes no time

        // Commands and options.
        row("no command", {}, usage, {"no command given", commands});
        row("unknown command", {"frob"}, usage, {"unknown command 'frob'", commands});
        row("unknown option", {"run", "counter", "--fast"}, usage,
            {"unknown option '--fast'", "--timeout", "--save"});
        row("option of another command", {"list", "--port", "1"}, usage,
            {"unknown option '--port' for 'list'", "--json"});
        row("missing option value", {"run", "counter", "--timeout"}, usage,
            {"--timeout needs a value", "SECONDS"});
        row("missing --port value", {"serve", "--port"}, usage,
            {"--port needs a value", "0..65535"});
        row("stray argument", {"run", "counter", "fast"}, usage,
            {"unexpected argument 'fast'", "name=value"});
        row("stray argument to describe", {"describe", "counter", "more"}, usage,
            {"unexpected argument 'more'", "one scenario id"});
        row("no scenario", {"run"}, usage, {"needs a scenario id", "interleave list"});
        row("stray argument to list", {"list", "extra"}, usage,
            {"unexpected argument 'extra'", "options only"});
        row("two files to open", {"open", "a.ilrun", "b.ilrun"}, usage,
            {"unexpected argument 'b.ilrun'", "one file"});

        // Scenario ids and parameters.
        row("unknown scenario", {"run", "nosuch"}, usage,
            {"unknown scenario 'nosuch'", "counter", "lock-convoy"});
        row("unknown scenario (describe)", {"describe", "nosuch"}, usage,
            {"unknown scenario 'nosuch'", "counter"});
        row("unknown parameter", {"run", "counter", "thread=2"}, usage,
            {"unknown parameter 'thread'", "threads, increments, locked"});
        row("empty parameter name", {"run", "counter", "=3"}, usage,
            {"expected name=value", "'=3'", "threads"});
        row("wrong type", {"run", "counter", "threads=four"}, usage,
            {"'four' is not an integer", "an integer in 1..64"});
        row("real not a number", {"run", "dining-philosophers", "think_ms=slow"}, usage,
            {"'slow' is not a number", "a number in 0..1000"});
        row("negative", {"run", "counter", "threads=-2"}, usage,
            {"-2 is out of range", "an integer in 1..64"});
        row("out of range", {"run", "counter", "threads=65"}, usage,
            {"65 is out of range", "1..64"});
        row("overflowing", {"run", "counter", "threads=99999999999999999999"}, usage,
            {"'99999999999999999999'", "an integer in 1..64"});
        row("NaN", {"run", "dining-philosophers", "think_ms=nan"}, usage,
            {"'nan' is not a number", "a number in 0..1000"});
        row("infinity", {"run", "dining-philosophers", "eat_ms=inf"}, usage,
            {"'inf' is not a number", "0..1000"});
        row("bad boolean", {"run", "counter", "locked=maybe"}, usage,
            {"'maybe' is not a boolean", "true or false"});
        row("bad enum choice", {"run", "dining-philosophers", "variant=waiter"}, usage,
            {"'waiter' is not a choice", "naive, ordered, butler, trylock"});
        row("duplicated assignment", {"run", "counter", "threads=2", "threads=3"}, usage,
            {"'threads' is given twice", "'threads=3'", "each parameter once"});

        // Run options.
        row("timeout not a number", {"run", "counter", "--timeout", "soon"}, usage,
            {"'soon' is not a number of seconds", "> 0"});
        row("timeout negative", {"run", "counter", "--timeout", "-1"}, usage,
            {"'-1'", "a number > 0"});
        row("timeout NaN", {"run", "counter", "--timeout", "nan"}, usage, {"'nan'", "> 0"});
        row("timeout overflowing", {"run", "counter", "--timeout", "1e400"}, usage,
            {"'1e400'", "<= 1000000"});
        row("stall bad", {"run", "counter", "--stall", "x"}, usage, {"--stall: 'x'", "> 0"});
        row("max-events not a number", {"run", "counter", "--max-events", "lots"}, usage,
            {"--max-events: 'lots'", "an integer in 1000..4294967295"});
        row("max-events too small", {"run", "counter", "--max-events", "5"}, usage,
            {"--max-events: '5'", "1000..4294967295"});

        // Sweeps.
        row("sweep without range", {"sweep", "counter"}, usage,
            {"needs a range PARAM=FROM..TO[:STEP]"});
        row("sweep range malformed", {"sweep", "counter", "threads=1-4"}, usage,
            {"'threads=1-4' has no '..'", "PARAM=FROM..TO"});
        row("sweep bound not a number", {"sweep", "counter", "threads=a..4"}, usage,
            {"FROM 'a' is not an integer", "PARAM=FROM..TO"});
        row("sweep step not a number", {"sweep", "counter", "threads=1..3:x"}, usage,
            {"STEP 'x' is not an integer", "PARAM=FROM..TO:STEP"});
        row("sweep empty range", {"sweep", "counter", "threads=4..1"}, usage,
            {"FROM 4 is greater than TO 1", "1..4"});
        row("sweep single value", {"sweep", "counter", "threads=2..2"}, usage,
            {"only 1 value", "at least 2"});
        row("sweep step 0", {"sweep", "counter", "threads=1..4:0"}, usage,
            {"STEP 0", "greater than 0"});
        row("sweep out of range", {"sweep", "counter", "threads=0..4"}, usage,
            {"0..4 goes outside", "an integer in 1..64"});
        row("sweep too many values", {"sweep", "counter", "increments=1..1000000"}, usage,
            {"gives 1000000 values", "at most 1000"});
        row("sweep non-numeric param", {"sweep", "counter", "locked=0..1"}, usage,
            {"cannot be swept", "threads (an integer in 1..64)"});
        row("sweep unknown param", {"sweep", "counter", "nope=1..2"}, usage,
            {"has no parameter 'nope'", "threads"});
        row("seed= in a sweep", {"sweep", "dining-philosophers", "philosophers=2..3", "seed=4"},
            usage, {"sets 'seed' itself", "give the seed to the sweep"});
        row("swept param set too", {"sweep", "counter", "threads=1..2", "threads=2"}, usage,
            {"'threads' is the swept parameter", "cannot also be set"});
        row("sweep --seed bad", {"sweep", "counter", "threads=1..2", "--seed", "-1"}, usage,
            {"--seed: '-1'", "0..4294967295"});
        row("sweep --repeat 0", {"sweep", "counter", "threads=1..2", "--repeat", "0"}, usage,
            {"--repeat: '0'", "1..100"});
        row("sweep --repeat text", {"sweep", "counter", "threads=1..2", "--repeat", "x"}, usage,
            {"--repeat: 'x'", "1..100"});
        row("sweep --timeout bad", {"sweep", "counter", "threads=1..2", "--timeout", "0"}, usage,
            {"--timeout: '0'", "> 0"});

        // Charts and output files. A build without Qt (the sanitizer presets)
        // refuses any well-formed --chart first, and says how to get charts.
#ifdef INTERLEAVE_CHARTS
        const auto charts = [](QStringList says) { return says; };
#else
        const auto charts = [](const QStringList&) {
            return QStringList{"this build has no charts", "build the default preset"};
        };
#endif
        row("chart unknown kind", {"run", "counter", "--chart", "pie=@DIR/a.png"}, usage,
            charts({"'pie' is not a chart of a run", "lock-wait", "timeline"}));
        row("chart of a sweep unknown",
            {"sweep", "counter", "threads=1..2", "--chart", "pie=@DIR/b.png"}, usage,
            charts({"'pie' is not a chart of a sweep", "speedup"}));
        row("chart without file", {"run", "counter", "--chart", "lock-wait"}, usage,
            {"'lock-wait' is not KIND=FILE", "lock-wait=waits.png"});
        row("chart empty file", {"run", "counter", "--chart", "lock-wait="}, usage,
            {"FILE is missing", "KIND=FILE"});
        row("chart bad format", {"run", "counter", "--chart", "lock-wait=@DIR/a.txt"}, usage,
            charts({".txt is not a chart format", ".png, .svg, .pdf or .csv"}));
        row("timeline bad format", {"run", "counter", "--chart", "timeline=@DIR/t.pdf"}, usage,
            charts({"timeline", ".png or .svg"}));
#ifdef INTERLEAVE_CHARTS
        row("chart unwritable",
            QStringList{"run", "counter"} + quick +
                QStringList{"--chart", "lock-hold=@DIR/nowhere/a.png"},
            failed, {"cannot write '", "nowhere/a.png", "No such file or directory"});
        row("chart with no data",
            QStringList{"run", "counter"} + quick + QStringList{"--chart", "lock-wait=@DIR/w.png"},
            failed, {"no lane waited for a lock", "charts it has: utilisation"});
#endif
        row("save unwritable",
            QStringList{"run", "counter"} + quick + QStringList{"--save", "@DIR/nowhere/run.ilrun"},
            failed, {"cannot write '", "nowhere/run.ilrun", "No such file or directory"});
        row("save under a file",
            QStringList{"run", "counter"} + quick +
                QStringList{"--save", "@DIR/plain.txt/run.ilrun"},
            failed, {"cannot write '", "Not a directory"});
        row("csv unwritable",
            QStringList{"run", "counter"} + quick + QStringList{"--csv", "@DIR/nowhere/s.csv"},
            failed, {"cannot write '", "nowhere/s.csv"});
        row("trace unwritable",
            QStringList{"run", "counter"} + quick + QStringList{"--trace", "@DIR/nowhere/t.json"},
            failed, {"cannot write '", "nowhere/t.json"});

        // Saved runs.
        row("open without file", {"open"}, usage, {"needs a saved run file", "FILE.ilrun"});
        row("open missing file", {"open", "@DIR/missing.ilrun"}, usage,
            {"cannot read '", "missing.ilrun", "No such file or directory"});
        row("open a directory", {"open", "@DIR/folder"}, usage, {"it is a directory"});
        row("open a device", {"open", "/dev/null"}, usage, {"not a regular file"});
        row("open an empty file", {"open", "@DIR/empty.ilrun"}, usage,
            {"is not an Interleave run", "the file is empty"});
        row("open a PNG", {"open", "@DIR/picture.png"}, usage,
            {"is not an Interleave run", "run file signature"});
        row("open a truncated run", {"open", "@DIR/truncated.ilrun"}, usage,
            {"is not a valid Interleave run", "truncated"});

        // The server.
        row("serve port too large", {"serve", "--port", "70000"}, usage,
            {"--port: '70000'", "0..65535"});
        row("serve port not a number", {"serve", "--port", "http"}, usage,
            {"--port: 'http'", "0..65535"});
        row("serve port in use", {"serve", "--port", "@BUSY"}, usage,
            {"in use", "0 for any free port"});
        row("web-server scenario port in use", {"run", "web-server", "model=thread", "port=@BUSY"},
            failed, {"in use", "0 for any free port"});
        row("serve unknown model", {"serve", "--model", "fork"}, usage,
            {"'fork' is not a server model", "thread, pool, async"});

        // URLs (the downloader's and the crawler's), folders and output paths
        // inside scenarios: the run fails (1) and its summary says why.
        row("url ftp", {"run", "downloader", "url=ftp://h/f"}, failed,
            {"scheme 'ftp' is not supported", "http://host[:port]"});
        row("url no host", {"run", "downloader", "url=http:///f"}, failed,
            {"names no host", "http://host[:port]"});
        row("url bad port", {"run", "downloader", "url=http://127.0.0.1:99999/f"}, failed,
            {"port 99999 is out of range", "http://host[:port]"});
        row("url port not a number", {"run", "downloader", "url=http://h:web/f"}, failed,
            {"port 'web' is not a number", "http://host[:port]"});
        row("url with a space", {"run", "downloader", "url=http://exa mple.com/f"}, failed,
            {"contains a space", "%20", "http://host[:port]"});
        row("url user info", {"run", "downloader", "url=http://me@h/f"}, failed,
            {"user info is not supported", "http://host[:port]"});
        row("url relative", {"run", "async-crawler", "start_url=pages/a.html"}, failed,
            {"not an absolute URL", "http://host[:port]"});
        row("url port 0", {"run", "async-crawler", "start_url=http://127.0.0.1:0/"}, failed,
            {"port 0 cannot be fetched", "http://host[:port]"});
        row("input folder missing", {"run", "data-processor", "input=@DIR/no-such-folder"}, failed,
            {"'input'", "does not exist", "a folder of text files"});
        row("input is a file", {"run", "data-processor", "input=@DIR/plain.txt"}, failed,
            {"is not a folder", "a folder of text files"});
        row("download output unwritable",
            {"run", "downloader", "size_mb=1", "output=@DIR/nowhere/f.bin"}, failed,
            {"cannot write the output", "does not exist"});
    }

    void badInputIsNamed() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QStringList, says);
        const auto r = cli(expand(args));
        const QString all = r.err + r.out;
        QVERIFY2(r.code == code,
                 qPrintable(QString("exit %1, expected %2: %3").arg(r.code).arg(code).arg(all)));
        for (const QString& part : says)
            QVERIFY2(all.contains(expand({part}).front()),
                     qPrintable("'" + part + "' not in: " + all.left(800)));
        // A usage error is said on stderr, once, and prints no results.
        if (code == 2) {
            QVERIFY2(r.out.isEmpty(), qPrintable(r.out.left(300)));
            QVERIFY(r.err.startsWith("interleave: "));
        }
    }

    void cleanupTestCase() {
        ::close(busy_fd_);
    }

    void failedWritesLeaveNothing() {
        // The rows above that could not write must not have left a partial file.
        const QStringList left = QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden);
        for (const QString& f : left)
            QVERIFY2(QStringList({"empty.ilrun", "picture.png", "plain.txt", "good.ilrun",
                                  "truncated.ilrun"})
                         .contains(f),
                     qPrintable("left behind: " + f));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
