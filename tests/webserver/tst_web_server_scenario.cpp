// The `web-server` scenario: its outcome per model (throughput, latency
// percentiles, refused bad requests), what each model leaves in the trace
// (connection lanes, the pool's bounded queue, coroutine lanes), slow
// clients and CPU work, and a taken port reported by name. Small loads.
#include "net/server.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "trace/registry.h"

#include <QtTest>

#include <set>
#include <thread>

using namespace il;
using namespace il::scenario;

namespace {

RunResult run(const std::vector<std::string>& assignments, std::stop_token stop = {}) {
    const Scenario* s = find_scenario("web-server");
    if (!s)
        throw std::runtime_error("no web-server scenario");
    RunOptions o;
    o.timeout = std::chrono::seconds(120);
    o.stop = stop;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

int lanes_named(const trace::Snapshot& s, const std::string& prefix, trace::LaneKind kind) {
    int n = 0;
    for (const auto& lane : s.lanes)
        n += lane.id != 0 && lane.kind == kind && lane.name.rfind(prefix, 0) == 0;
    return n;
}

} // namespace

class TestWebServerScenario : public QObject {
    Q_OBJECT
private slots:
    void everyModelAnswersEveryRequest() {
        RunResult r = run({"clients=6", "requests=90", "work_ms=1"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(r.status, RunStatus::Finished);
        const auto& models = r.outcome.values.at("models");
        QCOMPARE(models.size(), std::size_t(3));
        for (const char* name : {"thread", "pool", "async"}) {
            const auto& m = models.at(name);
            QCOMPARE(m.at("requests").get<std::int64_t>(), std::int64_t(90));
            QCOMPARE(m.at("errors").get<std::int64_t>(), std::int64_t(0));
            QVERIFY(m.at("wall_ns").get<std::int64_t>() > 0);
            QVERIFY(m.at("throughput_rps").get<double>() > 0);
            const auto p50 = m.at("p50_ns").get<std::int64_t>();
            const auto p90 = m.at("p90_ns").get<std::int64_t>();
            const auto p99 = m.at("p99_ns").get<std::int64_t>();
            QVERIFY(p50 > 0 && p50 <= p90 && p90 <= p99 &&
                    p99 <= m.at("max_ns").get<std::int64_t>());
            QCOMPARE(m.at("malformed_status").get<int>(), 400);
            QCOMPARE(m.at("header_too_large_status").get<int>(), 431);
            QCOMPARE(m.at("body_too_large_status").get<int>(), 413);
            QCOMPARE(m.at("refused").get<int>(), 3);
        }
        QCOMPARE(r.outcome.values.at("target").get<std::string>(), std::string("/sleep?ms=1"));
        QCOMPARE(r.trace.dropped, std::uint64_t(0));
    }

    void eachModelShowsInTheTrace() {
        RunResult thread = run({"model=thread", "clients=4", "requests=20"});
        QVERIFY2(thread.outcome.ok, thread.outcome.message.c_str());
        // A lane per connection: 4 clients, 3 probes, 1 request after them.
        QCOMPARE(lanes_named(thread.trace, "conn #", trace::LaneKind::Thread), 8);

        RunResult pool =
            run({"model=pool", "clients=4", "requests=20", "pool_workers=2", "queue_size=3"});
        QVERIFY2(pool.outcome.ok, pool.outcome.message.c_str());
        QCOMPARE(lanes_named(pool.trace, "worker ", trace::LaneKind::Thread), 2);
        QCOMPARE(lanes_named(pool.trace, "conn #", trace::LaneKind::Thread), 0);
        bool queue = false;
        for (const auto& o : pool.trace.objects)
            queue = queue || (o.kind == trace::ObjectKind::Queue &&
                              o.name == "accepted connections" && o.capacity == 3);
        QVERIFY(queue);

        RunResult async = run({"model=async", "clients=4", "requests=20"});
        QVERIFY2(async.outcome.ok, async.outcome.message.c_str());
        QCOMPARE(lanes_named(async.trace, "conn #", trace::LaneKind::Coroutine), 8);
        QCOMPARE(lanes_named(async.trace, "server loop", trace::LaneKind::Thread), 1);
        QCOMPARE(async.outcome.values.at("models").size(), std::size_t(1));
    }

    void slowClientsAndCpuWorkAreAnsweredCorrectly() {
        RunResult slow =
            run({"model=pool", "clients=4", "requests=24", "slow_clients=2", "pool_workers=2"});
        QVERIFY2(slow.outcome.ok, slow.outcome.message.c_str());
        const auto& pool = slow.outcome.values.at("models").at("pool");
        QCOMPARE(pool.at("slow_requests").get<int>(), 4);
        QCOMPARE(pool.at("slow_errors").get<int>(), 0);

        RunResult cpu = run({"model=async", "clients=3", "requests=12", "work=cpu", "work_ms=2"});
        QVERIFY2(cpu.outcome.ok, cpu.outcome.message.c_str());
        QCOMPARE(cpu.outcome.values.at("target").get<std::string>(), std::string("/work?ms=2"));
    }

    void aFixedPortIsSharedByTheModelsInTurn() {
        // A port that was free a moment ago (a server bound it, then let go).
        std::uint16_t port = 0;
        {
            il::net::HttpServer probe(il::net::Router{});
            port = probe.port();
        }
        RunResult r = run({"clients=2", "requests=6", "port=" + std::to_string(port)});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
    }

    void aStoppedRunEndsWithEveryLaneDone_data() {
        QTest::addColumn<QString>("model");
        for (const char* m : {"thread", "pool", "async"})
            QTest::newRow(m) << m;
    }
    void aStoppedRunEndsWithEveryLaneDone() {
        QFETCH(QString, model);
        std::stop_source stop;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            stop.request_stop();
        });
        // Far more work than 300 ms, slow clients dripping bytes meanwhile.
        RunResult r = run({"model=" + model.toStdString(), "clients=8", "requests=100000",
                           "work_ms=5", "slow_clients=2"},
                          stop.get_token());
        stopper.join();
        QCOMPARE(r.status, RunStatus::Stopped);
        QVERIFY(!r.outcome.ok);
        QVERIFY(r.trace.finished);
        // Every lane that started also ended.
        std::set<trace::LaneId> started, ended;
        for (const auto& rec : r.trace.records) {
            if (rec.kind == trace::Kind::LaneStart)
                started.insert(rec.lane);
            if (rec.kind == trace::Kind::LaneEnd)
                ended.insert(rec.lane);
        }
        for (trace::LaneId l : started)
            QVERIFY2(ended.count(l), r.trace.lanes[l].name.c_str());
    }

    void aTakenPortIsReportedByName() {
        il::net::HttpServer other(il::net::Router{});
        RunResult r = run({"model=thread", "port=" + std::to_string(other.port())});
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY(!r.outcome.ok);
        QVERIFY2(r.error.find("port " + std::to_string(other.port()) + " is in use") !=
                     std::string::npos,
                 r.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestWebServerScenario)
#include "tst_web_server_scenario.moc"
