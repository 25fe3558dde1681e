// Every input the fuzzers were seeded with (fuzz/corpus/<target>/) and every
// input that ever made one fail (fuzz/regressions/<target>/, which
// scripts/fuzz fills) replayed through the same target code, built with gcc
// in the normal and sanitizer builds: a crash once found stays fixed.
//
// The four targets and the CLI's argument parser are compiled into this one
// file (tests/CMakeLists.txt builds one source per suite): each target is
// included with its entry point renamed through FUZZ_ENTRY, and with
// INTERLEAVE_FUZZ_REPLAY a broken property throws il::fuzz::Finding instead
// of aborting, so the failing input's file is named.
#define INTERLEAVE_FUZZ_REPLAY 1

#define FUZZ_ENTRY fuzz_params_entry
#include "../../fuzz/fuzz_params.cpp"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_cli_args_entry
#include "../../app/cli/args.cpp"
#include "../../fuzz/fuzz_cli_args.cpp"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_runfile_entry
#include "../../fuzz/fuzz_runfile.cpp"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_http_request_entry
#include "../../fuzz/fuzz_http_request.cpp"
#undef FUZZ_ENTRY

#include <QDir>
#include <QFile>
#include <QtTest>

#include <map>

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

const std::map<QString, Entry>& targets() {
    static const std::map<QString, Entry> t{
        {"fuzz_params", fuzz_params_entry},
        {"fuzz_cli_args", fuzz_cli_args_entry},
        {"fuzz_runfile", fuzz_runfile_entry},
        {"fuzz_http_request", fuzz_http_request_entry},
    };
    return t;
}

QString fuzz_dir() {
    return QStringLiteral(INTERLEAVE_SOURCE_DIR "/fuzz");
}

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT

private slots:
    // Each target's seed corpus must exist: an empty replay proves nothing.
    void every_target_has_seeds() {
        for (const auto& [name, entry] : targets()) {
            QDir dir(fuzz_dir() + "/corpus/" + name);
            QVERIFY2(!dir.entryList(QDir::Files).isEmpty(),
                     qPrintable("no seed inputs in " + dir.path()));
        }
    }

    // A broken property is reported, not ignored: the replay can fail.
    void a_finding_fails() {
        QVERIFY_THROWS_EXCEPTION(il::fuzz::Finding, il::fuzz::require(false, "on purpose"));
        // An argument list that parses into a run with a scenario the catalog has
        // and a parameter out of its range: expected (ParamError), so no finding.
        const std::string argv = "run\ncounter\nthreads=100000";
        QCOMPARE(
            fuzz_cli_args_entry(reinterpret_cast<const std::uint8_t*>(argv.data()), argv.size()),
            0);
    }

    void replay_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        int rows = 0;
        for (const auto& [name, entry] : targets())
            for (const char* kind : {"corpus", "regressions"}) {
                QDir dir(fuzz_dir() + "/" + kind + "/" + name);
                for (const QString& file : dir.entryList(QDir::Files, QDir::Name)) {
                    const QString row = name + "/" + kind + "/" + file;
                    QTest::newRow(qPrintable(row)) << name << dir.filePath(file);
                    ++rows;
                }
            }
        QVERIFY(rows > 0);
    }

    void replay() {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable("cannot read " + path));
        const QByteArray bytes = f.readAll();
        const Entry entry = targets().at(target);
        try {
            entry(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                  static_cast<std::size_t>(bytes.size()));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(path + ": " + e.what()));
        } catch (...) {
            QFAIL(qPrintable(path + ": a non-standard exception"));
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
