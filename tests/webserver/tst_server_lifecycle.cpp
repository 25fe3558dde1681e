// The web server's life: graceful and forced stops (no hang, no thread
// left), the loopback-only listener, a clear error for a taken port, options
// out of range, the request log, and the pool's bounded queue in the trace.
// Each model is a row where it applies. No timing assertions.
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

class TestServerLifecycle : public QObject {
    Q_OBJECT
private slots:
    void stopLetsRequestsInFlightFinish_data() { add_model_rows(); }
    void stopLetsRequestsInFlightFinish() {
        QFETCH(Model, model);
        const std::size_t threads_before = os_threads();
        Session session;
        auto server = start(session, model);
        constexpr int kClients = 3;
        std::vector<int> status(kClients, 0);
        std::vector<std::thread> clients;
        for (int i = 0; i < kClients; ++i)
            clients.emplace_back([&, i] {
                net::HttpClient c(session);
                try {
                    status[static_cast<std::size_t>(i)] =
                        c.get(server->url("/sleep?ms=300")).status;
                } catch (const net::ConnectionError&) {
                    status[static_cast<std::size_t>(i)] = -1;
                } catch (const std::exception&) {
                    status[static_cast<std::size_t>(i)] = -2;
                }
            });
        QVERIFY(eventually([&] { return server->stats().in_flight == kClients; }));
        server->stop(); // graceful: 2 s of grace for 300 ms of work
        for (auto& t : clients)
            t.join();
        for (int s : status)
            QCOMPARE(s, 200);
        QCOMPARE(server->stats().open_connections, std::uint64_t(0));
        QCOMPARE(server->stats().live_threads, std::uint64_t(0));
        // Stopped means no longer listening.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, connect_loopback(server->port()));
        server.reset();
        QCOMPARE(os_threads(), threads_before);
    }

    void stopPastTheGraceClosesWhatIsLeft_data() { add_model_rows(); }
    void stopPastTheGraceClosesWhatIsLeft() {
        QFETCH(Model, model);
        const std::size_t threads_before = os_threads();
        Session session;
        ServerOptions o;
        o.stop_grace = std::chrono::milliseconds(50);
        auto server = start(session, model, o);
        // An idle kept-alive connection, which a stop closes at once...
        net::HttpClient idle(session);
        QCOMPARE(idle.get(server->url("/hello")).status, 200);
        QVERIFY(eventually([&] { return server->stats().requests == 1; })); // done with it
        // ...and a request far longer than the grace.
        int status = 0;
        std::thread client([&] {
            net::HttpClient c(session);
            try {
                status = c.get(server->url("/sleep?ms=10000")).status;
            } catch (const net::ConnectionError&) {
                status = -1; // a clean close, not a hang
            } catch (const std::exception&) {
                status = -2; // anything else (a timeout) is wrong
            }
        });
        QVERIFY(eventually([&] { return server->stats().in_flight == 1; }));
        server->stop();
        client.join();
        QCOMPARE(status, -1);
        QCOMPARE(server->stats().aborted, std::uint64_t(1));
        QCOMPARE(server->stats().open_connections, std::uint64_t(0));
        server.reset();
        QCOMPARE(os_threads(), threads_before);
    }

    void idleConnectionsAreClosed_data() { add_model_rows(); }
    void idleConnectionsAreClosed() {
        QFETCH(Model, model);
        Session session;
        ServerOptions o;
        o.idle_timeout = std::chrono::milliseconds(100);
        o.pool_workers = 1; // an idle client must not hold the only worker for ever
        auto server = start(session, model, o);
        int quiet = connect_loopback(server->port()); // says nothing
        int half = connect_loopback(server->port());  // says half a request
        send_all(half, "GET /hello HTTP/1.1\r\n");
        QVERIFY(read_to_close(quiet).empty());
        QVERIFY(read_to_close(half).empty());
        ::close(quiet);
        ::close(half);
        QVERIFY(eventually([&] { return server->stats().timed_out == 2; }));
        QCOMPARE(server->stats().aborted, std::uint64_t(0));
        // A kept-alive connection used within the limit stays open.
        net::HttpClient c(session);
        QCOMPARE(c.get(server->url("/hello")).status, 200);
        QCOMPARE(c.get(server->url("/sleep?ms=1")).status, 200);
        QCOMPARE(c.connections_opened(), std::uint64_t(1));
    }

    void listensOnLoopbackOnly_data() { add_model_rows(); }
    void listensOnLoopbackOnly() {
        QFETCH(Model, model);
        Session session;
        auto server = start(session, model);
        QCOMPARE(server->listen_address(), std::string("127.0.0.1"));
        QCOMPARE(server->origin(), "http://127.0.0.1:" + std::to_string(server->port()));
        const auto other = other_address();
        if (!other)
            return; // no other interface to try
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(server->port());
        ::inet_pton(AF_INET, other->c_str(), &a.sin_addr);
        const int r = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::close(fd);
        QVERIFY2(r != 0, ("reachable on " + *other).c_str());
    }

