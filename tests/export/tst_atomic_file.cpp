#include "common/files.h"
#include "export/atomic_file.h"
#include "export/export_error.h"

#include <QtTest>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace il::exporter;

namespace {

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void writesANewFile() {
        QTemporaryDir dir;
        std::string path = dir.filePath("out.json").toStdString();
        write_file_atomically(path, std::string_view("{\"a\":1}\n"));
        QCOMPARE(il::test::read_file(path), std::string("{\"a\":1}\n"));
        QCOMPARE(entries(dir.path()), QStringList{"out.json"}); // no temporary left
    }

    void replacesAnExistingFileWhole() {
        QTemporaryDir dir;
        std::string path = dir.filePath("out.csv").toStdString();
        write_file_atomically(path, std::string(100000, 'x'));
        ::chmod(path.c_str(), 0640);
        write_file_atomically(path, std::string_view("short\n"));
        QCOMPARE(il::test::read_file(path), std::string("short\n"));
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0640)); // permissions kept
        QCOMPARE(entries(dir.path()), QStringList{"out.csv"});
    }

    void streamsLargeContent() {
        QTemporaryDir dir;
        std::string path = dir.filePath("big.txt").toStdString();
        write_file_atomically(path, [](std::ostream& out) {
            for (int i = 0; i < 200000; ++i)
                out << i << '\n';
        });
        std::string text = il::test::read_file(path);
        QVERIFY(text.rfind("199999\n") == text.size() - 7);
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), 200000);
    }

    void relativePathUsesTheWorkingDirectory() {
        QTemporaryDir dir;
        QString old = QDir::currentPath();
        QDir::setCurrent(dir.path());
        write_file_atomically("rel.txt", std::string_view("ok"));
        QDir::setCurrent(old);
        QCOMPARE(il::test::read_file(dir.filePath("rel.txt").toStdString()), std::string("ok"));
        QCOMPARE(entries(dir.path()), QStringList{"rel.txt"});
    }

    void unwritablePathThrowsAndLeavesNothing_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing directory") << "/nonexistent-interleave-dir/x.json"
                                           << "No such file or directory";
        QTest::newRow("proc") << "/proc/x"
                              << "";
        QTest::newRow("empty") << ""
                               << "No such file or directory";
    }
    void unwritablePathThrowsAndLeavesNothing() {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        std::string p = path.toStdString();
        try {
            write_file_atomically(p, std::string_view("data"));
            QFAIL("no ExportError");
        } catch (const ExportError& e) {
            std::string what = e.what();
            QVERIFY2(what.find("cannot write '" + p + "': ") == 0, e.what());
            if (!reason.isEmpty())
                QCOMPARE(what, "cannot write '" + p + "': " + reason.toStdString());
            QCOMPARE(e.path(), p);
        }
        if (!p.empty())
            QVERIFY(!QFileInfo::exists(path));
    }

    void directoryAsTargetThrowsAndLeavesNoTemporary() {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir("sub");
        std::string path = dir.filePath("sub").toStdString();
        QVERIFY_THROWS_EXCEPTION(ExportError,
                                 write_file_atomically(path, std::string_view("data")));
        QCOMPARE(entries(dir.path()), QStringList{"sub"});
        QVERIFY(QFileInfo(dir.filePath("sub")).isDir());
    }

    void writerExceptionKeepsTheOldFile() {
        QTemporaryDir dir;
        std::string path = dir.filePath("keep.txt").toStdString();
        write_file_atomically(path, std::string_view("old"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 write_file_atomically(path, [](std::ostream& out) {
                                     out << std::string(200000, 'n');
                                     throw std::runtime_error("the writer gave up");
                                 }));
        QCOMPARE(il::test::read_file(path), std::string("old"));
        QCOMPARE(entries(dir.path()), QStringList{"keep.txt"});
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
