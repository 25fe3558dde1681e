// The HTTP clients: bodies (Content-Length, chunked, read-until-close),
// keep-alive reuse, sinks, timeouts, refused connections, bad URLs,
// malformed replies, cancellation by session stop, and the Io waits they
// record on the calling lane.
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "coro/gather.h"
#include "coro/loop.h"
#include "coro/sleep.h"
#include "net/async_http_client.h"
#include "net/errors.h"
#include "net/http_client.h"
#include "net/server.h"
#include "trace/registry.h"

#include "raw_peer.h"
#endif

#include <QtTest>

#include <thread>

using namespace il;
using namespace il::net;
using namespace net_test;
using il::trace::Kind;
using il::trace::Record;
using il::trace::WaitReason;
using il::trace::WaitResult;

namespace {

Router demo_router() {
    Router r;
    r.add_static("/hello", "hello, world\n", "text/plain");
    r.add_generated("/file", 100'000, 3);
    r.add("/chunked", [](const Request&) {
        Response x = Response::text(200, std::string(70'000, 'k'));
        x.chunked = true;
        return x;
    });
    return r;
}

// A reply to every request, then the connection is closed.
RawServer scripted(std::string reply) {
    return RawServer([reply](int fd, int) {
        send_all(fd, reply);
        return false;
    });
}

// The Io waits a lane recorded: (object, kind, result) in order.
struct Wait {
    trace::ObjectId object;
    Kind kind;
    std::uint16_t c;
};
std::vector<Wait> io_waits(Session& s, trace::LaneId lane) {
    std::vector<Wait> out;
    for (const Record& r : s.recorder().snapshot().records)
        if (r.lane == lane && (r.kind == Kind::WaitBegin || r.kind == Kind::WaitEnd))
            out.push_back({r.object, r.kind, r.c});
    return out;
}

template <class E, class F> std::string error_of(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "(no error)";
}

// Runs `body` as the main task of a fresh loop and returns its lane.
template <class F> trace::LaneId run_loop(Session& session, F body) {
    coro::Loop loop(session);
    trace::LaneId lane = 0;
    auto main = [&]() -> coro::Task<void> {
        lane = session.recorder().current_lane();
        co_await body(loop);
    };
    loop.run(main());
    loop.close();
    return lane;
}

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT
private slots:
    void bodiesOfEveryFraming() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        ClientResponse plain = c.get(s.url("/file"));
        QCOMPARE(plain.body_bytes, std::uint64_t(100'000));
        std::string expect(100'000, '\0');
        GeneratedBody(100'000, 3).read(0, expect.data(), expect.size());
        QVERIFY(plain.body == expect);
        ClientResponse chunked = c.get(s.url("/chunked"));
        QVERIFY(chunked.chunked);
        QCOMPARE(chunked.body, std::string(70'000, 'k'));

        // No Content-Length, no chunks: the body ends with the connection.
        RawServer raw = scripted("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close");
        ClientResponse r = c.get(raw.url());
        QCOMPARE(r.body, std::string("until close"));
        QVERIFY(!r.keep_alive);
    }

    void aSinkTakesTheBody() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        std::string got;
        int pieces = 0;
        ClientResponse r = c.get(s.url("/chunked"), {}, [&](std::string_view piece) {
            got += piece;
            ++pieces;
        });
        QVERIFY(r.body.empty());
        QCOMPARE(r.body_bytes, std::uint64_t(70'000));
        QCOMPARE(got, std::string(70'000, 'k'));
        QVERIFY(pieces >= 1);
        // A sink that throws aborts the request with its own error.
        QCOMPARE(error_of<std::logic_error>([&] {
                     c.get(s.url("/file"), {},
                           [](std::string_view) { throw std::logic_error("full"); });
                 }),
                 std::string("full"));
        QCOMPARE(c.get(s.url("/hello")).status, 200); // and the client goes on
    }

    void rangeHeadersAreSent() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        ClientResponse r = c.get(s.url("/hello"), {{"Range", "bytes=0-4"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, std::string("hello"));
    }

    void keepAliveReusesOneConnection() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(c.get(s.url("/hello")).status, 200);
        QCOMPARE(c.connections_opened(), std::uint64_t(1));
        QCOMPARE(s.stats().connections, std::uint64_t(1));

        ClientOptions o;
        o.keep_alive = false;
        HttpClient once(session, o);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(once.get(s.url("/hello")).status, 200);
        QCOMPARE(once.connections_opened(), std::uint64_t(3));
    }

    void aStaleKeptAliveConnectionIsReplaced() {
        ServerOptions so;
        so.idle_timeout = std::chrono::milliseconds(50);
        HttpServer s(demo_router(), so);
        Session session;
        HttpClient c(session);
        QCOMPARE(c.get(s.url("/hello")).status, 200);
        QVERIFY(eventually([&] { return s.stats().open_connections == 0; })); // server closed it
        QCOMPARE(c.get(s.url("/hello")).status, 200);
        QCOMPARE(c.connections_opened(), std::uint64_t(2));
    }

    void recordsOneIoWaitPerRequestOnItsSocket() {
        HttpServer s(demo_router());
        Session session;
        HttpClient c(session);
        c.get(s.url("/hello"));
        const trace::ObjectId sock = c.last_socket();
        c.get(s.url("/hello"));
        QCOMPARE(c.last_socket(), sock); // the same kept-alive connection
        const trace::LaneId lane = session.recorder().current_lane();
        const auto waits = io_waits(session, lane);
        QCOMPARE(waits.size(), std::size_t(4));
        for (std::size_t i = 0; i < waits.size(); ++i) {
            QCOMPARE(waits[i].object, sock);
            QCOMPARE(waits[i].kind, i % 2 ? Kind::WaitEnd : Kind::WaitBegin);
            QCOMPARE(waits[i].c,
                     i % 2 ? std::uint16_t(WaitResult::Ok) : std::uint16_t(WaitReason::Io));
        }
        const trace::ObjectInfo info = session.registry().object(sock);
        QCOMPARE(info.kind, trace::ObjectKind::Socket);
        QVERIFY2(info.name.find("127.0.0.1:" + std::to_string(s.port())) != std::string::npos,
                 info.name.c_str());
    }

    void timeoutsEndTheWait() {
        // A server that reads the request and never answers.
        RawServer silent([](int, int) { return true; });
        Session session;
        ClientOptions o;
        o.timeout = std::chrono::milliseconds(100);
        HttpClient c(session, o);
        const std::string e = error_of<il::TimeoutError>([&] { c.get(silent.url("/x")); });
        QVERIFY2(e.find("GET " + silent.url("/x")) != std::string::npos, e.c_str());
        const auto waits = io_waits(session, session.recorder().current_lane());
        QCOMPARE(waits.size(), std::size_t(2));
        QCOMPARE(waits[1].c, std::uint16_t(WaitResult::Timeout));
    }

    void refusedConnectionsSaySo() {
        Session session;
        HttpClient c(session);
        const std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/";
        const std::string e = error_of<ConnectionRefusedError>([&] { c.get(url); });
        QVERIFY2(e.find("refused") != std::string::npos, e.c_str());
        QVERIFY2(e.find("127.0.0.1") != std::string::npos, e.c_str());
        // Refused is a ConnectionError too (Python: ConnectionRefusedError(ConnectionError)).
        QVERIFY(error_of<ConnectionError>([&] { c.get(url); }) != "(no error)");
    }

    void badUrlsNameWhatIsAllowed_data() {
        QTest::addColumn<QString>("url");
        QTest::newRow("empty") << "";
        QTest::newRow("https") << "https://127.0.0.1/";
        QTest::newRow("ftp") << "ftp://127.0.0.1/";
        QTest::newRow("relative") << "/pages/p1.html";
        QTest::newRow("words") << "not a url";
        QTest::newRow("no host") << "http:///x";
        QTest::newRow("user info") << "http://user:pw@127.0.0.1/";
    }
    void badUrlsNameWhatIsAllowed() {
        QFETCH(QString, url);
        Session session;
        HttpClient c(session);
        const std::string e = error_of<UrlError>([&] { c.get(url.toStdString()); });
        QVERIFY2(e.find("http://") != std::string::npos, e.c_str());
        QVERIFY2(e.find("'" + url.toStdString() + "'") != std::string::npos, e.c_str());
        QVERIFY(session.recorder().snapshot().records.empty()); // nothing was waited for
    }

    void badMethodsAndHeadersAreRefused() {
        Session session;
        HttpClient c(session);
        QVERIFY(error_of<il::ValueError>([&] { c.request("get me", "http://127.0.0.1:1/"); }) !=
                "(no error)");
        QVERIFY(error_of<il::ValueError>([&] {
                    c.get("http://127.0.0.1:1/", {{"X-Evil", "a\r\nInjected: 1"}});
                }) != "(no error)");
    }

    void malformedOrCutRepliesAreErrors() {
        Session session;
        HttpClient c(session);
        RawServer garbage = scripted("SSH-2.0-OpenSSH\r\n\r\n");
        QVERIFY(error_of<ProtocolError>([&] { c.get(garbage.url()); }).find("malformed") !=
                std::string::npos);
        RawServer cut = scripted("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
        QVERIFY(error_of<ConnectionError>([&] { c.get(cut.url()); }).find("before the whole") !=
                std::string::npos);
        RawServer closes = scripted("");
        QVERIFY(error_of<ConnectionError>([&] { c.get(closes.url()); }) != "(no error)");
        ClientOptions o;
        o.max_body = 10;
        HttpClient small(session, o);
        RawServer big =
            scripted("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
        QVERIFY(error_of<ProtocolError>([&] { small.get(big.url()); }).find("larger") !=
                std::string::npos);
    }

    void sessionStopCancelsABlockedRequest() {
        RawServer silent([](int, int) { return true; });
        Session session;
        std::atomic<bool> cancelled{false};
        std::atomic<trace::LaneId> lane{0};
        std::thread t([&] {
            ClientOptions o;
            o.timeout = std::chrono::seconds(60);
            HttpClient c(session, o);
            lane = session.recorder().current_lane();
            try {
                c.get(silent.url("/slow"));
            } catch (const Cancelled&) {
                cancelled = true;
            }
        });
        QVERIFY(eventually([&] { return silent.connections() == 1; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        session.request_stop();
        t.join(); // a hang here is the failure
        QVERIFY(cancelled);
        const auto waits = io_waits(session, lane);
        QCOMPARE(waits.size(), std::size_t(2));
        QCOMPARE(waits[1].c, std::uint16_t(WaitResult::Cancelled));
        // After the stop, nothing more is waited for.
        HttpClient later(session);
        QVERIFY(error_of<Cancelled>([&] { later.get(silent.url()); }) != "(no error)");
    }

    // -- the async client --

    void asyncBodiesAndReuse() {
        HttpServer s(demo_router());
        Session session;
        std::string file, chunked;
        std::size_t head_body = 1;
        std::uint64_t opened = 0;
        std::string sunk;
        int range_status = 0;
        run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
            AsyncHttpClient c(loop);
            file = (co_await c.get(s.url("/file"))).body;
            chunked = (co_await c.get(s.url("/chunked"))).body;
            ClientResponse h = co_await c.head(s.url("/file"));
            head_body = h.body.size();
            Headers range; // (named: g++ 12 cannot keep a braced list in a coroutine frame)
            range.emplace_back("Range", "bytes=7-11");
            ClientResponse r =
                co_await c.get(s.url("/hello"), range, [&](std::string_view p) { sunk += p; });
            range_status = r.status;
            opened = c.connections_opened();
        });
        QCOMPARE(range_status, 206);
        QCOMPARE(sunk, std::string("world"));
        std::string expect(100'000, '\0');
        GeneratedBody(100'000, 3).read(0, expect.data(), expect.size());
        QVERIFY(file == expect);
        QCOMPARE(chunked, std::string(70'000, 'k'));
        QCOMPARE(head_body, std::size_t(0));
        QCOMPARE(opened, std::uint64_t(1)); // one kept-alive connection for all four
    }

    void asyncConcurrentFetchesEachGetAConnection() {
        ServerOptions so;
        so.latency = std::chrono::milliseconds(30);
        HttpServer s(demo_router(), so);
        Session session;
        std::vector<ClientResponse> got;
        std::uint64_t opened = 0;
        run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
            AsyncHttpClient c(loop);
            for (int round = 0; round < 2; ++round) {
                std::vector<coro::Task<ClientResponse>> fetches;
                for (int i = 0; i < 5; ++i)
                    fetches.push_back(c.get(s.url("/hello")));
                got = co_await coro::gather(std::move(fetches));
            }
            opened = c.connections_opened();
        });
        QCOMPARE(got.size(), std::size_t(5));
        for (const ClientResponse& r : got)
            QCOMPARE(r.body, std::string("hello, world\n"));
        QCOMPARE(opened, std::uint64_t(5)); // the second round reused the first round's five
    }

    void asyncRecordsIoWaitsOnTheTaskLane() {
        HttpServer s(demo_router());
        Session session;
        const trace::LaneId lane = run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
            AsyncHttpClient c(loop);
            co_await c.get(s.url("/hello"));
        });
        QCOMPARE(session.registry().lane(lane).kind, trace::LaneKind::Coroutine);
        const auto waits = io_waits(session, lane);
        int spans = 0;
        for (std::size_t i = 0; i < waits.size(); ++i) {
            if (session.registry().object(waits[i].object).kind != trace::ObjectKind::Socket)
                continue;
            if (waits[i].kind == Kind::WaitBegin) {
                QCOMPARE(waits[i].c, std::uint16_t(WaitReason::Io));
                QVERIFY(i + 1 < waits.size());
                QCOMPARE(waits[i + 1].kind, Kind::WaitEnd);
                QCOMPARE(waits[i + 1].object, waits[i].object);
                ++spans;
            }
        }
        QVERIFY(spans >= 3); // connect, send, at least one read
    }

    void asyncErrors() {
        RawServer silent([](int, int) { return true; });
        RawServer garbage = scripted("SSH-2.0-OpenSSH\r\n\r\n");
        const std::string refused = "http://127.0.0.1:" + std::to_string(free_port()) + "/";
        Session session;
        std::vector<std::string> errors;
        run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
            ClientOptions o;
            o.timeout = std::chrono::milliseconds(100);
            AsyncHttpClient c(loop, o);
            try {
                co_await c.get(silent.url("/x"));
            } catch (const il::TimeoutError& e) {
                errors.push_back(std::string("timeout: ") + e.what());
            }
            try {
                co_await c.get(refused);
            } catch (const ConnectionRefusedError& e) {
                errors.push_back(std::string("refused: ") + e.what());
            }
            try {
                co_await c.get("https://127.0.0.1/");
            } catch (const UrlError& e) {
                errors.push_back(std::string("url: ") + e.what());
            }
            try {
                co_await c.get(garbage.url());
            } catch (const ProtocolError& e) {
                errors.push_back(std::string("protocol: ") + e.what());
            }
        });
        QCOMPARE(errors.size(), std::size_t(4));
        QVERIFY2(errors[0].find("GET " + silent.url("/x")) != std::string::npos, errors[0].c_str());
        QVERIFY2(errors[1].find("refused") != std::string::npos, errors[1].c_str());
        QVERIFY2(errors[2].find("http://") != std::string::npos, errors[2].c_str());
        QVERIFY2(errors[3].find("malformed") != std::string::npos, errors[3].c_str());
        // The timed-out read ended its span as a timeout.
        bool timeout_span = false;
        for (const Record& r : session.recorder().snapshot().records)
            timeout_span = timeout_span ||
                           (r.kind == Kind::WaitEnd && r.c == std::uint16_t(WaitResult::Timeout) &&
                            session.registry().object(r.object).kind == trace::ObjectKind::Socket);
        QVERIFY(timeout_span);
    }

    void asyncCancellationReachesTheSocket() {
        RawServer silent([](int, int) { return true; });
        Session session;
        bool cancelled = false;
        trace::LaneId fetch_lane = 0;
        run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
            AsyncHttpClient c(loop);
            auto fetch = loop.create_task(c.get(silent.url("/slow")), "fetch");
            fetch_lane = fetch.lane();
            while (silent.connections() == 0)
                co_await coro::sleep(std::chrono::milliseconds(1));
            co_await coro::sleep(std::chrono::milliseconds(10));
            fetch.cancel();
            try {
                co_await fetch;
            } catch (const il::CancelledError&) {
                cancelled = true;
            }
        });
        QVERIFY(cancelled);
        const auto waits = io_waits(session, fetch_lane);
        QVERIFY(!waits.empty());
        QCOMPARE(waits.back().kind, Kind::WaitEnd);
        QCOMPARE(waits.back().c, std::uint16_t(WaitResult::Cancelled));
        QCOMPARE(session.registry().object(waits.back().object).kind, trace::ObjectKind::Socket);
    }

    void asyncSessionStopEndsTheLoop() {
        RawServer silent([](int, int) { return true; });
        Session session;
        std::thread stopper([&] {
            eventually([&] { return silent.connections() == 1; });
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            session.request_stop();
        });
        bool stopped = false;
        try {
            run_loop(session, [&](coro::Loop& loop) -> coro::Task<void> {
                ClientOptions o;
                o.timeout = std::chrono::seconds(60);
                AsyncHttpClient c(loop, o);
                co_await c.get(silent.url("/slow"));
            });
        } catch (const Cancelled&) {
            stopped = true;
        }
        stopper.join(); // a hang here is the failure
        QVERIFY(stopped);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
