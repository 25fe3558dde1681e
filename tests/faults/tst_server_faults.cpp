// A client that vanishes, against the web server's three models and the
// loopback HttpServer: it sends half a request and closes, or resets (RST,
// SO_LINGER 0), or asks and resets before reading the reply, or connects
// and leaves without a byte. The server notices (no connection stays open
// until the idle timeout), keeps serving the next client, and after stop
// leaves no descriptor or thread behind. Time limits are hang guards only.
#include "faults_util.h"

#include "net/router.h"
#include "net/server.h"
#include "webserver/handler.h"
#include "webserver/server.h"

#include "net/raw_peer.h"

#include <QtTest>

#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace il;
using namespace std::chrono_literals;
using faults::contains;
using faults::Resources;

namespace {

const std::string kHalf = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Cut: ";

// Closes with an RST instead of a FIN: the peer's next read or write fails.
void reset(int fd) {
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
}

// The ways a client vanishes; `slow` is a target whose reply is still being
// made (or sent) when the client resets.
void vanish(const QString& how, std::uint16_t port, const std::string& slow) {
    const int fd = net_test::connect_loopback(port);
    if (how == "half-close") {
        net_test::send_all(fd, kHalf);
        ::close(fd);
    } else if (how == "half-reset") {
        net_test::send_all(fd, kHalf);
        reset(fd);
    } else if (how == "unread-reset") {
        net_test::send_all(fd, "GET " + slow + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        reset(fd);
    } else { // silent
        ::close(fd);
    }
}

// The next client is served in full.
bool serves(std::uint16_t port) {
    const std::string reply = net_test::exchange(
        port, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return reply.rfind("HTTP/1.1 200", 0) == 0;
}

// One interface over both servers for the rows below.
struct AnyServer {
    std::unique_ptr<webserver::Server> web;
    std::unique_ptr<net::HttpServer> loopback;
    std::uint16_t port() const { return web ? web->port() : loopback->port(); }
    std::uint64_t open() const {
        return web ? web->stats().open_connections : loopback->stats().open_connections;
    }
    std::uint64_t aborted() const { return web ? web->stats().aborted : loopback->stats().aborted; }
    void stop() { web ? web->stop() : loopback->stop(); }
};

} // namespace

class TestServerFaults : public QObject {
    Q_OBJECT
private slots:
    void clientVanishes_data() {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("how");
        for (const char* server : {"thread", "pool", "async", "net"})
            for (const char* how : {"half-close", "half-reset", "unread-reset", "silent"})
                QTest::newRow((std::string(server) + "/" + how).c_str())
                    << QString(server) << QString(how);
    }
    void clientVanishes() {
        QFETCH(QString, server);
        QFETCH(QString, how);
        const Resources before = Resources::now();
        {
            Session session;
            AnyServer s;
            std::string slow;
            if (server == "net") {
                net::Router r;
                r.add_static("/hello", "hello\n", "text/plain");
                r.add_generated("/big", 32u << 20, 7); // more than the socket buffers hold
                net::ServerOptions o;
                o.idle_timeout = 600s; // noticing must not wait for it
                s.loopback = std::make_unique<net::HttpServer>(std::move(r), o);
                slow = "/big";
            } else {
                webserver::ServerOptions o;
                o.idle_timeout = 600s;
                s.web =
                    webserver::start_server(session, *webserver::parse_model(server.toStdString()),
                                            webserver::make_router(), o);
                slow = "/sleep?ms=100";
            }
            QVERIFY(serves(s.port()));
            for (int i = 0; i < 3; ++i) // more than once: nothing piles up
                vanish(how, s.port(), slow);
            // Still serving, while (or after) it cleans up after the vanished ones.
            QVERIFY(serves(s.port()));
            QVERIFY2(faults::eventually([&] { return s.open() == 0; }),
                     "a vanished client's connection stays open");
            if (how.startsWith("half"))
                QVERIFY(faults::eventually([&] { return s.aborted() >= 3; }));
            QVERIFY(serves(s.port()));
            s.stop();
        }
        FAULTS_EXPECT_SETTLED(before);
    }
};

QTEST_GUILESS_MAIN(TestServerFaults)
#include "tst_server_faults.moc"
