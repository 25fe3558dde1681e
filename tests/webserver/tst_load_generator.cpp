// The load generator: percentiles on hand-made latencies, requests shared
// out among clients, wrong replies and failures counted (not thrown), bad
// options refused with a message naming the option.
#include "net/raw_peer.h"
#include "net/server.h"
#include "run/errors.h"
#include "trace/registry.h"
#include "webserver/handler.h"
#include "webserver/latency.h"
#include "webserver/load_generator.h"
#include "webserver/server.h"

#include <QtTest>

#include <numeric>

using namespace il;
using namespace il::webserver;
using net_test::eventually;

class TestLoadGenerator : public QObject {
    Q_OBJECT
private slots:
    void percentilesOfHandMadeLatencies() {
        std::vector<std::int64_t> v(100);
        std::iota(v.begin(), v.end(), 1); // 1..100, shuffled below
        std::reverse(v.begin(), v.end());
        const Percentiles p = percentiles(v);
        QCOMPARE(p.count, std::size_t(100));
        // numpy's linear interpolation: rank p/100 * (n - 1)
        QCOMPARE(p.p50, 50.5);
        QCOMPARE(p.p90, 90.1);
        QCOMPARE(p.p99, 99.01);
        QCOMPARE(p.max, std::int64_t(100));
        QCOMPARE(p.mean, 50.5);
    }

    void percentilesOfATailAndOfNothing() {
        // 98 fast requests and two slow ones: p50 and p90 do not see the
        // tail, p99 does, max is the slowest.
        std::vector<std::int64_t> v(98, 1000);
        v.push_back(50'000);
        v.push_back(90'000);
        const Percentiles p = percentiles(v);
        QCOMPARE(p.p50, 1000.0);
        QCOMPARE(p.p90, 1000.0);
        QVERIFY(p.p99 > 1000.0 && p.p99 < 90'000.0);
        QCOMPARE(p.p99, 50'000 + 0.01 * 40'000);
        QCOMPARE(p.max, std::int64_t(90'000));
        const Percentiles none = percentiles({});
        QCOMPARE(none.count, std::size_t(0));
        QCOMPARE(none.p99, 0.0);
        QCOMPARE(none.max, std::int64_t(0));
        const Percentiles one = percentiles({7});
        QCOMPARE(one.p50, 7.0);
        QCOMPARE(one.p99, 7.0);
    }

    void requestsAreSharedOutAndTimed() {
        Session session;
        auto server = start_server(session, Model::Async, make_router());
        LoadOptions o;
        o.origin = server->origin();
        o.clients = 3;
        o.requests = 10; // 4 + 3 + 3
        o.targets = {"/hello", "/sleep?ms=1"};
        const LoadResult r = run_load(session, o);
        QCOMPARE(r.requests, std::int64_t(10));
        QCOMPARE(r.errors, std::int64_t(0));
        QCOMPARE(r.latency.count, std::size_t(10));
        QVERIFY(r.latency.p50 > 0 && r.latency.p50 <= r.latency.p90);
        QVERIFY(r.latency.p90 <= r.latency.p99 && r.latency.p99 <= double(r.latency.max));
        QVERIFY(r.wall_ns > 0 && r.throughput_rps > 0);
        QCOMPARE(r.connections, std::uint64_t(3));
        // (The server counts a reply once written: the client may have it first.)
        QVERIFY(eventually([&] { return server->stats().requests == 10; }));
        // Each client is a lane; all of them started on the "go" event.
        const trace::Snapshot s = session.recorder().snapshot();
        int clients = 0;
        for (const auto& lane : s.lanes)
            clients += lane.name.rfind("client ", 0) == 0;
        QCOMPARE(clients, 3);
    }

    void wrongRepliesAndFailuresAreCountedNotThrown() {
        Session session;
        // The loopback server of the net module answers /hello differently.
        net::Router other;
        other.add_static("/hello", "not the right body", "text/plain");
        net::HttpServer server(std::move(other));
        LoadOptions o;
        o.origin = server.origin();
        o.clients = 2;
        o.requests = 4;
        o.targets = {"/hello", "/missing"};
        o.slow_clients = 1;
        o.slow_requests = 1;
        o.slow_byte_delay = std::chrono::microseconds(100);
        const LoadResult r = run_load(session, o);
        QCOMPARE(r.requests, std::int64_t(0));
        QCOMPARE(r.errors, std::int64_t(4));
        QCOMPARE(r.slow_errors, std::int64_t(1));
        QVERIFY(!r.error_samples.empty());
        bool wrong_body = false, status = false;
        for (const std::string& e : r.error_samples) {
            wrong_body = wrong_body || e.find("wrong body") != std::string::npos;
            status = status || e.find("status 404") != std::string::npos;
        }
        QVERIFY(wrong_body && status);

        // Nothing listening: every request fails with the reason.
        const std::string gone = server.origin();
        server.stop();
        o.origin = gone;
        o.slow_clients = 0;
        const LoadResult refused = run_load(session, o);
        QCOMPARE(refused.errors, std::int64_t(4));
        QVERIFY(refused.error_samples.front().find("refused") != std::string::npos);
    }

    void aCustomExpectationIsUsed() {
        Session session;
        net::Router other;
        other.add_static("/x", "exactly this", "text/plain");
        net::HttpServer server(std::move(other));
        LoadOptions o;
        o.origin = server.origin();
        o.clients = 1;
        o.requests = 2;
        o.targets = {"/x"};
        o.expect = [](std::string_view) { return std::optional<std::string>("exactly this"); };
        QCOMPARE(run_load(session, o).requests, std::int64_t(2));
    }

    void badOptionsAreRefused_data() {
        QTest::addColumn<int>("clients");
        QTest::addColumn<qint64>("requests");
        QTest::addColumn<int>("slow");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("named");
        QTest::newRow("no clients") << 0 << 10LL << 0 << "/hello"
                                    << "clients";
        QTest::newRow("no requests") << 1 << 0LL << 0 << "/hello"
                                     << "requests";
        QTest::newRow("negative slow") << 1 << 1LL << -1 << "/hello"
                                       << "slow_clients";
        QTest::newRow("relative target") << 1 << 1LL << 0 << "hello"
                                         << "target";
    }
    void badOptionsAreRefused() {
        QFETCH(int, clients);
        QFETCH(qint64, requests);
        QFETCH(int, slow);
        QFETCH(QString, target);
        QFETCH(QString, named);
        Session session;
        LoadOptions o;
        o.origin = "http://127.0.0.1:1";
        o.clients = clients;
        o.requests = requests;
        o.slow_clients = slow;
        o.targets = {target.toStdString()};
        try {
            run_load(session, o);
            QFAIL("no error");
        } catch (const ValueError& e) {
            QVERIFY2(std::string(e.what()).find(named.toStdString()) != std::string::npos,
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestLoadGenerator)
#include "tst_load_generator.moc"
