// The net scenarios: the async crawler against the generated local site and
// against an ordinary web server (python3 -m http.server) serving the same
// site as files; sync-vs-async with small N. Small parameters throughout.
#include "net/site.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "trace/registry.h"

#include "net/loopback_port.h"

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::string& id, const std::vector<std::string>& assignments,
              std::stop_token stop = {}) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    RunOptions o;
    o.timeout = std::chrono::seconds(60);
    o.stop = stop;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

std::set<std::string> error_paths(const RunResult& r) {
    std::set<std::string> out;
    for (const auto& e : r.outcome.values.at("errors")) {
        std::string url = e.at("url").get<std::string>();
        out.insert(url.substr(url.find('/', std::string("http://").size())));
    }
    return out;
}

using net_test::accepts;
using net_test::free_port;

} // namespace

class TestNetScenarios : public QObject {
    Q_OBJECT
private slots:
    void crawlerFetchesEveryReachablePageOnce() {
        RunResult r = run("async-crawler", {"pages=25", "concurrency=3", "latency_ms=5"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.status, RunStatus::Finished);
        const net::Site site({25, 1});
        QCOMPARE(value(r, "pages"), std::int64_t(site.reachable().size()));
        QCOMPARE(value(r, "expected_pages"), value(r, "pages"));
        QCOMPARE(value(r, "bytes"), value(r, "expected_bytes"));
        QVERIFY(value(r, "max_in_flight") <= 3);
        QVERIFY(value(r, "external_links") > 0);
        const std::set<std::string> broken(site.broken().begin(), site.broken().end());
        QCOMPARE(error_paths(r), broken);
        for (const auto& e : r.outcome.values.at("errors"))
            QVERIFY(e.at("reason").get<std::string>().find("404") != std::string::npos);
        // Each fetch is a task lane of its own, waiting on sockets.
        int coroutine_lanes = 0;
        for (const auto& lane : r.trace.lanes)
            coroutine_lanes += lane.kind == trace::LaneKind::Coroutine;
        QVERIFY(coroutine_lanes >= value(r, "pages"));
        int io_waits = 0;
        for (const auto& rec : r.trace.records)
            if (rec.kind == trace::Kind::WaitBegin &&
                rec.c == static_cast<std::uint16_t>(trace::WaitReason::Io) &&
                r.trace.objects[rec.object].kind == trace::ObjectKind::Socket)
                ++io_waits;
        QVERIFY(io_waits >= value(r, "pages"));
    }

    void crawlerStopsAtMaxPages() {
        RunResult r = run("async-crawler", {"pages=30", "max_pages=5", "latency_ms=0"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(r.outcome.values.at("limited").get<bool>());
        QVERIFY(value(r, "pages") +
                    static_cast<std::int64_t>(r.outcome.values.at("errors").size()) <=
                5);
    }

    void crawlerWithOnePermitFetchesOneAtATime() {
        RunResult r =
            run("async-crawler", {"pages=10", "concurrency=1", "latency_ms=0", "delay=0.001"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "max_in_flight"), std::int64_t(1));
    }

    void crawlerReportsAnUnreachableStart() {
        const std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/";
        RunResult r = run("async-crawler", {"start_url=" + url});
        QVERIFY(!r.outcome.ok);
        QCOMPARE(value(r, "pages"), std::int64_t(0));
        const auto& errors = r.outcome.values.at("errors");
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors[0].at("reason").get<std::string>().find("refused") != std::string::npos);

        RunResult bad = run("async-crawler", {"start_url=https://example.com/"});
        QCOMPARE(bad.status, RunStatus::Failed);
        QVERIFY2(bad.error.find("http://") != std::string::npos, bad.error.c_str());
    }

    void crawlerCrawlsAnOrdinaryWebServer() {
        const QString python = QStandardPaths::findExecutable("python3");
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const std::uint16_t port = free_port();
        const std::string origin = "http://127.0.0.1:" + std::to_string(port);
        const std::string dir =
            QDir::tempPath().toStdString() + "/interleave-crawl-" + std::to_string(::getpid());
        std::filesystem::remove_all(dir);
        const net::Site site({20, 4});
        site.write_to(dir, origin);
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(python, {"-m", "http.server", "--bind", "127.0.0.1", QString::number(port),
                              "--directory", QString::fromStdString(dir)});
        QVERIFY(server.waitForStarted(5000));
        auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!accepts(port) && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        RunResult r = run("async-crawler", {"start_url=" + origin + "/", "concurrency=4"});
        server.kill();
        server.waitForFinished(5000);
        std::filesystem::remove_all(dir);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "pages"), std::int64_t(site.reachable().size()));
        const std::set<std::string> broken(site.broken().begin(), site.broken().end());
        QCOMPARE(error_paths(r), broken);
        QCOMPARE(static_cast<std::uint64_t>(value(r, "bytes")), site.reachable_bytes(origin));
    }

    void crawlerStopsWhenTheRunIsStopped() {
        std::stop_source stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            stop.request_stop();
        });
        const auto t = std::chrono::steady_clock::now();
        RunResult r =
            run("async-crawler", {"pages=50", "concurrency=2", "latency_ms=200"}, stop.get_token());
        stopper.join();
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(!r.outcome.ok);
        QVERIFY(std::chrono::steady_clock::now() - t < std::chrono::seconds(10)); // hang guard
    }

    void syncVsAsyncOverlapsTheWaits() {
        RunResult r = run("sync-vs-async", {"fetches=4", "latency_ms=60"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "wrong_replies"), std::int64_t(0));
        for (const char* k : {"sequential_ms", "threads_ms", "coroutines_ms"})
            QVERIFY(r.outcome.values.at(k).get<double>() > 0);
        // Sequential waits at least the four latencies one after another.
        QVERIFY(r.outcome.values.at("sequential_ms").get<double>() >= 4 * 60 - 1);
        // Four thread lanes and four coroutine lanes waited on sockets.
        std::set<trace::LaneId> waited;
        for (const auto& rec : r.trace.records)
            if (rec.kind == trace::Kind::WaitBegin &&
                rec.c == static_cast<std::uint16_t>(trace::WaitReason::Io) &&
                r.trace.objects[rec.object].kind == trace::ObjectKind::Socket)
                waited.insert(rec.lane);
        int threads = 0, tasks = 0;
        for (trace::LaneId l : waited) {
            threads += r.trace.lanes[l].kind == trace::LaneKind::Thread;
            tasks += r.trace.lanes[l].kind == trace::LaneKind::Coroutine;
        }
        QCOMPARE(threads, 4 + 1); // the workers and the main lane (sequential)
        QCOMPARE(tasks, 4);
    }
};

QTEST_GUILESS_MAIN(TestNetScenarios)
#include "tst_net_scenarios.moc"
