// The `downloader` scenario's outcome: a small local download checks out
// (bytes, digest, lanes), injected cuts are resumed where they happened,
// a given output is kept and a default one removed, a bad URL is refused
// before anything starts, a 404 is a clear failure, and a stop ends the run
// with nothing left behind. Small sizes, no timing assertions.
#include "download/sha256.h"
#include "net/server.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "trace/registry.h"

#include <QtTest>

#include <filesystem>
#include <thread>

#include <unistd.h>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::vector<std::string>& assignments, std::stop_token stop = {}) {
    const Scenario* s = find_scenario("downloader");
    if (!s)
        throw std::runtime_error("no scenario downloader");
    RunOptions o;
    o.timeout = std::chrono::seconds(60);
    o.stop = stop;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

// Default outputs of this process still in the temporary folder.
std::vector<std::string> leftovers() {
    const std::string prefix = "interleave-download-" + std::to_string(::getpid()) + "-";
    std::vector<std::string> out;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            out.push_back(e.path().string());
    return out;
}

} // namespace

class TestDownloaderScenario : public QObject {
    Q_OBJECT
private slots:
    void downloadsAndChecks() {
        RunResult r = run({"size_mb=2", "parts=3", "bandwidth_mbps=0"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.status, RunStatus::Finished);
        QCOMPARE(value(r, "bytes"), std::int64_t(2 << 20));
        QCOMPARE(value(r, "parts"), std::int64_t(3));
        QCOMPARE(value(r, "retries"), std::int64_t(0));
        QVERIFY(r.outcome.values.at("range_supported").get<bool>());
        net::GeneratedBody body(2 << 20, 1);
        QCOMPARE(r.outcome.values.at("sha256").get<std::string>(), download::sha256_of_body(body));
        QVERIFY(value(r, "elapsed_ns") > 0);
        QCOMPARE(r.outcome.values.at("part_details").size(), std::size_t(3));
        int parts = 0;
        for (const auto& l : r.trace.lanes)
            parts += l.name.rfind("part ", 0) == 0 && l.kind == trace::LaneKind::Thread;
        QCOMPARE(parts, 3);
        QVERIFY(leftovers().empty()); // the default output went with the run
    }

    void resumesInjectedCuts() {
        RunResult r = run({"size_mb=1", "parts=4", "bandwidth_mbps=0", "drop_after_kb=32"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "retries"), std::int64_t(4));
        QCOMPARE(r.outcome.values.at("server").at("connections_cut").get<int>(), 4);
        QVERIFY2(r.outcome.message.find("every part resumed at the byte where it stopped") !=
                     std::string::npos,
                 r.outcome.message.c_str());
        for (const auto& p : r.outcome.values.at("part_details")) {
            QCOMPARE(p.at("failures").size(), std::size_t(1));
            QCOMPARE(p.at("failures")[0].at("bytes").get<int>(), 32 * 1024);
        }
    }

    void cutsWithoutRetriesFail() {
        RunResult r =
            run({"size_mb=1", "parts=2", "bandwidth_mbps=0", "drop_after_kb=16", "retries=0"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY(!r.outcome.ok);
        QVERIFY2(r.outcome.message.find("failed after 1 try") != std::string::npos,
                 r.outcome.message.c_str());
        QVERIFY(leftovers().empty());
    }

    void keepsAGivenOutput() {
        QTemporaryDir dir;
        const std::string out = dir.path().toStdString() + "/kept.bin";
        RunResult r = run({"size_mb=1", "parts=2", "bandwidth_mbps=0", "output=" + out});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(std::filesystem::file_size(out), std::uintmax_t(1 << 20));
        QCOMPARE(r.outcome.values.at("output").get<std::string>(), out);
    }

    void refusesABadUrl() {
        RunResult r = run({"url=https://example.com/file"});
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY2(r.error.find("http://") != std::string::npos, r.error.c_str());
        RunResult text = run({"url=just words"});
        QCOMPARE(text.status, RunStatus::Failed);
        QVERIFY2(text.error.find("just words") != std::string::npos, text.error.c_str());
    }

    void parametersAreRangeChecked() {
        const Scenario* s = find_scenario("downloader");
        QVERIFY(s);
        for (const char* bad : {"parts=0", "parts=33", "size_mb=0", "size_mb=1025",
                                "bandwidth_mbps=-1", "drop_after_kb=-1", "retries=11"}) {
            bool threw = false;
            try {
                parse_params(s->info().params, {bad});
            } catch (const ParamError& e) {
                threw = true;
                const std::string name = std::string(bad).substr(0, std::string(bad).find('='));
                QVERIFY2(std::string(e.what()).find(name) != std::string::npos, e.what());
            }
            QVERIFY2(threw, bad);
        }
    }

    void reportsWhatAnOrdinaryUrlAnswers() {
        net::HttpServer server{net::Router{}}; // answers 404 to everything
        RunResult missing = run({"url=" + server.url("/missing.bin")});
        QCOMPARE(missing.status, RunStatus::Finished);
        QVERIFY(!missing.outcome.ok);
        QVERIFY2(missing.outcome.message.find("HTTP 404 Not Found") != std::string::npos,
                 missing.outcome.message.c_str());
        const std::string origin = server.origin();
        server.stop();
        RunResult gone = run({"url=" + origin + "/file.bin"});
        QVERIFY(!gone.outcome.ok);
        QVERIFY2(gone.outcome.message.find("refused") != std::string::npos,
                 gone.outcome.message.c_str());
        QVERIFY(leftovers().empty());
    }

    void stopsPromptly() {
        std::stop_source stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            stop.request_stop();
        });
        const auto t = std::chrono::steady_clock::now();
        RunResult r = run({"size_mb=16", "parts=4", "bandwidth_mbps=8"}, stop.get_token());
        stopper.join();
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(!r.outcome.ok);
        QVERIFY(std::chrono::steady_clock::now() - t < std::chrono::seconds(20)); // hang guard
        QVERIFY(leftovers().empty());
        for (const auto& e :
             std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
            QVERIFY2(e.path().filename().string().find("interleave-download-" +
                                                       std::to_string(::getpid()) + "-") ==
                         std::string::npos,
                     e.path().c_str()); // no temporary part file either
    }
};

QTEST_GUILESS_MAIN(TestDownloaderScenario)
#include "tst_downloader_scenario.moc"
