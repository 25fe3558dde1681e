// The web server's three models, each row of every test: routes, keep-alive
// reuse, pipelining, refused requests (400, 431, 413) while others are
// served, clients that vanish mid-request and mid-response, many clients and
// slow clients. No timing assertions: waits use a hang guard only.
#include "net/errors.h"
#include "net/http_client.h"
#include "net/raw_peer.h"
#include "server_test_support.h"
#include "trace/registry.h"
#include "webserver/handler.h"
#include "webserver/load_generator.h"
#include "webserver/probe.h"
#include "webserver/server.h"

#include <QtTest>

#include <mutex>
#include <thread>

using namespace il;
using namespace il::webserver;
using namespace net_test;
using namespace webserver_test;

class TestServerModels : public QObject {
    Q_OBJECT
private slots:
    void answersEveryRouteOverOneConnection_data() { add_model_rows(); }
    void answersEveryRouteOverOneConnection() {
        QFETCH(Model, model);
        Session session;
        auto server = start(session, model);
        QCOMPARE(server->model(), model);
        net::HttpClient c(session);
        for (const char* t : {"/", "/hello", "/sleep?ms=3", "/work?ms=2", "/file/100000"}) {
            const net::ClientResponse r = c.get(server->url(t));
            QCOMPARE(r.status, 200);
            QVERIFY2(r.body == *expected_body(t), t);
        }
        const net::ClientResponse head = c.head(server->url("/file/10"));
        QCOMPARE(head.status, 200);
        QCOMPARE(std::string(*head.header("Content-Length")), std::string("10"));
        const net::ClientResponse part =
            c.get(server->url("/file/1000"), {{"Range", "bytes=10-19"}});
        QCOMPARE(part.status, 206);
        QVERIFY(part.body == expected_body("/file/1000")->substr(10, 10));
        QCOMPARE(c.get(server->url("/nothing")).status, 404);
        QCOMPARE(c.get(server->url("/sleep?ms=lots")).status, 400);
        QCOMPARE(c.request("POST", server->url("/hello")).status, 405);
        // Keep-alive: everything went over one connection.
        QCOMPARE(c.connections_opened(), std::uint64_t(1));
        QVERIFY(eventually([&] { return server->stats().requests == 10; }));
        QCOMPARE(server->stats().connections, std::uint64_t(1));
    }

    void pipelinedRequestsAreAnsweredInOrder_data() { add_model_rows(); }
    void pipelinedRequestsAreAnsweredInOrder() {
        QFETCH(Model, model);
        Session session;
        auto server = start(session, model);
        int fd = connect_loopback(server->port());
        const std::string get = "GET /sleep?ms=2 HTTP/1.1\r\nHost: x\r\n\r\n";
        const std::string hello = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
        send_all(fd, get + hello + hello);
        const std::string got = read_until(fd, "hello, world\n", 2);
        ::close(fd);
        QCOMPARE(count(got, "HTTP/1.1 200 OK"), 3);
        const auto slept = got.find("slept 2 ms\n");
        QVERIFY(slept != std::string::npos);
        QVERIFY(slept < got.find("hello, world\n")); // the slow first one still comes first
        QCOMPARE(server->stats().connections, std::uint64_t(1));
    }

