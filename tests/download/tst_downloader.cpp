// The downloader against the loopback server: the checksum over part
// counts and sizes (empty, one byte, not divisible by the parts, fewer
// bytes than parts), a resume after an injected cut (from the byte where
// the connection dropped: no byte is asked for twice), chunked replies,
// the fallback to one part without Range support (our server's and
// Python's http.server), the lanes and marks recorded.
#include "served.h"

#include "download/sha256.h"
#include "trace/registry.h"

#include "net/loopback_port.h"

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <thread>

using namespace il;
using namespace download_test;
using download::DownloadResult;

namespace {

using net_test::accepts;
using net_test::free_port;

// The bytes of every GET the server answered, cut ones counted up to the cut.
std::uint64_t bytes_asked(const Served& s) {
    std::uint64_t n = 0;
    for (const auto& r : s.gets())
        n += r.dropped ? s.source.options().drop_after : r.length;
    return n;
}

} // namespace

class TestDownloader : public QObject {
    Q_OBJECT
private slots:
    void checksumMatches_data() {
        QTest::addColumn<quint64>("size");
        QTest::addColumn<int>("parts");
        QTest::addColumn<int>("used");
        QTest::newRow("empty file") << 0ull << 4 << 1;
        QTest::newRow("one byte, 4 parts") << 1ull << 4 << 1;
        QTest::newRow("5 bytes, 8 parts") << 5ull << 8 << 5;
        QTest::newRow("1000 bytes, 1 part") << 1000ull << 1 << 1;
        QTest::newRow("100003 bytes, 4 parts") << 100003ull << 4 << 4;
        QTest::newRow("1 MiB + 7, 7 parts") << (1ull << 20) + 7 << 7 << 7;
        QTest::newRow("3 MiB, 32 parts") << (3ull << 20) << 32 << 32;
    }
    void checksumMatches() {
        QFETCH(quint64, size);
        QFETCH(int, parts);
        QFETCH(int, used);
        QTemporaryDir dir;
        Served s({size, 7});
        const std::string out = dir.path().toStdString() + "/out.bin";
        auto o = options_for(s.url(), out, parts);
        o.expected_sha256 = s.source.expected_sha256();
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.bytes, size);
        QCOMPARE(r.parts, used);
        QCOMPARE(r.retries, 0);
        QCOMPARE(r.sha256, *o.expected_sha256);
        QCOMPARE(download::sha256_of_file(out), *o.expected_sha256); // what is on disk
        QCOMPARE(std::filesystem::file_size(out), size);
        QCOMPARE(files_in(dir.path().toStdString()), std::vector<std::string>{"out.bin"});
        // The parts tile the file: contiguous, in order, each received whole.
        std::uint64_t at = 0;
        for (const auto& p : r.part_reports) {
            QCOMPARE(p.first, at);
            QCOMPARE(p.received, p.length);
            at += p.length;
        }
        QCOMPARE(at, size);
        QCOMPARE(bytes_asked(s), size); // (HEAD told the size: no probe GET)
        if (used < parts)
            QVERIFY2(r.message.find("instead of") != std::string::npos, r.message.c_str());
    }

    void eachPartIsALaneWithProgress() {
        QTemporaryDir dir;
        Served s({1 << 20, 3});
        Session session;
        auto o = options_for(s.url(), dir.path().toStdString() + "/x", 4);
        o.progress_step = 25;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        const trace::Snapshot snap = session.recorder().snapshot();
        std::map<std::string, trace::LaneId> lanes;
        for (const auto& l : snap.lanes)
            if (l.name.rfind("part ", 0) == 0)
                lanes[l.name] = l.id;
        QCOMPARE(lanes.size(), std::size_t(4));
        trace::ObjectId progress = 0;
        for (const auto& obj : snap.objects)
            if (obj.kind == trace::ObjectKind::Annotation && obj.name == "% of the part received")
                progress = obj.id;
        QVERIFY(progress != 0);
        for (const auto& [name, lane] : lanes) {
            std::vector<std::int64_t> marks;
            bool waited = false;
            for (const auto& rec : snap.records) {
                if (rec.lane != lane)
                    continue;
                if (rec.kind == trace::Kind::Mark && rec.object == progress)
                    marks.push_back(rec.a);
                waited |= rec.kind == trace::Kind::WaitBegin &&
                          rec.c == static_cast<std::uint16_t>(trace::WaitReason::Io);
            }
            QVERIFY2(waited, name.c_str());
            QVERIFY2(!marks.empty() && marks.back() == 100, name.c_str());
            QVERIFY(std::is_sorted(marks.begin(), marks.end()));
            for (std::int64_t m : marks)
                QCOMPARE(m % 25, std::int64_t(0));
        }
    }

    void resumesFromTheCut_data() {
        QTest::addColumn<int>("parts");
        QTest::newRow("1 part") << 1;
        QTest::newRow("4 parts") << 4;
        QTest::newRow("5 parts") << 5;
    }
    void resumesFromTheCut() {
        QFETCH(int, parts);
        QTemporaryDir dir;
        const std::uint64_t size = (1 << 20) + 11, cut = 64 * 1024;
        Served s({size, 5, cut});
        auto o = options_for(s.url(), dir.path().toStdString() + "/out.bin", parts);
        o.expected_sha256 = s.source.expected_sha256();
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.retries, parts);
        for (const auto& p : r.part_reports) {
            QCOMPARE(p.attempts.size(), std::size_t(2));
            QCOMPARE(p.attempts[0].from, p.first);
            QCOMPARE(p.attempts[0].bytes, cut);
            QVERIFY(!p.attempts[0].error.empty());
            QCOMPARE(p.attempts[1].from, p.first + cut); // not from the part's start
            QVERIFY(p.attempts[1].error.empty());
            // The server saw the resumed request ask from exactly there.
            bool asked = false;
            for (const auto& g : s.gets())
                asked |= !g.dropped && g.first == p.first + cut &&
                         g.range == "bytes=" + std::to_string(p.first + cut) + "-" +
                                        std::to_string(p.first + p.length - 1);
            QVERIFY(asked);
        }
        QCOMPARE(bytes_asked(s), size); // no byte was asked for twice
        // Each retry is noted in the trace with its reason.
        int notes = 0;
        for (const auto& obj : session.recorder().snapshot().objects)
            notes += obj.name.find("retries from byte") != std::string::npos;
        QCOMPARE(notes, parts);
    }

    void fallsBackToOnePartWithoutRange() {
        QTemporaryDir dir;
        Served s({300000, 2, 0, /*ranges=*/false});
        auto o = options_for(s.url(), dir.path().toStdString() + "/out.bin", 4);
        o.expected_sha256 = s.source.expected_sha256();
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(!r.range_supported);
        QCOMPARE(r.parts, 1);
        QVERIFY2(r.message.find("1 part instead of 4: the server does not support byte ranges") !=
                     std::string::npos,
                 r.message.c_str());
        QCOMPARE(r.bytes, 300000u);
        const auto gets = s.gets();
        QCOMPARE(gets.size(), std::size_t(2)); // the probe (body left unread) and the part
        QCOMPARE(gets[0].range, std::optional<std::string>("bytes=0-0"));
        QVERIFY(!gets[1].range);
    }

    void startsOverWithoutRangeAfterACut() {
        QTemporaryDir dir;
        Served s({200000, 2, 50000, false});
        auto o = options_for(s.url(), dir.path().toStdString() + "/out.bin", 3);
        o.expected_sha256 = s.source.expected_sha256();
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.retries, 1);
        const auto& a = r.part_reports.at(0).attempts;
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[1].from, 0u); // nothing else is possible without Range
        QCOMPARE(a[1].bytes, 200000u);
    }

    void chunkedRepliesWork() {
        QTemporaryDir dir;
        for (bool ranges : {true, false}) {
            Served s({250001, 4, 0, ranges, /*chunked=*/true});
            auto o = options_for(s.url(), dir.path().toStdString() + "/c.bin", 4);
            o.expected_sha256 = s.source.expected_sha256();
            Session session;
            const DownloadResult r = download::download(session, o);
            QVERIFY2(r.ok, r.message.c_str());
            QCOMPARE(r.bytes, 250001u);
            if (ranges) { // a 206 to bytes=0-0 tells the size: four parts
                QCOMPARE(r.parts, 4);
                QCOMPARE(r.size, std::optional<std::uint64_t>(250001));
            } else { // the size comes only with the end of the body
                QCOMPARE(r.parts, 1);
                QVERIFY(!r.size);
                QVERIFY2(r.message.find("does not say the size") != std::string::npos,
                         r.message.c_str());
            }
        }
    }

    void downloadsFromPythonHttpServer() {
        const QString python = QStandardPaths::findExecutable("python3");
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir dir, served;
        const net::GeneratedBody body(500007, 11);
        std::string bytes(body.size(), '\0');
        body.read(0, bytes.data(), bytes.size());
        std::ofstream(served.path().toStdString() + "/data.bin", std::ios::binary) << bytes;
        const std::uint16_t port = free_port();
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(python, {"-m", "http.server", "--bind", "127.0.0.1", QString::number(port),
                              "--directory", served.path()});
        QVERIFY(server.waitForStarted(5000));
        auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!accepts(port) && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/data.bin";
        auto o = options_for(url, dir.path().toStdString() + "/out.bin", 4);
        o.expected_sha256 = download::sha256_hex(bytes);
        Session session;
        const DownloadResult r = download::download(session, o);
        // And a 404 from an ordinary server.
        Session session2;
        const DownloadResult missing = download::download(
            session2, options_for(url + ".missing", dir.path().toStdString() + "/m.bin", 2));
        server.kill();
        server.waitForFinished(5000);
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(!r.range_supported); // http.server ignores Range
        QCOMPARE(r.parts, 1);
        QCOMPARE(r.bytes, bytes.size());
        QVERIFY(!missing.ok);
        QVERIFY2(missing.message.find("404") != std::string::npos, missing.message.c_str());
        QCOMPARE(files_in(dir.path().toStdString()), std::vector<std::string>{"out.bin"});
    }

    void replacesAnExistingFileOnlyWhenDone() {
        QTemporaryDir dir;
        const std::string out = dir.path().toStdString() + "/out.bin";
        std::ofstream(out) << "old";
        Served s({4096, 1});
        Session session;
        const DownloadResult r = download::download(session, options_for(s.url(), out, 2));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(std::filesystem::file_size(out), 4096u);
        QVERIFY(r.message.find("nothing to compare it with") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDownloader)
#include "tst_downloader.moc"
