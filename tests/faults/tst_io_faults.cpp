// Exports to a location that cannot take them: a full one (the file size
// limit: write() fails with EFBIG, as it would with ENOSPC), and read-only
// ones that stop root too (a path whose parent is a regular file, a path
// under /proc), plus a chmod 0555 directory when not root. Every atomic
// writer: write_file_atomically, the Chrome trace, the CSV, save_run.
// Outcome: ExportError naming the path and the reason; the target not
// created, or an existing one keeping its old bytes; no temporary left.
#include "common/files.h"
#include "faults_util.h"

#include "analysis/stats.h"
#include "export/atomic_file.h"
#include "export/chrome_trace.h"
#include "export/csv.h"
#include "export/export_error.h"
#include "runfile/runfile.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

using namespace il;
using namespace il::scenario;
using namespace std::chrono_literals;
using faults::contains;
using faults::Resources;
namespace fs = std::filesystem;

namespace {

const std::string kOld = "old bytes\n";

void put(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> names_in(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Lowers the file size limit for as long as it lives (SIGXFSZ ignored, so
// write() fails with EFBIG instead of killing the process), then restores both.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit low = old_;
        low.rlim_cur = bytes;
        ok_ = ::setrlimit(RLIMIT_FSIZE, &low) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    bool ok() const { return ok_; }

private:
    rlimit old_{};
    void (*old_handler_)(int) = SIG_DFL;
    bool ok_ = false;
};

} // namespace

class TestIoFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const Scenario* s = find_scenario("producer-consumer");
        QVERIFY(s);
        RunOptions o;
        o.timeout = 120s; // a hang guard only
        run_ = run_scenario(*s, parse_params(s->info().params, {"items=50", "work_ms=0"}), o);
        QCOMPARE(run_.status, RunStatus::Finished);
        summary_ = analysis::analyze(run_.trace);
    }

    void fullLocation_data() { writers(); }
    void fullLocation() {
        QFETCH(QString, writer);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string existing = dir.filePath("existing.out").toStdString();
        const std::string fresh = dir.filePath("fresh.out").toStdString();
        put(existing, kOld);
        const Resources before = Resources::now();
        {
            FileSizeLimit limit(16); // far less than any of these files
            QVERIFY(limit.ok());
            for (const std::string& path : {existing, fresh}) {
                const std::string text = failure(writer, path);
                QVERIFY2(contains(text, "cannot write '" + path + "': File too large"),
                         text.c_str());
            }
        }
        QCOMPARE(il::test::read_file(existing), kOld);
        QCOMPARE(names_in(dir.path().toStdString()), std::vector<std::string>{"existing.out"});
        FAULTS_EXPECT_SETTLED(before);
        // The same call succeeds once there is room: the failure was the limit.
        QVERIFY(failure(writer, fresh).empty());
        QVERIFY(il::test::read_file(fresh).size() > 16);
    }

    // Read-only even for root: the parent is a regular file.
    void parentIsAFile_data() { writers(); }
    void parentIsAFile() {
        QFETCH(QString, writer);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string plain = dir.filePath("plain").toStdString();
        put(plain, kOld);
        const std::string path = plain + "/out.data";
        const Resources before = Resources::now();
        const std::string text = failure(writer, path);
        QVERIFY2(contains(text, "cannot write '" + path + "': Not a directory"), text.c_str());
        QCOMPARE(il::test::read_file(plain), kOld);
        QCOMPARE(names_in(dir.path().toStdString()), std::vector<std::string>{"plain"});
        FAULTS_EXPECT_SETTLED(before);
    }

    // Read-only even for root: /proc takes no new files.
    void underProc_data() { writers(); }
    void underProc() {
        QFETCH(QString, writer);
        const std::string path = "/proc/self/interleave-fault.out";
        const Resources before = Resources::now();
        const std::string text = failure(writer, path);
        const std::string head = "cannot write '" + path + "': ";
        QVERIFY2(text.rfind(head, 0) == 0 && text.size() > head.size() + 3, text.c_str());
        QVERIFY(!fs::exists(path));
        FAULTS_EXPECT_SETTLED(before);
    }

    // chmod does not stop root, so this one only runs for other users.
    void readOnlyDirectory_data() { writers(); }
    void readOnlyDirectory() {
        QFETCH(QString, writer);
        if (::geteuid() == 0)
            QSKIP("running as root: a 0555 directory does not stop root (the two cases above do)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string d = dir.path().toStdString();
        const std::string existing = d + "/existing.out";
        put(existing, kOld);
        fs::permissions(d, fs::perms(0555));
        const std::string text = failure(writer, existing);
        fs::permissions(d, fs::perms(0755)); // so QTemporaryDir can clean up
        QVERIFY2(contains(text, "cannot write '" + existing + "': Permission denied"),
                 text.c_str());
        QCOMPARE(il::test::read_file(existing), kOld);
        QCOMPARE(names_in(d), std::vector<std::string>{"existing.out"});
    }

private:
    static void writers() {
        QTest::addColumn<QString>("writer");
        for (const char* w : {"atomic", "chrome", "csv", "runfile"})
            QTest::newRow(w) << QString(w);
    }

    // Writes with `writer`; "" if it worked, else the ExportError's message
    // (checked to carry the path too). Any other exception fails the test.
    std::string failure(const QString& writer, const std::string& path) {
        try {
            if (writer == "atomic")
                exporter::write_file_atomically(path, std::string(64 * 1024, 'x'));
            else if (writer == "chrome")
                exporter::export_chrome_trace(path, run_.trace, summary_, {run_.scenario});
            else if (writer == "csv")
                exporter::export_stats_csv(path, run_.trace, summary_);
            else
                runfile::save_run(run_, path);
            return {};
        } catch (const exporter::ExportError& e) {
            if (e.path() != path)
                return "ExportError::path() is '" + e.path() + "', not the target";
            return e.what();
        }
    }

    RunResult run_;
    analysis::Summary summary_;
};

QTEST_GUILESS_MAIN(TestIoFaults)
#include "tst_io_faults.moc"