    void chunkedAndCutRepliesOfAnyRouter_data() { add_model_rows(); }
    void chunkedAndCutRepliesOfAnyRouter() {
        QFETCH(Model, model);
        // Bodies larger than one write, chunked and cut short on purpose.
        net::Router r;
        r.add("/chunked", [](const net::Request&) {
            net::Response x = net::Response::text(200, std::string(150'000, 'c'));
            x.chunked = true;
            return x;
        });
        r.add("/empty-chunked", [](const net::Request&) {
            net::Response x = net::Response::text(200, "");
            x.chunked = true;
            return x;
        });
        r.add("/cut", [](const net::Request&) {
            net::Response x = net::Response::text(200, std::string(100'000, 'x'));
            x.drop_after = 70'000;
            return x;
        });
        Session session;
        auto server = start_server(session, model, std::move(r));
        net::HttpClient c(session);
        const net::ClientResponse k = c.get(server->url("/chunked"));
        QVERIFY(k.chunked);
        QCOMPARE(k.body, std::string(150'000, 'c'));
        const net::ClientResponse e = c.get(server->url("/empty-chunked"));
        QVERIFY(e.chunked);
        QVERIFY(e.body.empty());
        QCOMPARE(c.head(server->url("/chunked")).status, 200);
        QCOMPARE(c.connections_opened(), std::uint64_t(1));
        QVERIFY_THROWS_EXCEPTION(net::ConnectionError, c.get(server->url("/cut")));
        QVERIFY(eventually([&] { return server->stats().aborted == 1; }));
        QCOMPARE(c.get(server->url("/chunked")).body.size(), std::size_t(150'000));
    }

    void badRequestsAreRefusedAndOthersServed_data() { add_model_rows(); }
    void badRequestsAreRefusedAndOthersServed() {
        QFETCH(Model, model);
        Session session;
        ServerOptions o;
        o.pool_workers = 2; // one for the kept-alive client, one for the probes
        auto server = start(session, model, o);
        net::HttpClient c(session);
        QCOMPARE(c.get(server->url("/hello")).status, 200); // a connection kept alive meanwhile

        const ProbeResult bad = probe(session, server->port(), malformed_request(), true);
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.closed);
        const ProbeResult head = probe(session, server->port(), oversized_head_request({}), true);
        QCOMPARE(head.status, 431);
        QVERIFY(head.closed);
        const ProbeResult body = probe(session, server->port(), oversized_body_request({}), true);
        QCOMPARE(body.status, 413);
        QVERIFY(body.closed);
        // A good request, then garbage, on one connection: 200, 400, close.
        const std::string both = exchange(server->port(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                                                          "NOT HTTP AT ALL\r\n\r\n");
        QCOMPARE(count(both, "HTTP/1.1 200 OK"), 1);
        QCOMPARE(count(both, "HTTP/1.1 400 Bad Request"), 1);

        QCOMPARE(c.get(server->url("/hello")).status, 200);
        QCOMPARE(c.connections_opened(), std::uint64_t(1)); // the kept-alive one, still there
        QVERIFY(eventually([&] { return server->stats().bad_requests == 4; }));
    }

    void clientsThatVanishAreCleanedUp_data() { add_model_rows(); }
    void clientsThatVanishAreCleanedUp() {
        QFETCH(Model, model);
        Session session;
        auto server = start(session, model);
        // Mid-request: half a head, then gone.
        int fd = connect_loopback(server->port());
        send_all(fd, "GET /hello HTTP/1.1\r\nHo");
        QVERIFY(eventually([&] { return server->stats().connections == 1; }));
        ::close(fd);
        QVERIFY(eventually([&] { return server->stats().aborted == 1; }));
        // Mid-response: a 64 MiB body, a few bytes read, then gone.
        fd = connect_loopback(server->port());
        send_all(fd, "GET /file/67108864 HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(!read_until(fd, "200 OK").empty());
        ::close(fd);
        QVERIFY(eventually([&] { return server->stats().aborted == 2; }));
        QVERIFY(eventually([&] { return server->stats().open_connections == 0; }));
        QCOMPARE(server->stats().in_flight, std::uint64_t(0));
        net::HttpClient c(session);
        QCOMPARE(c.get(server->url("/hello")).status, 200);
    }

    void manyConcurrentClientsAreAllAnswered_data() { add_model_rows(); }
    void manyConcurrentClientsAreAllAnswered() {
        QFETCH(Model, model);
        Session session;
        ServerOptions o;
        o.queue_size = 32; // the pool holds every waiting client
        auto server = start(session, model, o);
        LoadOptions lo;
        lo.origin = server->origin();
        lo.clients = 32;
        lo.requests = 320;
        lo.targets = {"/hello", "/sleep?ms=1", "/file/3000"};
        const LoadResult r = run_load(session, lo);
        QVERIFY2(r.error_samples.empty(),
                 r.error_samples.empty() ? "" : r.error_samples[0].c_str());
        QCOMPARE(r.requests, std::int64_t(320));
        QCOMPARE(r.errors, std::int64_t(0));
        QCOMPARE(r.latency.count, std::size_t(320));
        QCOMPARE(r.connections, std::uint64_t(32)); // each client kept its connection
        QVERIFY(eventually([&] { return server->stats().requests == 320; }));
    }

    void slowClientsDoNotBreakCorrectness_data() { add_model_rows(); }
    void slowClientsDoNotBreakCorrectness() {
        QFETCH(Model, model);
        Session session;
        ServerOptions o;
        o.pool_workers = 2;
        auto server = start(session, model, o);
        LoadOptions lo;
        lo.origin = server->origin();
        lo.clients = 4;
        lo.requests = 40;
        lo.slow_clients = 3;
        lo.slow_requests = 2;
        lo.slow_byte_delay = std::chrono::milliseconds(1);
        const LoadResult r = run_load(session, lo);
        QVERIFY2(r.error_samples.empty(),
                 r.error_samples.empty() ? "" : r.error_samples[0].c_str());
        QCOMPARE(r.requests, std::int64_t(40));
        QCOMPARE(r.slow_requests, std::int64_t(6));
        QCOMPARE(r.slow_errors, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestServerModels)
#include "tst_server_models.moc"
