// Nothing Interleave runs goes through a shell. The process spawner
// (engine/process/detail/spawn.cpp) hands posix_spawn an argv, so an argument
// full of shell syntax reaches the worker byte for byte and runs nothing;
// and no source file in engine/, app/ or ui/ calls system(), popen(), an
// exec*l* function or names a shell, so that stays true.
#include "process/detail/spawn.h"
#include "process/worker_path.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace il::process;

namespace {

// Runs the worker with `args`, its stderr into a pipe; returns what it wrote.
QString worker_stderr(const std::vector<std::string>& args, int& status) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0)
        return "pipe failed";
    detail::SpawnRequest r;
    r.path = worker_path();
    r.argv = {"interleave-worker"};
    r.argv.insert(r.argv.end(), args.begin(), args.end());
    r.fds = {{p[1], 2}};
    const pid_t pid = detail::spawn(r);
    ::close(p[1]);
    QByteArray err;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        err.append(buf, static_cast<int>(n));
    }
    ::close(p[0]);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return QString::fromUtf8(err);
}

struct Pattern {
    const char* what;
    QRegularExpression re;
};

// What passing something to a shell looks like in C++ source.
// `QLocale::system()` and `posix_spawn(` must not match.
const std::vector<Pattern>& shell_patterns() {
    static const std::vector<Pattern> all = {
        {"system()", QRegularExpression(R"((^|[^\w:.>])(std::|::)?system\s*\()")},
        {"popen()", QRegularExpression(R"(\bpopen\s*\()")},
        {"exec*l*()", QRegularExpression(R"(\bexecl[pe]?\s*\()")},
        {"wordexp()", QRegularExpression(R"(\bwordexp\s*\()")},
        {"a shell's path", QRegularExpression(R"("/bin/(ba|da|z)?sh")")},
        {"a shell by name", QRegularExpression(R"("(ba|da|z)?sh")")},
    };
    return all;
}

QString match(const QString& line) {
    const QString t = line.trimmed();
    if (t.startsWith("//") || t.startsWith("*")) // comments may talk about shells
        return {};
    for (const Pattern& p : shell_patterns())
        if (p.re.match(line).hasMatch())
            return p.what;
    return {};
}

} // namespace

class TestNoShell : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void shellSyntaxReachesTheWorkerVerbatim_data() {
        QTest::addColumn<QString>("arg"); // @ is the scratch folder
        QTest::newRow("semicolon") << "; touch @/semicolon";
        QTest::newRow("command substitution") << "$(touch @/dollar)";
        QTest::newRow("backticks") << "`touch @/backtick`";
        QTest::newRow("quotes and spaces") << "a b 'c' \"d\" && touch @/and";
        QTest::newRow("pipe") << "| touch @/pipe";
        QTest::newRow("redirect") << "> @/redirect";
        QTest::newRow("newline") << "x\ntouch @/newline";
        QTest::newRow("glob and variable") << "* $HOME ~ @/*";
    }
    void shellSyntaxReachesTheWorkerVerbatim() {
        QVERIFY(dir_.isValid());
        QFETCH(QString, arg);
        const std::string a = QString(arg).replace("@", dir_.path()).toStdString();
        int status = 0;
        // As an unknown option, and as an option's value: both are quoted back.
        QString err = worker_stderr({a}, status);
        QVERIFY2(err.contains("unknown option '" + QString::fromStdString(a) + "'"),
                 qPrintable(err));
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 2);
        err = worker_stderr({"--parent", a, "--boot", "3"}, status);
        QVERIFY2(err.contains("not '" + QString::fromStdString(a) + "'"), qPrintable(err));
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 2);
        // Nothing ran: the folder the commands would write to is still empty.
        QCOMPARE(
            QDir(dir_.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList{});
    }

    void patternsFindShellCalls_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("found");
        QTest::newRow("system") << "    system(\"rm x\");" << true;
        QTest::newRow("std::system") << "int rc = std::system(cmd.c_str());" << true;
        QTest::newRow("::system") << "::system (cmd);" << true;
        QTest::newRow("popen") << "FILE* f = popen(cmd, \"r\");" << true;
        QTest::newRow("execlp") << "execlp(\"sh\", \"sh\", \"-c\", cmd, nullptr);" << true;
        QTest::newRow("execl") << "::execl(\"/bin/sh\", ...)" << true;
        QTest::newRow("bin/sh") << "const char* shell = \"/bin/sh\";" << true;
        QTest::newRow("bash") << "args << \"bash\" << \"-c\";" << true;
        QTest::newRow("QLocale::system") << "QLocale::system().language()" << false;
        QTest::newRow("posix_spawn") << "posix_spawn(&pid, path, a, b, argv, environ);" << false;
        QTest::newRow("execv") << "execv(path, argv);" << false;
        QTest::newRow("comment") << "// never system(), never a shell" << false;
        QTest::newRow("word") << "the subsystem (disk)" << false;
    }
    void patternsFindShellCalls() {
        QFETCH(QString, line);
        QFETCH(bool, found);
        QCOMPARE(!match(line).isEmpty(), found);
    }

    void sourcesCallNoShell() {
        int files = 0;
        QStringList hits;
        for (const char* top : {"engine", "app", "ui"}) {
            const QString root = QString(INTERLEAVE_SOURCE_DIR) + "/" + top;
            QVERIFY2(QDir(root).exists(), qPrintable(root));
            QDirIterator it(root, {"*.cpp", "*.h", "*.hpp", "*.cc"}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                ++files;
                int n = 0;
                while (!f.atEnd()) {
                    const QString line = QString::fromUtf8(f.readLine());
                    ++n;
                    if (const QString what = match(line); !what.isEmpty())
                        hits << QString("%1:%2: %3: %4")
                                    .arg(f.fileName())
                                    .arg(n)
                                    .arg(what, line.trimmed());
                }
            }
        }
        QVERIFY2(files > 100, qPrintable(QString::number(files))); // the scan saw the tree
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestNoShell)
#include "tst_no_shell.moc"
