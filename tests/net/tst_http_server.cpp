// The loopback HTTP server: methods, keep-alive, ranges, latency and
// bandwidth (lower bounds only), malformed and oversized requests, peers
// that vanish mid-request, many clients, and stopping with requests in flight.
#include "net/errors.h"
#include "net/http_client.h"
#include "net/server.h"

#include "raw_peer.h"

#include <QtTest>

#include <thread>
#include <vector>

using namespace il;
using namespace il::net;
using namespace net_test;
using Clock = std::chrono::steady_clock;

namespace {

Router demo_router() {
    Router r;
    r.add_static("/hello", "hello, world\n", "text/plain");
    r.add_generated("/file", 200'000, 7);
    r.add("/chunked", [](const Request&) {
        Response x = Response::text(200, std::string(10'000, 'c'));
        x.chunked = true;
        return x;
    });
    r.add("/echo-origin", [](const Request& q) { return Response::text(200, q.origin); });
    return r;
}

std::string generated(std::uint64_t size, std::uint64_t seed, std::uint64_t from = 0,
                      std::uint64_t n = UINT64_MAX) {
    n = std::min(n, size - from);
    std::string s(n, '\0');
    GeneratedBody(size, seed).read(from, s.data(), n);
    return s;
}

std::int64_t ms_since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT
private slots:
    void listensOnLoopbackOnly() {
        HttpServer s(demo_router());
        QVERIFY(s.port() != 0);
        QCOMPARE(s.origin(), "http://127.0.0.1:" + std::to_string(s.port()));
        Session session;
        HttpClient c(session);
        QCOMPARE(c.get(s.url("/echo-origin")).body, s.origin());
    }

    void aTakenPortIsAClearError() {
        HttpServer s(demo_router());
        ServerOptions o;
        o.port = s.port();
        try {
            HttpServer second(demo_router(), o);
            QFAIL("no error");
        } catch (const ServerError& e) {
            QVERIFY2(std::string(e.what()).find(std::to_string(s.port())) != std::string::npos,
                     e.what());
        }
    }

    void getHeadAndErrors() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        ClientResponse r = c.get(s.url("/hello"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.reason, std::string("OK"));
        QCOMPARE(r.body, std::string("hello, world\n"));
        QCOMPARE(std::string(*r.header("content-type")), std::string("text/plain"));
        QCOMPARE(std::string(*r.header("Accept-Ranges")), std::string("bytes"));

        ClientResponse h = c.head(s.url("/file"));
        QCOMPARE(h.status, 200);
        QCOMPARE(std::string(*h.header("Content-Length")), std::string("200000"));
        QVERIFY(h.body.empty());

        QCOMPARE(c.get(s.url("/nothing-here")).status, 404);
        ClientResponse post = c.request("POST", s.url("/hello"));
        QCOMPARE(post.status, 405);
        QCOMPARE(std::string(*post.header("Allow")), std::string("GET, HEAD"));
        // All of it over one kept-alive connection.
        QCOMPARE(c.connections_opened(), std::uint64_t(1));
        QCOMPARE(s.stats().connections, std::uint64_t(1));
        QVERIFY(eventually([&] { return s.stats().requests == 4; }));
    }

    void generatedAndChunkedBodies() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        ClientResponse f = c.get(s.url("/file"));
        QCOMPARE(f.body.size(), std::size_t(200'000));
        QVERIFY(f.body == generated(200'000, 7));
        QVERIFY(!f.chunked);
        ClientResponse k = c.get(s.url("/chunked"));
        QVERIFY(k.chunked);
        QVERIFY(!k.header("Content-Length"));
        QCOMPARE(k.body, std::string(10'000, 'c'));
    }

    void pipelinedRequestsOnOneConnection() {
        HttpServer s(demo_router());
        int fd = connect_loopback(s.port());
        const std::string one = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
        send_all(fd, one + one + one);
        std::string got = read_until(fd, "hello, world\n", 3);
        ::close(fd);
        int statuses = 0;
        for (std::size_t p = 0; (p = got.find("HTTP/1.1 200 OK", p)) != std::string::npos; ++p)
            ++statuses;
        QCOMPARE(statuses, 3);
        QCOMPARE(s.stats().connections, std::uint64_t(1));
    }

    void ranges_data() {
        QTest::addColumn<QString>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<QString>("contentRange");
        QTest::newRow("first ten") << "bytes=0-9" << 206 << 0LL << 10LL << "bytes 0-9/200000";
        QTest::newRow("open end") << "bytes=199990-" << 206 << 199990LL << 10LL
                                  << "bytes 199990-199999/200000";
        QTest::newRow("suffix") << "bytes=-5" << 206 << 199995LL << 5LL
                                << "bytes 199995-199999/200000";
        QTest::newRow("end past size")
            << "bytes=100-999999" << 206 << 100LL << 199900LL << "bytes 100-199999/200000";
        QTest::newRow("unsatisfiable") << "bytes=200000-" << 416 << 0LL << 0LL << "bytes */200000";
        QTest::newRow("several: whole body") << "bytes=0-1,5-6" << 200 << 0LL << 200000LL << "";
        QTest::newRow("malformed: whole body") << "bytes=x-y" << 200 << 0LL << 200000LL << "";
        QTest::newRow("other unit: whole body") << "items=0-1" << 200 << 0LL << 200000LL << "";
    }
    void ranges() {
        QFETCH(QString, range);
        QFETCH(int, status);
        QFETCH(qint64, from);
        QFETCH(qint64, length);
        QFETCH(QString, contentRange);
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        ClientResponse r = c.get(s.url("/file"), {{"Range", range.toStdString()}});
        QCOMPARE(r.status, status);
        auto cr = r.header("Content-Range");
        QCOMPARE(cr ? QString::fromStdString(std::string(*cr)) : QString(), contentRange);
        if (status != 416)
            QVERIFY(r.body == generated(200'000, 7, static_cast<std::uint64_t>(from),
                                        static_cast<std::uint64_t>(length)));
        // A range on a small static resource works the same way.
        ClientResponse small = c.get(s.url("/hello"), {{"Range", "bytes=7-11"}});
        QCOMPARE(small.status, 206);
        QCOMPARE(small.body, std::string("world"));
    }

    void noRangeSupportWhenTheHandlerSaysSo() {
        Router r;
        r.add("/plain", [](const Request&) {
            Response x = Response::text(200, "0123456789");
            x.accept_ranges = false;
            return x;
        });
        HttpServer s(std::move(r));
        Session session;
        HttpClient c(session);
        ClientResponse x = c.get(s.url("/plain"), {{"Range", "bytes=0-1"}});
        QCOMPARE(x.status, 200);
        QCOMPARE(x.body, std::string("0123456789"));
        QVERIFY(!x.header("Accept-Ranges"));
    }

    void latencyIsAddedToEveryResponse() {
        ServerOptions o;
        o.latency = std::chrono::milliseconds(80);
        HttpServer s(demo_router(), o);
        Session session;
        HttpClient c(session);
        for (int i = 0; i < 2; ++i) {
            const auto t = Clock::now();
            QCOMPARE(c.get(s.url("/hello")).status, 200);
            QVERIFY(ms_since(t) >= 79); // a lower bound only
        }
    }

    void bandwidthLimitsEachConnection() {
        ServerOptions o;
        o.bandwidth = 1'000'000; // 1 MB/s: 200 KB take at least 200 ms
        HttpServer s(demo_router(), o);
        Session session;
        HttpClient c(session);
        const auto t = Clock::now();
        ClientResponse r = c.get(s.url("/file"));
        QCOMPARE(r.body.size(), std::size_t(200'000));
        QVERIFY2(ms_since(t) >= 195, std::to_string(ms_since(t)).c_str());
    }

    void malformedRequestsGet400AndTheServerKeepsServing_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("status");
        QTest::newRow("garbage") << "GARBAGE\r\n\r\n"
                                 << "HTTP/1.1 400";
        QTest::newRow("bad version") << "GET / HTTP/x.y\r\n\r\n"
                                     << "HTTP/1.1 400";
        QTest::newRow("header without colon") << "GET / HTTP/1.1\r\nNoColon\r\n\r\n"
                                              << "HTTP/1.1 400";
        QTest::newRow("bad chunk size")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
            << "HTTP/1.1 400";
        QTest::newRow("bad content length") << "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"
                                            << "HTTP/1.1 400";
        QTest::newRow("http/2.0") << "GET / HTTP/2.0\r\n\r\n"
                                  << "HTTP/1.1 505";
        QTest::newRow("header too large")
            << "GET / HTTP/1.1\r\nX-Big: " + QString(20'000, 'a') + "\r\n\r\n"
            << "HTTP/1.1 431";
        QTest::newRow("url too long") << "GET /" + QString(20'000, 'a') + " HTTP/1.1\r\n\r\n"
                                      << "HTTP/1.1 431";
        QTest::newRow("body too large") << "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"
                                        << "HTTP/1.1 413";
        QTest::newRow("chunked body too large")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" +
                   QString(4096, 'b') + "\r\n"
            << "HTTP/1.1 413";
    }
    void malformedRequestsGet400AndTheServerKeepsServing() {
        QFETCH(QString, request);
        QFETCH(QString, status);
        ServerOptions o;
        o.limits.max_body_bytes = 1000;
        HttpServer s(demo_router(), o);
        const std::string got = exchange(s.port(), request.toStdString());
        QVERIFY2(got.rfind(status.toStdString(), 0) == 0, got.substr(0, 80).c_str());
        QVERIFY(got.find("Connection: close") != std::string::npos);
        QCOMPARE(s.stats().bad_requests, std::uint64_t(1));
        Session session;
        HttpClient c(session);
        QCOMPARE(c.get(s.url("/hello")).status, 200);
        QVERIFY(eventually([&] { return s.stats().open_connections == 1; }));
    }

    void aPeerThatLeavesMidRequestIsCleanedUp() {
        HttpServer s(demo_router());
        for (const char* part : {"GET /hel", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: b",
                                 "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc"}) {
            int fd = connect_loopback(s.port());
            send_all(fd, part);
            QVERIFY(eventually([&] { return s.stats().open_connections == 1; }));
            std::this_thread::sleep_for(std::chrono::milliseconds(20)); // let it read
            ::close(fd);
            QVERIFY(eventually([&] { return s.stats().open_connections == 0; }));
        }
        QCOMPARE(s.stats().aborted, std::uint64_t(3));
        // And a peer that leaves while its response is being sent (slowly).
        int fd = connect_loopback(s.port());
        send_all(fd, "GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
        read_until(fd, "\r\n\r\n");
        ::close(fd);
        QVERIFY(eventually([&] { return s.stats().open_connections == 0; }));
        Session session;
        HttpClient c(session);
        QCOMPARE(c.get(s.url("/hello")).status, 200);
    }

    void manyConcurrentClients() {
        ServerOptions o;
        o.threads = 2;
        HttpServer s(demo_router(), o);
        Session session;
        constexpr int kClients = 16, kEach = 10;
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kClients; ++i)
            threads.emplace_back([&] {
                HttpClient c(session);
                for (int k = 0; k < kEach; ++k)
                    if (c.get(s.url("/hello")).body == "hello, world\n")
                        ++ok;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(ok.load(), kClients * kEach);
        // Counted once a response is sent, which the client may see first.
        QVERIFY(eventually([&] { return s.stats().requests == std::uint64_t(kClients * kEach); }));
        QCOMPARE(s.stats().connections, std::uint64_t(kClients));
    }

    void stopLetsInFlightRequestsFinish() {
        ServerOptions o;
        o.latency = std::chrono::milliseconds(300);
        HttpServer s(demo_router(), o);
        Session session;
        std::atomic<int> answered{0}, failed{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&] {
                HttpClient c(session);
                try {
                    if (c.get(s.url("/hello")).status == 200)
                        ++answered;
                } catch (const ConnectionError&) {
                    ++failed; // its request had not arrived yet: closed, as promised
                }
            });
        QVERIFY(eventually([&] { return s.stats().connections == 4; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // requests arrive
        const auto t = Clock::now();
        s.stop();
        QVERIFY(ms_since(t) < 5000); // a hang guard
        for (auto& t2 : threads)
            t2.join();
        QCOMPARE(answered + failed, 4);
        QVERIFY(answered >= 1);
        QCOMPARE(s.stats().open_connections, std::uint64_t(0));
        s.stop(); // idempotent
    }

    void stopClosesWhatOutlivesTheGrace() {
        ServerOptions o;
        o.latency = std::chrono::seconds(20);
        o.stop_grace = std::chrono::milliseconds(50);
        HttpServer s(demo_router(), o);
        Session session;
        std::atomic<bool> failed{false};
        std::thread t([&] {
            HttpClient c(session);
            try {
                c.get(s.url("/hello"));
            } catch (const ConnectionError&) {
                failed = true;
            }
        });
        QVERIFY(eventually([&] { return s.stats().connections == 1; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto start = Clock::now();
        s.stop();
        QVERIFY(ms_since(start) < 5000);
        t.join();
        QVERIFY(failed);
    }

    void idleConnectionsTimeOut() {
        ServerOptions o;
        o.idle_timeout = std::chrono::milliseconds(100);
        HttpServer s(demo_router(), o);
        int fd = connect_loopback(s.port());
        QVERIFY(eventually([&] { return s.stats().connections == 1; }));
        QVERIFY(eventually([&] { return s.stats().open_connections == 0; }));
        QCOMPARE(read_to_close(fd), std::string());
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
