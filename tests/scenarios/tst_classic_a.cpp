// Classic problems, part A: dining-philosophers, lock-order-inversion,
// rlock-reentry, readers-writers, lost-wakeup. Every variant's outcome; the
// deadlocks found live with their full cycle; no false deadlock or starvation
// on the fixed variants over seeded runs; no thread left behind by a stop.
#include "analysis/diagnose.h"
#include "analysis/stats.h"
#include "analysis/wait_for_graph.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stop_token>
#include <thread>

using namespace il;
using namespace il::scenario;
using trace::Kind;

namespace {

const std::vector<std::string> kIds = {"dining-philosophers", "lock-order-inversion",
                                       "rlock-reentry", "readers-writers", "lost-wakeup"};

std::vector<std::string> split(const QString& s) {
    std::vector<std::string> out;
    for (const QString& part : s.split(' ', Qt::SkipEmptyParts))
        out.push_back(part.toStdString());
    return out;
}

RunOptions defaults() {
    RunOptions o;
    o.timeout = std::chrono::seconds(30);
    return o;
}

RunResult run(const std::string& id, const std::vector<std::string>& assignments,
              RunOptions options = defaults()) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    return run_scenario(*s, parse_params(s->info().params, assignments), options);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

std::size_t os_threads() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

std::string lane_name(const RunResult& r, trace::LaneId id) {
    const trace::LaneInfo* l = r.trace.lane(id);
    return l ? l->name : "?";
}

std::string object_name(const RunResult& r, trace::ObjectId id) {
    const trace::ObjectInfo* o = r.trace.object(id);
    return o ? o->name : "?";
}

const analysis::Diagnostic* first_of(const std::vector<analysis::Diagnostic>& ds,
                                     const std::string& kind) {
    for (const auto& d : ds)
        if (d.kind == kind)
            return &d;
    return nullptr;
}

// The cycle as "lane>object" pairs in cycle order (lanes[i] waits for
// objects[i], which lanes[i+1] holds), rotated to start at lane `first`.
std::vector<std::string> cycle_names(const RunResult& r, const analysis::Diagnostic& d,
                                     const std::string& first) {
    std::vector<std::string> pairs;
    for (std::size_t i = 0; i < d.lanes.size() && i < d.objects.size(); ++i)
        pairs.push_back(lane_name(r, d.lanes[i]) + ">" + object_name(r, d.objects[i]));
    auto it = std::find_if(pairs.begin(), pairs.end(),
                           [&](const std::string& p) { return p.rfind(first + ">", 0) == 0; });
    std::rotate(pairs.begin(), it == pairs.end() ? pairs.begin() : it, pairs.end());
    return pairs;
}

// Runs a variant that must deadlock; checks the run and returns its cycle.
std::vector<std::string> deadlock_cycle(const std::string& id, const std::vector<std::string>& args,
                                        const std::string& first) {
    const std::size_t threads_before = os_threads();
    RunResult r = run(id, args);
    if (os_threads() != threads_before)
        return {"a thread outlived the run"};
    if (r.status != RunStatus::Deadlocked || !r.outcome.ok)
        return {std::string(run_status_name(r.status)) + ": " + r.outcome.message};
    // Every lane but main was cancelled out of its wait and ended.
    std::int64_t cancelled_ends = 0;
    for (const auto& rec : r.trace.records)
        cancelled_ends += rec.kind == trace::Kind::LaneEnd &&
                          rec.c == static_cast<std::uint16_t>(trace::LaneEndReason::Cancelled);
    if (cancelled_ends + 1 < static_cast<std::int64_t>(r.trace.lanes.size()) - 1)
        return {"lanes did not unwind"};
    // The finished trace tells the same story offline.
    if (analysis::find_deadlocks(r.trace).empty())
        return {"no deadlock in the finished trace"};
    for (const auto& d : r.diagnostics)
        if (d.kind == "deadlock")
            return cycle_names(r, d, first);
    return {"no deadlock diagnostic"};
}

// Every finding a run has: the live monitor's and the offline analysis of its trace.
std::vector<analysis::Diagnostic> all_findings(const RunResult& r) {
    std::vector<analysis::Diagnostic> all = r.diagnostics;
    for (auto& d : analysis::diagnose(r.trace, analysis::analyze(r.trace)))
        all.push_back(std::move(d));
    return all;
}

std::int64_t count(const RunResult& r, Kind kind, trace::ObjectId object = 0) {
    std::int64_t n = 0;
    for (const auto& rec : r.trace.records)
        n += rec.kind == kind && (object == 0 || rec.object == object);
    return n;
}

trace::ObjectId object_named(const RunResult& r, const std::string& name) {
    for (const auto& o : r.trace.objects)
        if (o.name == name)
            return o.id;
    return 0;
}

} // namespace

