// What goes wrong, and what the downloader leaves behind (nothing): an
// output that cannot be written, a 404, a server that closes at once or
// refuses, tries spent on cuts, a digest that does not match, a server that
// advertises Range and then ignores it, a stop mid-download (no temporary
// file, every part lane ended), and options that are not allowed. The
// client hook it relies on (a reply's head seen before its body) too.
#include "served.h"

#include "download/sha256.h"
#include "net/errors.h"
#include "net/http_client.h"
#include "net/raw_peer.h"
#include "trace/registry.h"

#include <QtTest>

#include <fstream>
#include <thread>

using namespace il;
using namespace download_test;
using download::DownloadResult;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

template <class E, class F> std::string error_of(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

class TestDownloadFailures : public QObject {
    Q_OBJECT
private slots:
    void outputThatCannotBeWritten_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing folder") << "/nonexistent-interleave-dir/f.bin"
                                        << "does not exist";
        QTest::newRow("a folder") << "%1"
                                  << "is a folder";
        QTest::newRow("proc") << "/proc/interleave-download.bin"
                              << "cannot write the output '/proc/interleave-download.bin'";
    }
    void outputThatCannotBeWritten() {
        QFETCH(QString, path);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const std::string out = (path.contains("%1") ? path.arg(dir.path()) : path).toStdString();
        Served s({1000, 1});
        Session session;
        const DownloadResult r = download::download(session, options_for(s.url(), out, 2));
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, says.toStdString()), r.message.c_str());
        QVERIFY(s.source.requests().empty()); // checked before any request
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void notFound() {
        QTemporaryDir dir;
        const std::string out = dir.path().toStdString() + "/out.bin";
        std::ofstream(out) << "kept";
        Served s({1000, 1});
        Session session;
        const DownloadResult r =
            download::download(session, options_for(s.server.url("/nothing"), out, 2));
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "HTTP 404 Not Found"), r.message.c_str());
        QCOMPARE(files_in(dir.path().toStdString()), std::vector<std::string>{"out.bin"});
        QCOMPARE(std::filesystem::file_size(out), 4u); // the old file is untouched
    }

    void serverThatClosesAtOnce() {
        net_test::RawServer closer([](int, int) { return false; });
        QTemporaryDir dir;
        Session session;
        auto o = options_for(closer.url("/f"), dir.path().toStdString() + "/out.bin", 4);
        o.retries = 2;
        const DownloadResult r = download::download(session, o);
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "closed before any reply") && has(r.message, "3 tries"),
                 r.message.c_str());
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void nothingListens() {
        QTemporaryDir dir;
        Session session;
        const std::string url = "http://127.0.0.1:" + std::to_string(net_test::free_port()) + "/";
        const DownloadResult r =
            download::download(session, options_for(url, dir.path().toStdString() + "/o", 2));
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "refused"), r.message.c_str());
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void triesRunOut() {
        QTemporaryDir dir;
        Served s({400000, 1, 10000});
        auto o = options_for(s.url(), dir.path().toStdString() + "/out.bin", 2);
        o.retries = 0;
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "failed after 1 try"), r.message.c_str());
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void digestMismatchKeepsNothing() {
        QTemporaryDir dir;
        Served s({5000, 1});
        auto o = options_for(s.url(), dir.path().toStdString() + "/out.bin", 3);
        o.expected_sha256 = std::string(64, '0');
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "MISMATCH"), r.message.c_str());
        QCOMPARE(r.sha256, s.source.expected_sha256()); // what did arrive is reported
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void serverThatAdvertisesRangeButIgnoresIt() {
        // HEAD says "Accept-Ranges: bytes"; every GET answers 200 with the whole file.
        auto body = std::make_shared<net::GeneratedBody>(300000, 1);
        net::Router router;
        router.add("/f", [body](const net::Request& req) {
            net::Response r;
            r.body = body;
            r.accept_ranges = req.method == "HEAD";
            return r;
        });
        net::HttpServer server(std::move(router));
        QTemporaryDir dir;
        Session session;
        const DownloadResult r = download::download(
            session, options_for(server.url("/f"), dir.path().toStdString() + "/out.bin", 3));
        QVERIFY(!r.ok);
        QVERIFY2(has(r.message, "answered 200 (the whole file)"), r.message.c_str());
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }

    void stopMidDownload() {
        QTemporaryDir dir;
        net::ServerOptions slow;
        slow.bandwidth = 200'000; // bytes per second per connection: far from done when stopped
        Served s({4 << 20, 1}, slow);
        Session session;
        std::optional<std::string> error;
        std::thread runner([&] {
            try {
                download::download(session,
                                   options_for(s.url(), dir.path().toStdString() + "/o.bin", 4));
                error = "(finished)";
            } catch (const Cancelled&) {
                error = "cancelled";
            } catch (const std::exception& e) {
                error = e.what();
            }
        });
        QVERIFY(net_test::eventually([&] { return s.gets().size() >= 4; }));
        QVERIFY(net_test::eventually([&] { return s.server.stats().bytes_sent > 100'000; }));
        QCOMPARE(files_in(dir.path().toStdString()).size(), std::size_t(1)); // the temporary file
        session.request_stop();
        runner.join();
        QCOMPARE(error, std::optional<std::string>("cancelled"));
        QVERIFY(files_in(dir.path().toStdString()).empty());
        // Every part lane ended, cancelled.
        const trace::Snapshot snap = session.recorder().snapshot();
        int parts = 0, cancelled = 0;
        for (const auto& l : snap.lanes)
            parts += l.name.rfind("part ", 0) == 0;
        for (const auto& rec : snap.records)
            cancelled += rec.kind == trace::Kind::LaneEnd &&
                         rec.c == static_cast<std::uint16_t>(trace::LaneEndReason::Cancelled) &&
                         snap.lanes[rec.lane].name.rfind("part ", 0) == 0;
        QCOMPARE(parts, 4);
        QCOMPARE(cancelled, 4);
    }

    void optionsAreChecked() {
        auto bad = [](auto change) {
            auto o = options_for("http://127.0.0.1:1/f", "/tmp/x", 4);
            change(o);
            return error_of<std::exception>([&] { download::validate(o); });
        };
        using O = download::DownloadOptions;
        QVERIFY(has(bad([](O& o) { o.url = "https://example.com/f"; }), "http://"));
        QVERIFY(has(bad([](O& o) { o.url = "ftp://example.com/f"; }), "http://"));
        QVERIFY(has(bad([](O& o) { o.url = "not a url"; }), "not a url"));
        QVERIFY(has(bad([](O& o) { o.parts = 0; }), "parts must be an integer in 1..32"));
        QVERIFY(has(bad([](O& o) { o.parts = 33; }), "parts must be an integer in 1..32"));
        QVERIFY(has(bad([](O& o) { o.retries = -1; }), "retries"));
        QVERIFY(has(bad([](O& o) { o.progress_step = 0; }), "progress_step"));
        QVERIFY(has(bad([](O& o) { o.expected_sha256 = "abc"; }), "64 hex digits"));
        QVERIFY(has(bad([](O& o) { o.output.clear(); }), "output"));
        QCOMPARE(bad([](O&) {}), std::string("(no error)"));
        // download() checks first, before anything is touched.
        Session session;
        auto o = options_for("https://example.com/f", "/tmp/x", 4);
        QVERIFY(has(error_of<net::UrlError>([&] { download::download(session, o); }), "http://"));
    }

    void headCheckSeesTheHeadBeforeTheBody() {
        Served s({100000, 1});
        Session session;
        net::ClientOptions options;
        std::vector<int> heads;
        options.on_head = [&](const net::ClientResponse& h) {
            QVERIFY(h.body_bytes == 0);
            heads.push_back(h.status);
            if (h.status == 404)
                throw std::runtime_error("not that one");
        };
        net::HttpClient http(session, options);
        std::uint64_t sunk = 0;
        const auto ok = http.get(s.url(), {{"Range", "bytes=10-19"}},
                                 [&](std::string_view b) { sunk += b.size(); });
        QCOMPARE(ok.status, 206);
        QCOMPARE(sunk, 10u);
        sunk = 0;
        QCOMPARE(error_of<std::runtime_error>([&] {
                     http.get(s.server.url("/missing"), {},
                              [&](std::string_view b) { sunk += b.size(); });
                 }),
                 std::string("not that one"));
        QCOMPARE(sunk, 0u); // the 404's body never reached the sink
        QCOMPARE(heads, (std::vector<int>{206, 404}));
        QCOMPARE(http.get(s.url()).status, 200); // the client still works
    }
};

QTEST_GUILESS_MAIN(TestDownloadFailures)
#include "tst_download_failures.moc"