    void aTakenPortIsAClearError_data() { add_model_rows(); }
    void aTakenPortIsAClearError() {
        QFETCH(Model, model);
        Session session;
        auto first = start(session, Model::Thread);
        ServerOptions o;
        o.port = first->port();
        try {
            start(session, model, o);
            QFAIL("no error");
        } catch (const net::ServerError& e) {
            QCOMPARE(std::string(e.what()),
                     "port " + std::to_string(o.port) +
                         " is in use; choose another or 0 for any free port");
        }
        // Once free, the same port can be taken again.
        first.reset();
        auto again = start(session, model, o);
        QCOMPARE(again->port(), o.port);
    }

    void optionsOutOfRangeAreRefused() {
        Session session;
        ServerOptions o;
        o.pool_workers = 0;
        QVERIFY_THROWS_EXCEPTION(ValueError, start(session, Model::Pool, o));
        o.pool_workers = 2;
        o.queue_size = 0;
        QVERIFY_THROWS_EXCEPTION(ValueError, start(session, Model::Pool, o));
    }

    void everyRequestIsLogged_data() { add_model_rows(); }
    void everyRequestIsLogged() {
        QFETCH(Model, model);
        Session session;
        std::mutex m;
        std::vector<RequestLogEntry> seen;
        ServerOptions o;
        o.log = [&](const RequestLogEntry& e) {
            std::lock_guard g(m);
            seen.push_back(e);
        };
        auto server = start(session, model, o);
        net::HttpClient c(session);
        c.get(server->url("/hello"));
        c.get(server->url("/missing"));
        probe(session, server->port(), malformed_request(), false);
        server->stop();
        std::lock_guard g(m);
        QCOMPARE(seen.size(), std::size_t(3));
        // Lanes log as they finish: look entries up, not by position.
        auto find = [&](const std::string& method, int status) -> const RequestLogEntry* {
            for (const auto& e : seen)
                if (e.method == method && e.status == status)
                    return &e;
            return nullptr;
        };
        const RequestLogEntry* hello = find("GET", 200);
        QVERIFY(hello);
        QCOMPARE(hello->target, std::string("/hello"));
        QVERIFY(hello->duration_ns >= 0);
        QCOMPARE(hello->connection, std::uint64_t(1));
        QVERIFY(find("GET", 404));
        const RequestLogEntry* bad = find("-", 400);
        QVERIFY(bad);
        QCOMPARE(bad->connection, std::uint64_t(2));
    }

    void poolQueueLevelsAreRecorded() {
        Session session;
        ServerOptions o;
        o.pool_workers = 1;
        o.queue_size = 2;
        auto server = start(session, Model::Pool, o);
        // The worker waits on #1 (idle), #2 and #3 fill the queue, the
        // acceptor waits to put #4, #5 waits in the listen backlog.
        std::vector<int> fds;
        for (int i = 0; i < 5; ++i)
            fds.push_back(connect_loopback(server->port()));
        using trace::Kind;
        auto queue_id = [](const trace::Snapshot& s) {
            for (const auto& obj : s.objects)
                if (obj.kind == trace::ObjectKind::Queue && obj.name == "accepted connections")
                    return obj.id;
            return trace::ObjectId(0);
        };
        auto count_on_queue = [&](const trace::Snapshot& s, Kind k) {
            int n = 0;
            for (const auto& r : s.records)
                n += r.kind == k && r.object == queue_id(s);
            return n;
        };
        QVERIFY(eventually([&] {
            const trace::Snapshot s = session.recorder().snapshot();
            for (const auto& r : s.records)
                if (r.kind == Kind::WaitBegin &&
                    r.c == static_cast<std::uint16_t>(trace::WaitReason::QueuePut) &&
                    r.object == queue_id(s) && s.lanes[r.lane].name == "acceptor")
                    return true;
            return false;
        }));
        for (int fd : fds)
            ::close(fd);
        // Every connection taken off the queue and closed, then the stop.
        QVERIFY(eventually([&] {
            return count_on_queue(session.recorder().snapshot(), Kind::Get) == 5 &&
                   server->stats().open_connections == 0;
        }));
        server->stop();
        const trace::Snapshot s = session.recorder().snapshot();
        const trace::ObjectId q = queue_id(s);
        QVERIFY(q != 0);
        QCOMPARE(s.objects[q].capacity, std::int64_t(2));
        int puts = 0, gets = 0, full = 0;
        for (const auto& r : s.records) {
            if (r.object != q || (r.kind != Kind::Put && r.kind != Kind::Get))
                continue;
            QVERIFY(r.b >= 0 && r.b <= 2);
            (r.kind == Kind::Put ? puts : gets) += 1;
            full += r.kind == Kind::Put && r.b == 2;
        }
        QCOMPARE(puts, 6); // five connections and the worker's end marker
        QCOMPARE(gets, 6);
        QVERIFY(full >= 1);
    }
};

QTEST_GUILESS_MAIN(TestServerLifecycle)
#include "tst_server_lifecycle.moc"