class TestClassicA : public QObject {
    Q_OBJECT
private slots:
    void describedAndValidated_data() {
        QTest::addColumn<QString>("id");
        for (const auto& id : kIds)
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
    }
    void describedAndValidated() {
        QFETCH(QString, id);
        const Scenario* s = find_scenario(id.toStdString());
        QVERIFY(s);
        const ScenarioInfo& i = s->info();
        QCOMPARE(QString::fromStdString(i.chapter), QString("Classic problems"));
        QVERIFY(!i.title.empty() && !i.teaches.empty() && !i.watch_for.empty());
        QVERIFY(i.python.find("import threading") != std::string::npos);
        parse_params(i.params, {});
        bool has_variant = false;
        for (const ParamSpec& p : i.params)
            has_variant = has_variant || (p.name == "variant" && p.type == ParamType::Choice);
        QVERIFY(has_variant);
        try {
            parse_params(i.params, {"variant=nonsense"});
            QFAIL("a bad variant was accepted");
        } catch (const ParamError& e) {
            QVERIFY2(QString(e.what()).contains("variant"), e.what());
        }
    }

    void rangesAreChecked_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("assignment");
        const char* rows[][2] = {{"dining-philosophers", "philosophers=1"},
                                 {"dining-philosophers", "philosophers=33"},
                                 {"rlock-reentry", "depth=1"},
                                 {"readers-writers", "readers=1"},
                                 {"lost-wakeup", "consumers=1"},
                                 {"lock-order-inversion", "pause_ms=-1"}};
        for (const auto& row : rows)
            QTest::addRow("%s %s", row[0], row[1]) << row[0] << row[1];
    }
    void rangesAreChecked() {
        QFETCH(QString, id);
        QFETCH(QString, assignment);
        const QString param = assignment.section('=', 0, 0);
        const Scenario* s = find_scenario(id.toStdString());
        try {
            parse_params(s->info().params, {assignment.toStdString()});
            QFAIL("an out-of-range value was accepted");
        } catch (const ParamError& e) {
            QVERIFY2(QString(e.what()).contains(param), e.what());
        }
    }

    // --- the deadlocks, found live with their whole cycle ------------------

    void naivePhilosophersDeadlock_data() {
        QTest::addColumn<int>("n");
        QTest::newRow("2") << 2;
        QTest::newRow("5 (default)") << 5;
        QTest::newRow("12") << 12;
    }
    void naivePhilosophersDeadlock() {
        QFETCH(int, n);
        // philosopher-k waits for fork-(k+1), which philosopher-(k+1) holds.
        std::vector<std::string> want;
        for (int k = 1; k <= n; ++k)
            want.push_back("philosopher-" + std::to_string(k) + ">fork-" +
                           std::to_string(k % n + 1));
        QCOMPARE(deadlock_cycle("dining-philosophers",
                                {"variant=naive", "philosophers=" + std::to_string(n)},
                                "philosopher-1"),
                 want);
    }

    void invertedLockOrderDeadlocks() {
        const std::vector<std::string> want = {"transfer-a-to-b>account_b",
                                               "transfer-b-to-a>account_a"};
        QCOMPARE(deadlock_cycle("lock-order-inversion", {}, "transfer-a-to-b"), want);
    }

    void lockReentrySelfDeadlocks() {
        const std::vector<std::string> want = {"recursive>resource"};
        QCOMPARE(deadlock_cycle("rlock-reentry", {"variant=lock"}, "recursive"), want);
    }

    void judgeWantsTheWholeCycle() {
        const Scenario* s = find_scenario("dining-philosophers");
        const Params p = parse_params(s->info().params, {"philosophers=4"});
        analysis::Diagnostic two{"deadlock", "two of them", {2, 3}, {5, 6}, 1};
        analysis::Diagnostic four{"deadlock", "all of them", {2, 3, 4, 5}, {6, 7, 8, 9}, 1};
        analysis::Diagnostic stall{"stall", "stuck", {2, 3, 4, 5}, {6, 7, 8, 9}, 1};
        QVERIFY(!s->judge_stopped(p, {}).ok);
        QVERIFY(!s->judge_stopped(p, {two}).ok);
        QVERIFY(!s->judge_stopped(p, {stall}).ok);
        QVERIFY(s->judge_stopped(p, {two, four}).ok);
        const Params fixed = parse_params(s->info().params, {"variant=ordered"});
        QVERIFY(!s->judge_stopped(fixed, {four}).ok);

        const Scenario* rl = find_scenario("rlock-reentry");
        const Params lock = parse_params(rl->info().params, {"variant=lock"});
        QVERIFY(rl->judge_stopped(lock, {{"deadlock", "self", {2}, {3}, 1}}).ok);
        QVERIFY(!rl->judge_stopped(lock, {two}).ok);
        const Scenario* inv = find_scenario("lock-order-inversion");
        QVERIFY(inv->judge_stopped(parse_params(inv->info().params, {}), {two}).ok);
        QVERIFY(!inv->judge_stopped(parse_params(inv->info().params, {}), {four}).ok);
    }

    // --- the fixes and the other variants ---------------------------------

    void philosopherFixesFinishEveryMeal_data() {
        QTest::addColumn<QString>("args");
        QTest::newRow("ordered") << "variant=ordered";
        QTest::newRow("butler") << "variant=butler";
        QTest::newRow("trylock") << "variant=trylock";
        QTest::newRow("trylock 2 no pause") << "variant=trylock philosophers=2 pause_ms=0";
        QTest::newRow("ordered 12") << "variant=ordered philosophers=12 meals=2";
    }
    void philosopherFixesFinishEveryMeal() {
        QFETCH(QString, args);
        RunResult r = run("dining-philosophers", split(args));
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "meals_eaten"), value(r, "expected"));
        QVERIFY(r.diagnostics.empty());
        // Each meal is one Acquire of two forks: 2 * meals acquisitions of forks in all.
        std::int64_t fork_acquires = 0;
        for (const auto& rec : r.trace.records)
            if (rec.kind == Kind::Acquire && object_name(r, rec.object).rfind("fork-", 0) == 0)
                ++fork_acquires;
        const std::int64_t failed_tries = value(r, "retries");
        QCOMPARE(fork_acquires, 2 * value(r, "expected") + failed_tries);
    }

    void butlerSeatsAtMostNMinusOne() {
        RunResult r = run("dining-philosophers", {"variant=butler", "philosophers=4"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const trace::ObjectId butler = object_named(r, "butler");
        QCOMPARE(r.trace.object(butler)->capacity, std::int64_t(3));
        QCOMPARE(count(r, Kind::Acquire, butler), std::int64_t(4 * 3));
        // A philosopher touches forks only while seated by the butler.
        std::map<trace::LaneId, bool> seated;
        for (const auto& rec : r.trace.records) {
            if (rec.object == butler && (rec.kind == Kind::Acquire || rec.kind == Kind::Release))
                seated[rec.lane] = rec.kind == Kind::Acquire;
            if (rec.kind == Kind::Acquire && object_name(r, rec.object).rfind("fork-", 0) == 0)
                QVERIFY(seated[rec.lane]);
        }
    }

    void orderedTransfersKeepTheBalances() {
        RunResult r =
            run("lock-order-inversion", {"variant=ordered", "transfers=20", "pause_ms=1"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "balance_a"), std::int64_t(1000 - 20 * 10 + 20 * 7));
        QCOMPARE(value(r, "balance_b"), std::int64_t(1000 + 20 * 10 - 20 * 7));
        QCOMPARE(value(r, "lost_updates"), std::int64_t(0));
        // Both transfers take account_a first.
        const trace::ObjectId a = object_named(r, "account_a");
        const trace::ObjectId b = object_named(r, "account_b");
        std::map<trace::LaneId, trace::ObjectId> holding_first;
        for (const auto& rec : r.trace.records) {
            if (rec.kind == Kind::Acquire && rec.object == b)
                QVERIFY(holding_first[rec.lane] == a);
            if (rec.kind == Kind::Acquire && rec.object == a)
                holding_first[rec.lane] = a;
            if (rec.kind == Kind::Release && rec.object == a)
                holding_first[rec.lane] = 0;
        }
    }

    void rlockReentersToTheFullDepth_data() {
        QTest::addColumn<int>("depth");
        QTest::newRow("2") << 2;
        QTest::newRow("5 (default)") << 5;
        QTest::newRow("40") << 40;
    }
    void rlockReentersToTheFullDepth() {
        QFETCH(int, depth);
        RunResult r = run("rlock-reentry", {"depth=" + std::to_string(depth), "work_ms=0.1"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "reached"), std::int64_t(depth));
        QCOMPARE(value(r, "max_lock_depth"), std::int64_t(depth));
        // The RLock's depths, as recorded: 1..depth up, then depth-1..0 down.
        const trace::ObjectId lock = object_named(r, "resource");
        std::vector<std::int32_t> depths;
        for (const auto& rec : r.trace.records)
            if (rec.object == lock && (rec.kind == Kind::Acquire || rec.kind == Kind::Release))
                depths.push_back(rec.b);
        QCOMPARE(depths.size(), std::size_t(2 * depth));
        for (int k = 0; k < depth; ++k) {
            QCOMPARE(depths[k], k + 1);
            QCOMPARE(depths[depth + k], depth - 1 - k);
        }
    }

    void readerPreferenceStarvesTheWriter() {
        RunResult r = run("readers-writers", {});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "writes_in_while_reading"), std::int64_t(0));
        QVERIFY(value(r, "writes_asked_while_reading") >= 1);
        QCOMPARE(value(r, "starved_writes"), value(r, "writes_asked_while_reading"));
        QCOMPARE(value(r, "writes"), value(r, "expected_writes"));
        QVERIFY(value(r, "reads_overtaking_writes") > 0);
        const double longest = r.outcome.values.at("longest_writer_wait_ms").get<double>();
        QVERIFY(longest >= 0.5 * r.outcome.values.at("reader_phase_ms").get<double>());
    }

    void fairLetsEveryWriterIn_data() {
        QTest::addColumn<QString>("args");
        QTest::newRow("default") << "";
        QTest::newRow("3 writers") << "writers=3 writes=3 duration_ms=300";
        QTest::newRow("8 readers") << "readers=8 read_ms=10 duration_ms=200";
    }
    void fairLetsEveryWriterIn() {
        QFETCH(QString, args);
        std::vector<std::string> a = split(args);
        a.push_back("variant=fair");
        RunResult r = run("readers-writers", a);
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "writes"), value(r, "expected_writes"));
        QCOMPARE(value(r, "reads_overtaking_writes"), std::int64_t(0));
        QVERIFY(value(r, "writes_in_while_reading") >= 1);
    }

    void ifWaitPopsFromAnEmptyBuffer_data() {
        QTest::addColumn<int>("consumers");
        QTest::addColumn<int>("items");
        QTest::newRow("2 x 5 (default)") << 2 << 5;
        QTest::newRow("4 x 3") << 4 << 3;
    }
    void ifWaitPopsFromAnEmptyBuffer() {
        QFETCH(int, consumers);
        QFETCH(int, items);
        RunResult r = run("lost-wakeup", {"consumers=" + std::to_string(consumers),
                                          "items=" + std::to_string(items)});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        // Every round wakes all consumers for one item: all but one fail.
        QCOMPARE(value(r, "errors"), std::int64_t(items * (consumers - 1)));
        QCOMPARE(value(r, "consumed"), std::int64_t(items));
        const trace::ObjectId mark = object_named(r, "popped from empty buffer");
        QCOMPARE(count(r, Kind::Mark, mark), value(r, "errors"));
        // Each item's notify_all woke every consumer (Notify.c = waiters woken).
        const trace::ObjectId not_empty = object_named(r, "not_empty");
        for (const auto& rec : r.trace.records)
            if (rec.kind == Kind::Notify && rec.object == not_empty) {
                QCOMPARE(rec.b, -1);
                QCOMPARE(int(rec.c), consumers);
            }
    }

    void whileWaitNeverFails() {
        RunResult r = run("lost-wakeup", {"variant=while-wait", "consumers=3", "items=6"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "errors"), std::int64_t(0));
        QCOMPARE(value(r, "woke_to_empty"), std::int64_t(6 * 2));
        QCOMPARE(count(r, Kind::Mark), std::int64_t(0));
    }

    void notifyBeforeWaitIsLost() {
        RunResult r = run("lost-wakeup", {"variant=notify-before-wait", "patience_ms=100"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(!r.outcome.values.at("woken").get<bool>());
        const trace::ObjectId ready = object_named(r, "ready");
        bool notified_nobody = false, timed_out = false;
        for (const auto& rec : r.trace.records) {
            if (rec.kind == Kind::Notify && rec.object == ready) {
                QVERIFY(!timed_out); // the notify came first
                notified_nobody = rec.c == 0;
            }
            if (rec.kind == Kind::WaitEnd && rec.object == ready)
                timed_out = rec.c == static_cast<std::uint16_t>(trace::WaitResult::Timeout);
        }
        QVERIFY(notified_nobody);
        QVERIFY(timed_out);
        QCOMPARE(count(r, Kind::Wake, ready), std::int64_t(0));
    }

    void lateWaiterWithoutPatienceStalls() {
        RunOptions o = defaults();
        o.stall = std::chrono::milliseconds(300);
        const std::size_t threads_before = os_threads();
        RunResult r = run("lost-wakeup", {"variant=notify-before-wait", "patience_ms=60000"}, o);
        QCOMPARE(os_threads(), threads_before);
        QCOMPARE(r.status, RunStatus::Stalled);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const analysis::Diagnostic* d = first_of(r.diagnostics, "stall");
        QVERIFY(d);
        std::set<std::string> lanes;
        for (trace::LaneId l : d->lanes)
            lanes.insert(lane_name(r, l));
        QVERIFY(lanes.count("waiter"));
        // The judge accepts a stall only where one is the lesson.
        const Scenario* s = find_scenario("lost-wakeup");
        QVERIFY(!s->judge_stopped(parse_params(s->info().params, {"variant=while-wait"}), {*d}).ok);
        QVERIFY(!s->judge_stopped(r.params, {}).ok);
    }

    void predicateNeverLosesIt() {
        RunResult r = run("lost-wakeup", {"variant=predicate"});
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(r.outcome.values.at("woken").get<bool>());
        // The flag was already set: the waiter never waited.
        QCOMPARE(count(r, Kind::WaitBegin, object_named(r, "ready")), std::int64_t(0));
    }

    // --- no false alarms on the fixed variants -----------------------------

    void fixesRaiseNoFalseAlarm_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("args");
        QTest::addColumn<bool>("seeded");
        const QString small = "philosophers=3 meals=2 think_ms=1 eat_ms=1 pause_ms=2";
        QTest::newRow("ordered") << "dining-philosophers"
                                 << "variant=ordered " + small << true;
        QTest::newRow("butler") << "dining-philosophers"
                                << "variant=butler " + small << true;
        QTest::newRow("trylock") << "dining-philosophers"
                                 << "variant=trylock " + small << true;
        QTest::newRow("transfers") << "lock-order-inversion"
                                   << "variant=ordered transfers=2 pause_ms=1" << false;
        QTest::newRow("rlock") << "rlock-reentry"
                               << "depth=4 work_ms=0" << false;
        QTest::newRow("fair") << "readers-writers"
                              << "variant=fair readers=3 writers=2 writes=2 duration_ms=80 "
                                 "read_ms=5 write_ms=1"
                              << true;
        QTest::newRow("while-wait") << "lost-wakeup"
                                    << "variant=while-wait items=3" << false;
        QTest::newRow("predicate") << "lost-wakeup"
                                   << "variant=predicate" << false;
    }
    void fixesRaiseNoFalseAlarm() {
        QFETCH(QString, id);
        QFETCH(QString, args);
        QFETCH(bool, seeded);
        for (int seed = 1; seed <= 50; ++seed) {
            std::vector<std::string> a = split(args);
            if (seeded)
                a.push_back("seed=" + std::to_string(seed));
            RunResult r = run(id.toStdString(), a);
            const std::string where = "seed " + std::to_string(seed) + ": " + r.outcome.message;
            QVERIFY2(r.status == RunStatus::Finished, where.c_str());
            QVERIFY2(r.outcome.ok, where.c_str());
            for (const auto& d : all_findings(r)) {
                const std::string what = where + " / " + d.kind + ": " + d.message;
                QVERIFY2(d.kind != "deadlock" && d.kind != "starvation" && d.kind != "stall",
                         what.c_str());
            }
        }
    }

    // --- a stop, in every phase, leaves no thread behind -------------------

    void stopLeavesNoThread_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("args");
        QTest::addColumn<int>("stop_after_ms"); // -1: before the scenario starts
        QTest::addColumn<bool>("blocked");      // lanes are blocked when the stop comes
        for (const auto& id : kIds)
            QTest::addRow("%s before start", id.c_str())
                << QString::fromStdString(id) << "" << -1 << false;
        QTest::newRow("philosophers eating") << "dining-philosophers"
                                             << "variant=ordered meals=1000" << 60 << false;
        QTest::newRow("transfers running") << "lock-order-inversion"
                                           << "variant=ordered transfers=100000" << 60 << false;
        QTest::newRow("recursing") << "rlock-reentry"
                                   << "depth=200 work_ms=5" << 60 << false;
        QTest::newRow("readers reading") << "readers-writers"
                                         << "duration_ms=5000" << 60 << false;
        QTest::newRow("consumers consuming") << "lost-wakeup"
                                             << "variant=while-wait items=10000" << 60 << false;
        QTest::newRow("philosophers deadlocked") << "dining-philosophers"
                                                 << "variant=naive" << 150 << true;
        QTest::newRow("transfers deadlocked") << "lock-order-inversion"
                                              << "" << 150 << true;
        QTest::newRow("lock held by itself") << "rlock-reentry"
                                             << "variant=lock" << 150 << true;
        // The writer asks within the first 100 ms (the first of ten slices).
        QTest::newRow("writer starving") << "readers-writers"
                                         << "duration_ms=1000 writes=10" << 150 << true;
        QTest::newRow("waiter waiting")
            << "lost-wakeup"
            << "variant=notify-before-wait patience_ms=60000" << 150 << true;
    }
    void stopLeavesNoThread() {
        QFETCH(QString, id);
        QFETCH(QString, args);
        QFETCH(int, stop_after_ms);
        QFETCH(bool, blocked);
        const std::size_t threads_before = os_threads();
        std::stop_source stop;
        RunOptions o = defaults();
        o.stop = stop.get_token();
        o.stall = std::nullopt;     // only our stop ends these runs
        o.stop_on_deadlock = false; // a deadlock is only reported: the stop cuts it
        if (stop_after_ms < 0)
            o.on_start = [&](Session&) { stop.request_stop(); };
        std::thread stopper([&] {
            if (stop_after_ms >= 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(stop_after_ms));
                stop.request_stop();
            }
        });
        RunResult r = run(id.toStdString(), split(args), o);
        stopper.join();
        QCOMPARE(os_threads(), threads_before);
        QVERIFY2(r.status == RunStatus::Stopped || r.status == RunStatus::Deadlocked,
                 std::string(run_status_name(r.status)).c_str());
        QVERIFY(!r.outcome.ok || r.status == RunStatus::Deadlocked);
        QVERIFY(r.trace.finished);
        // Every lane that started also ended.
        QCOMPARE(count(r, Kind::LaneEnd), count(r, Kind::LaneStart));
        if (blocked) {
            bool cancelled_wait = false;
            for (const auto& rec : r.trace.records)
                cancelled_wait =
                    cancelled_wait ||
                    (rec.kind == Kind::WaitEnd &&
                     rec.c == static_cast<std::uint16_t>(trace::WaitResult::Cancelled));
            QVERIFY2(cancelled_wait, "the stop should have cut a blocked wait");
        }
    }
};

QTEST_GUILESS_MAIN(TestClassicA)
#include "tst_classic_a.moc"
