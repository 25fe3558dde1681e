// Every server Interleave starts listens on 127.0.0.1 only: net::HttpServer
// (the I/O scenarios' remote side), the web-server project's three models,
// and `interleave serve`. Checked from the kernel's side: the listening
// socket's address in /proc/net/tcp (and none in /proc/net/tcp6), and a
// connection to this machine's other address is refused.
#include "cli/cli_runner.h"

#include "net/router.h"
#include "net/server.h"
#include "run/session.h"
#include "webserver/handler.h"
#include "webserver/server.h"

#include <QFile>
#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace il;

namespace {

// Local addresses (hex, as the kernel prints them) of the sockets listening
// on `port`, from /proc/net/tcp or tcp6.
QStringList listeners(const char* table, std::uint16_t port) {
    QFile f(table);
    QStringList out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    f.readLine(); // header
    const QString want = QString("%1").arg(port, 4, 16, QChar('0')).toUpper();
    while (!f.atEnd()) {
        const QStringList cols = QString(f.readLine()).simplified().split(' ');
        if (cols.size() < 4 || cols[3] != "0A") // 0A: LISTEN
            continue;
        const QString local = cols[1];
        if (local.section(':', 1).toUpper() == want)
            out << local.section(':', 0, 0);
    }
    return out;
}

// This machine's first IPv4 address that is not loopback, if any.
std::optional<in_addr> outside_address() {
    ifaddrs* all = nullptr;
    if (::getifaddrs(&all) != 0)
        return std::nullopt;
    std::optional<in_addr> found;
    for (ifaddrs* i = all; i && !found; i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
            const in_addr a = reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr;
            if ((ntohl(a.s_addr) >> 24) != 127)
                found = a;
        }
    ::freeifaddrs(all);
    return found;
}

int connect_errno(in_addr addr, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr = addr;
    const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    const int e = rc == 0 ? 0 : errno;
    ::close(fd);
    return e;
}

// The checks for one listening port; the caller still holds the server.
// Sets `outside_tried` when the machine has another address to try.
void expect_loopback_only(std::uint16_t port, bool& outside_tried) {
    QVERIFY(port != 0);
    QCOMPARE(listeners("/proc/net/tcp", port), QStringList{"0100007F"}); // 127.0.0.1
    QCOMPARE(listeners("/proc/net/tcp6", port), QStringList{});
    in_addr lo{};
    lo.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(connect_errno(lo, port), 0); // the check below would pass for a dead server too
    if (const auto outside = outside_address()) {
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &*outside, text, sizeof text);
        outside_tried = true;
        QVERIFY2(connect_errno(*outside, port) == ECONNREFUSED, text);
    }
}

constexpr const char* kNoOutside =
    "this machine has no address but loopback: the outside connection was not tried";

} // namespace

class TestLoopbackOnly : public QObject {
    Q_OBJECT
private slots:
    void httpServer() {
        net::HttpServer server(net::Router{});
        QVERIFY(server.origin().rfind("http://127.0.0.1:", 0) == 0);
        bool tried = false;
        expect_loopback_only(server.port(), tried);
        if (!tried && !QTest::currentTestFailed())
            QSKIP(kNoOutside);
    }

    void webServerModels_data() {
        QTest::addColumn<int>("model");
        QTest::newRow("thread") << int(webserver::Model::Thread);
        QTest::newRow("pool") << int(webserver::Model::Pool);
        QTest::newRow("async") << int(webserver::Model::Async);
    }
    void webServerModels() {
        QFETCH(int, model);
        Session session;
        auto server =
            webserver::start_server(session, webserver::Model(model), webserver::make_router());
        QCOMPARE(server->listen_address(), std::string("127.0.0.1"));
        bool tried = false;
        expect_loopback_only(server->port(), tried);
        server->stop();
        if (!tried && !QTest::currentTestFailed())
            QSKIP(kNoOutside);
    }

    void serveCommand_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("thread") << "thread";
        QTest::newRow("pool") << "pool";
        QTest::newRow("async") << "async";
    }
    void serveCommand() {
        QFETCH(QString, model);
        QProcess p;
        p.start(INTERLEAVE_CLI_PATH, {"serve", "--port", "0", "--model", model});
        const QString key = "serving on http://127.0.0.1:";
        QString out;
        while (!out.contains(key) || !out.mid(out.indexOf(key)).contains('/')) {
            QVERIFY2(p.waitForReadyRead(30000), qPrintable(p.readAllStandardError()));
            out += QString::fromUtf8(p.readAllStandardOutput());
        }
        const QString rest = out.mid(out.indexOf(key) + key.size());
        const auto port = static_cast<std::uint16_t>(rest.section('/', 0, 0).toUInt());
        bool tried = false;
        expect_loopback_only(port, tried);
        p.terminate(); // SIGTERM: serve stops as on Ctrl-C
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        if (!tried && !QTest::currentTestFailed())
            QSKIP(kNoOutside);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackOnly)
#include "tst_loopback_only.moc"
