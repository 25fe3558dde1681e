// Faults in a scenario run: a run that hangs (a waiter nobody notifies, a
// body that sleeps past the run's timeout), a stop requested at every phase
// of a run (before it, from on_start, while it runs, from on_finish, after
// it) for a thread, a process and a coroutine scenario, and a trace that
// hits its event budget. Each ends with a status that says what happened,
// every lane ended, and nothing leaked. Time limits here are hang guards.
#include "faults_util.h"

#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "scenarios/lanes.h"
#include "thread/sleep.h"

#include <QtTest>

#include <set>
#include <stop_token>
#include <thread>

using namespace il;
using namespace il::scenario;
using namespace std::chrono_literals;
using faults::contains;
using faults::Resources;
using trace::Kind;

namespace {

const Scenario& scenario(const char* id) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error(std::string("no scenario ") + id);
    return *s;
}

RunResult run(const char* id, const std::vector<std::string>& params, RunOptions o) {
    const Scenario& s = scenario(id);
    return run_scenario(s, parse_params(s.info().params, params), o);
}

// Every lane that started also ended: nothing still runs after the run.
bool all_lanes_ended(const trace::Snapshot& s) {
    std::set<trace::LaneId> started, ended;
    for (const auto& r : s.records) {
        if (r.kind == Kind::LaneStart)
            started.insert(r.lane);
        if (r.kind == Kind::LaneEnd)
            ended.insert(r.lane);
    }
    // A child killed before it could record its start has a LaneEnd (Killed,
    // from the parent) and no LaneStart: that is an end too.
    for (auto l : started)
        if (!ended.count(l)) {
            qWarning("lane %u (%s) started and did not end", unsigned(l), s.lanes[l].name.c_str());
            return false;
        }
    return !started.empty();
}

// Sleeps (or spins, checking for a stop as a CPU-bound loop must) on two
// lanes and on main, far longer than the run's timeout.
class Overrunner final : public Scenario {
public:
    explicit Overrunner(bool spin) : spin_(spin) { info_.id = "faults-overrunner"; }
    const ScenarioInfo& info() const override { return info_; }
    Outcome run(Session& session, const Params&) const override {
        auto body = [this, &session] {
            if (!spin_)
                thread::sleep(session, 600s);
            for (;;)
                session.check_stop();
        };
        scenarios::LaneGroup lanes(session);
        for (const char* name : {"worker-1", "worker-2"})
            lanes.start(name, body);
        body();
        lanes.join_all();
        return {true, "ended by itself"};
    }

private:
    bool spin_;
    ScenarioInfo info_;
};

// The scenarios a stop is tried on: one long and one short parameter set each.
struct Subject {
    const char* id;
    std::vector<std::string> long_run;  // would take minutes: a stop must end it
    std::vector<std::string> short_run; // done in well under a second
};
const Subject kThread{
    "producer-consumer", {"items=100000", "consumers=1", "work_ms=1"}, {"items=5", "work_ms=0"}};
const Subject kProcess{"pipe-pingpong", {"rounds=1000000"}, {"rounds=2"}};
const Subject kCoroutine{"async-timer", {"steps=100", "step_ms=2000"}, {"steps=1", "step_ms=1"}};

enum class Phase { Before, OnStart, Running, OnFinish, After };

} // namespace

Q_DECLARE_METATYPE(Phase)

class TestRunFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // Warm-up: the engine's spawner thread (process/detail/spawn.h) stays
        // once the first process ran; counts start after it.
        run(kProcess.id, kProcess.short_run, guarded());
    }

    // The notification comes before the wait and patience is a minute: the
    // monitor finds the stall and stops the run.
    void waiterNeverNotifiedStalls() {
        const Resources before = Resources::now();
        RunOptions o = guarded();
        o.stall = 300ms;
        const RunResult r =
            run("lost-wakeup", {"variant=notify-before-wait", "patience_ms=60000"}, o);
        QCOMPARE(r.status, RunStatus::Stalled);
        QVERIFY(!r.diagnostics.empty());
        QCOMPARE(r.diagnostics.front().kind, std::string("stall"));
        QVERIFY2(!r.diagnostics.front().message.empty(), "a stall must say what is stuck");
        QVERIFY(!r.outcome.message.empty());
        QVERIFY(r.trace.finished);
        QVERIFY(all_lanes_ended(r.trace));
        FAULTS_EXPECT_SETTLED(before);
    }

    void pastTheTimeout_data() {
        QTest::addColumn<bool>("spin");
        QTest::newRow("sleeps") << false;
        QTest::newRow("spins") << true;
    }
    void pastTheTimeout() {
        QFETCH(bool, spin);
        const Resources before = Resources::now();
        RunOptions o;
        o.timeout = 200ms;
        o.stall = std::nullopt; // only the timeout ends these
        const RunResult r = run_scenario(Overrunner(spin), {}, o);
        QCOMPARE(r.status, RunStatus::TimedOut);
        QVERIFY(!r.outcome.ok);
        QCOMPARE(r.outcome.message, std::string("stopped: the run exceeded its timeout"));
        QVERIFY(all_lanes_ended(r.trace));
        QCOMPARE(r.trace.lanes.size(), std::size_t(4)); // placeholder, main, two workers
        FAULTS_EXPECT_SETTLED(before);
    }

    void stopAtEveryPhase_data() {
        QTest::addColumn<QString>("which");
        QTest::addColumn<Phase>("phase");
        const std::pair<const char*, Phase> phases[] = {{"before", Phase::Before},
                                                        {"on_start", Phase::OnStart},
                                                        {"running", Phase::Running},
                                                        {"on_finish", Phase::OnFinish},
                                                        {"after", Phase::After}};
        for (const char* which : {"thread", "process", "coroutine"})
            for (const auto& [name, phase] : phases)
                QTest::newRow((std::string(which) + "/" + name).c_str()) << QString(which) << phase;
    }
    void stopAtEveryPhase() {
        QFETCH(QString, which);
        QFETCH(Phase, phase);
        const Subject& k = which == "thread" ? kThread : which == "process" ? kProcess : kCoroutine;
        // A stop before the end must end a run that would take minutes; a
        // stop at or after the end finds a short run already finished.
        const bool stops =
            phase == Phase::Before || phase == Phase::OnStart || phase == Phase::Running;
        const Resources before = Resources::now();
        std::stop_source stop;
        RunOptions o = guarded();
        o.stop = stop.get_token();
        std::thread poller;
        int finish_calls = 0;
        if (phase == Phase::Before)
            stop.request_stop();
        o.on_start = [&](Session& session) {
            if (phase == Phase::OnStart)
                stop.request_stop();
            if (phase == Phase::Running)
                poller = std::thread([&session, &stop] {
                    // Past the main lane's own start: the scenario's lanes are at work.
                    faults::eventually(
                        [&] { return session.recorder().snapshot().records.size() > 20; });
                    stop.request_stop();
                });
        };
        o.on_finish = [&](Session&) {
            ++finish_calls;
            if (poller.joinable())
                poller.join(); // it must stop touching the session before we return
            if (phase == Phase::OnFinish)
                stop.request_stop();
        };
        const RunResult r = run(k.id, stops ? k.long_run : k.short_run, o);
        if (phase == Phase::After)
            stop.request_stop(); // nothing is left to stop: must be harmless
        QCOMPARE(finish_calls, 1);
        if (stops) {
            QCOMPARE(run_status_name(r.status), run_status_name(RunStatus::Stopped));
            QVERIFY(!r.outcome.ok);
            QCOMPARE(r.outcome.message, std::string("stopped on request"));
        } else {
            QCOMPARE(run_status_name(r.status), run_status_name(RunStatus::Finished));
            QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        }
        QVERIFY(r.trace.finished);
        QVERIFY(all_lanes_ended(r.trace));
        FAULTS_EXPECT_SETTLED(before);
    }

private:
    static RunOptions guarded() {
        RunOptions o;
        o.timeout = 120s; // a hang guard only: it would show as TimedOut
        return o;
    }
};

QTEST_GUILESS_MAIN(TestRunFaults)
#include "tst_run_faults.moc"
