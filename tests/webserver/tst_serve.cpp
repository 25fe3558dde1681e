// `interleave serve`'s engine half: serve_until_stopped prints where it
// serves and its routes, logs one line per request, answers curl (skipped
// when curl is not installed) and our client, stops on request, and names
// a taken port clearly.
#include "net/http_client.h"
#include "net/raw_peer.h"
#include "net/server.h"
#include "webserver/serve.h"

#include <QtTest>

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <sstream>
#include <thread>

using namespace il;
using namespace il::webserver;
using namespace net_test;

Q_DECLARE_METATYPE(il::webserver::Model)

namespace {

// A stream the server's lanes write to while the test reads it.
class LockedLog : public std::streambuf {
public:
    std::string text() const {
        std::lock_guard g(mutex_);
        return text_;
    }

protected:
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) {
            std::lock_guard g(mutex_);
            text_.push_back(static_cast<char>(c));
        }
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        std::lock_guard g(mutex_);
        text_.append(s, static_cast<std::size_t>(n));
        return n;
    }

private:
    mutable std::mutex mutex_;
    std::string text_;
};

std::uint16_t port_in(const std::string& log) {
    const std::string key = "serving on http://127.0.0.1:";
    const auto at = log.find(key);
    return at == std::string::npos
               ? 0
               : static_cast<std::uint16_t>(std::stoi(log.substr(at + key.size())));
}

std::string run_command(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    ::pclose(p);
    return out;
}

std::optional<std::string> curl_path() {
    for (const char* p : {"/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"})
        if (std::filesystem::exists(p))
            return std::string(p);
    return std::nullopt;
}

} // namespace

class TestServe : public QObject {
    Q_OBJECT
private slots:
    void servesUntilStopped_data() {
        QTest::addColumn<Model>("model");
        for (Model m : all_models())
            QTest::newRow(std::string(model_name(m)).c_str()) << m;
    }
    void servesUntilStopped() {
        QFETCH(Model, model);
        LockedLog buf;
        std::ostream log(&buf);
        std::stop_source stop;
        int code = -1;
        std::thread serving([&] { code = serve_until_stopped(model, 0, stop.get_token(), log); });
        QVERIFY(eventually([&] { return port_in(buf.text()) != 0; }));
        const std::uint16_t port = port_in(buf.text());
        const std::string origin = "http://127.0.0.1:" + std::to_string(port);
        const std::string head = buf.text();
        QVERIFY2(head.find("serving on " + origin + "/ (model: " + std::string(model_name(model)) +
                           "); Ctrl-C stops") != std::string::npos,
                 head.c_str());
        QVERIFY(head.find("GET /work?ms=N") != std::string::npos); // the routes

        Session session;
        {
            net::HttpClient c(session);
            QCOMPARE(c.get(origin + "/hello").body, std::string("hello, world\n"));
            QCOMPARE(c.get(origin + "/nothing").status, 404);
        }
        std::uint64_t expected = 2;
        if (auto curl = curl_path()) {
            // Two URLs on one curl: it reuses the connection.
            const std::string out =
                run_command(*curl + " -s " + origin + "/hello " + origin + "/sleep?ms=1");
            QCOMPARE(out, std::string("hello, world\nslept 1 ms\n"));
            expected += 2;
        }
        QVERIFY(
            eventually([&] { return buf.text().find("GET /nothing 404 ") != std::string::npos; }));
        stop.request_stop();
        serving.join();
        QCOMPARE(code, 0);
        const std::string all = buf.text();
        QVERIFY2(all.find("GET /hello 200 ") != std::string::npos, all.c_str());
        QVERIFY(all.find(" \u00b5s\n") != std::string::npos);
        QVERIFY2(all.find("stopped: " + std::to_string(expected) + " requests") !=
                     std::string::npos,
                 all.c_str());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, connect_loopback(port));
        if (!curl_path())
            QSKIP("curl is not installed: served our own client only");
    }

    void aTakenPortIsNamed() {
        net::HttpServer other(net::Router{});
        std::ostringstream log;
        std::stop_source stop;
        try {
            serve_until_stopped(Model::Thread, other.port(), stop.get_token(), log);
            QFAIL("no error");
        } catch (const ServeError& e) {
            QCOMPARE(std::string(e.what()),
                     "port " + std::to_string(other.port()) +
                         " is in use; choose another or 0 for any free port");
        }
        QVERIFY(log.str().empty()); // nothing printed: the caller reports the error
        ServerOptions bad;
        bad.pool_workers = 0;
        QVERIFY_THROWS_EXCEPTION(ServeError,
                                 serve_until_stopped(Model::Pool, 0, stop.get_token(), log, bad));
    }

    void aStopBeforeServingReturnsAtOnce() {
        std::ostringstream log;
        std::stop_source stop;
        stop.request_stop();
        QCOMPARE(serve_until_stopped(Model::Async, 0, stop.get_token(), log), 0);
        QVERIFY(log.str().find("stopped: 0 requests") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
