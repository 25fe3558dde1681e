// Interruptions our own server never makes, scripted on a raw socket: a
// part whose server stops sending (a timeout), one whose body ends early
// (read-until-close, no Content-Length), and one whose server answers a
// different range than asked. The first two resume from the first missing
// byte: the scripted resume replies only to that byte, so a download that
// asked from anywhere else would fail its own Content-Range check.
#include "served.h"

#include "download/sha256.h"
#include "net/raw_peer.h"

#include <QtTest>

using namespace il;
using namespace download_test;
using download::DownloadResult;

namespace {

constexpr int kSize = 1000, kFirst = 400; // the file; the bytes the interrupted reply brings

std::string content() {
    std::string s;
    for (int i = 0; i < kSize; ++i)
        s += static_cast<char>('a' + i % 26);
    return s;
}

// Waits until the client closes the connection (it gave up), at most 10 s.
void wait_for_close(int fd) {
    char c;
    net_test::eventually([&] {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, 10) > 0 && ::recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
    });
}

std::string head_206(int first, int last, bool length) {
    return "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(first) + "-" +
           std::to_string(last) + "/" + std::to_string(kSize) + "\r\n" +
           (length ? "Content-Length: " + std::to_string(last - first + 1) + "\r\n" : "") +
           "Connection: close\r\n\r\n";
}

// Connection 1: the probe's HEAD. 2: the part, interrupted as `how` says.
// 3: the rest, from kFirst only.
net_test::RawServer scripted(const std::string& how) {
    return net_test::RawServer([how](int fd, int n) {
        const std::string body = content();
        if (n == 1) {
            net_test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kSize) +
                                       "\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n");
        } else if (n == 2 && how == "stall") {
            net_test::send_all(fd, head_206(0, kSize - 1, true) + body.substr(0, kFirst));
            wait_for_close(fd);
        } else if (n == 2 && how == "short") {
            net_test::send_all(fd, head_206(0, kSize - 1, false) + body.substr(0, kFirst));
        } else if (n == 2 && how == "wrong range") {
            net_test::send_all(fd, head_206(10, kSize - 1, true) + body.substr(10));
        } else {
            net_test::send_all(fd, head_206(kFirst, kSize - 1, true) + body.substr(kFirst));
        }
        return false;
    });
}

} // namespace

class TestDownloadInterrupts : public QObject {
    Q_OBJECT
private slots:
    void resumesAfterAnInterruption_data() {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("reason");
        QTest::newRow("the server stalls") << "stall"
                                           << "no progress within";
        QTest::newRow("the body ends early") << "short"
                                             << "short body: 400 of 1000 bytes";
    }
    void resumesAfterAnInterruption() {
        QFETCH(QString, how);
        QFETCH(QString, reason);
        auto server = scripted(how.toStdString());
        QTemporaryDir dir;
        auto o = options_for(server.url("/f"), dir.path().toStdString() + "/out.bin", 1);
        o.client.timeout = std::chrono::seconds(1); // (the stall ends in a timeout)
        o.expected_sha256 = download::sha256_hex(content());
        Session session;
        const DownloadResult r = download::download(session, o);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(r.retries, 1);
        const auto& a = r.part_reports.at(0).attempts;
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[0].bytes, std::uint64_t(kFirst));
        QVERIFY2(a[0].error.find(reason.toStdString()) != std::string::npos, a[0].error.c_str());
        QCOMPARE(a[1].from, std::uint64_t(kFirst));
        QCOMPARE(server.connections(), 3);
    }

    void refusesADifferentRange() {
        auto server = scripted("wrong range");
        QTemporaryDir dir;
        Session session;
        const DownloadResult r = download::download(
            session, options_for(server.url("/f"), dir.path().toStdString() + "/out.bin", 1));
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find("asked for 'Range: bytes=0-999', the server sent bytes 10-999") !=
                     std::string::npos,
                 r.message.c_str());
        QVERIFY(files_in(dir.path().toStdString()).empty());
    }
};

QTEST_GUILESS_MAIN(TestDownloadInterrupts)
#include "tst_download_interrupts.moc"
