// The classic problems check-then-act, sleeping-barber, barrier-phases,
// lock-convoy and thundering-herd: every variant's outcome and its counts,
// the counts again from the recorded trace, the fixed variants over many
// seeds, and stops at every stage of a run leaving no thread behind.
#include "analysis/diagnose.h"
#include "analysis/stats.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

using namespace il;
using namespace il::scenario;
using trace::Kind;

namespace {

std::vector<std::string> split(const QString& assignments) {
    std::vector<std::string> out;
    for (const auto& part : assignments.split(' ', Qt::SkipEmptyParts))
        out.push_back(part.toStdString());
    return out;
}

RunResult run(const std::string& id, const std::vector<std::string>& assignments,
              std::stop_token stop = {}) {
    const Scenario* s = find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    RunOptions o;
    o.timeout = std::chrono::seconds(30); // a hang guard only
    o.stop = stop;
    return run_scenario(*s, parse_params(s->info().params, assignments), o);
}

std::int64_t value(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<std::int64_t>();
}

double real(const RunResult& r, const char* key) {
    return r.outcome.values.at(key).get<double>();
}

trace::ObjectId object_named(const trace::Snapshot& s, const std::string& name) {
    for (const trace::ObjectInfo& o : s.objects)
        if (o.id != 0 && o.name == name)
            return o.id;
    return 0;
}

std::int64_t count(const trace::Snapshot& s, Kind kind, trace::ObjectId object) {
    std::int64_t n = 0;
    for (const trace::Record& r : s.records)
        n += r.kind == kind && r.object == object;
    return n;
}

// How many of the handler lanes' sleeps (the expensive computations) began
// while that lane held `lock`, and how many in all.
std::pair<std::int64_t, std::int64_t> sleeps_under(const trace::Snapshot& s, trace::ObjectId lock) {
    std::map<trace::LaneId, bool> holding;
    std::int64_t under = 0, all = 0;
    for (const trace::Record& r : s.records) {
        if (r.object == lock && r.kind == Kind::Acquire)
            holding[r.lane] = true;
        else if (r.object == lock && r.kind == Kind::Release)
            holding[r.lane] = false;
        else if (r.kind == Kind::SleepBegin) {
            ++all;
            under += holding[r.lane];
        }
    }
    return {under, all};
}

// What the engine's detectors (analysis/diagnose.h) find in a finished run.
std::vector<analysis::Diagnostic> findings(const RunResult& r) {
    return analysis::diagnose(r.trace, analysis::analyze(r.trace));
}

std::int64_t findings_of(const RunResult& r, const std::string& kind, trace::ObjectId object) {
    std::int64_t n = 0;
    for (const analysis::Diagnostic& d : findings(r))
        n += d.kind == kind &&
             std::find(d.objects.begin(), d.objects.end(), object) != d.objects.end();
    return n;
}

std::size_t threads_in_process() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

// A joined thread can linger in /proc for a moment after pthread_join
// returns; this waits (a hang guard, not a timing bound) until it is gone.
bool threads_back_to(std::size_t n) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (threads_in_process() != n) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// The problem variants next to the fixed ones, with their defaults.
void every_variant() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("params");
    const char* const rows[][2] = {
        {"check-then-act", "variant=racy"},
        {"check-then-act", "variant=locked"},
        {"sleeping-barber", ""},
        {"barrier-phases", "variant=normal"},
        {"barrier-phases", "variant=broken"},
        {"lock-convoy", "variant=one-lock"},
        {"lock-convoy", "variant=sharded"},
        {"thundering-herd", "variant=herd"},
        {"thundering-herd", "variant=single"},
    };
    for (const auto& [id, params] : rows)
        QTest::newRow((*params ? std::string(id) + " " + params : std::string(id)).c_str())
            << QString(id) << QString(params);
}

} // namespace

class TestClassicB : public QObject {
    Q_OBJECT
private slots:
    void registeredAsClassicProblems() {
        for (const char* id : {"check-then-act", "sleeping-barber", "barrier-phases", "lock-convoy",
                               "thundering-herd"}) {
            const Scenario* s = find_scenario(id);
            QVERIFY2(s, id);
            QCOMPARE(s->info().chapter, std::string("Classic problems"));
            parse_params(s->info().params, {}); // the defaults pass their specs
        }
    }

    void badParametersAreRefusedByName() {
        const Scenario* s = find_scenario("lock-convoy");
        try {
            parse_params(s->info().params, {"variant=fair"});
            QFAIL("an unknown variant was accepted");
        } catch (const ParamError& e) {
            QVERIFY(QString(e.what()).contains("variant"));
        }
        try {
            parse_params(find_scenario("thundering-herd")->info().params, {"waiters=1"});
            QFAIL("a herd of one was accepted");
        } catch (const ParamError& e) {
            QVERIFY(QString(e.what()).contains("waiters"));
        }
    }

    void everyVariantHoldsItsOutcome_data() { every_variant(); }
    void everyVariantHoldsItsOutcome() {
        QFETCH(QString, id);
        QFETCH(QString, params);
        RunResult r = run(id.toStdString(), split(params));
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QVERIFY(r.trace.finished);
        QCOMPARE(r.trace.dropped, std::uint64_t(0));
    }

    void checkThenActRacyComputesKeysTwice() {
        RunResult r = run("check-then-act", {"variant=racy"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto keys = value(r, "keys");
        const auto total = value(r, "computations");
        const auto duplicates = value(r, "duplicates");
        // 6 lanes start together on 4 keys: at least two collide in the first round.
        QVERIFY(duplicates > 0);
        QCOMPARE(total, keys + duplicates);
        QCOMPARE(value(r, "overwrites"), duplicates);
        QCOMPARE(value(r, "misses"), total);
        QCOMPARE(value(r, "hits") + value(r, "misses"), value(r, "lookups"));
        const auto computed = object_named(r.trace, "expensive(key) computed");
        const auto again = object_named(r.trace, "computed again: wasted work");
        QCOMPARE(count(r.trace, Kind::Mark, computed), total);
        QCOMPARE(count(r.trace, Kind::Mark, again), duplicates);
        // The computations ran outside the lock: that is the gap.
        const auto [under, sleeps] = sleeps_under(r.trace, object_named(r.trace, "cache_lock"));
        QCOMPARE(sleeps, total);
        QCOMPARE(under, std::int64_t(0));
    }

    void checkThenActLockedComputesEachKeyOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("keys");
        QTest::newRow("6 on 4") << 6 << 4;
        QTest::newRow("2 on 10") << 2 << 10;
        QTest::newRow("16 on 1") << 16 << 1;
    }
    void checkThenActLockedComputesEachKeyOnce() {
        QFETCH(int, threads);
        QFETCH(int, keys);
        RunResult r = run("check-then-act",
                          {"variant=locked", "compute_ms=1", "threads=" + std::to_string(threads),
                           "keys=" + std::to_string(keys)});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "computations"), std::int64_t(keys));
        QCOMPARE(value(r, "duplicates"), std::int64_t(0));
        QCOMPARE(value(r, "misses"), std::int64_t(keys));
        QCOMPARE(value(r, "hits"), std::int64_t(threads - 1) * keys);
        // The computation ran inside the lock: every sleep began while its
        // lane held cache_lock.
        const auto lock = object_named(r.trace, "cache_lock");
        QCOMPARE(count(r.trace, Kind::Acquire, lock), std::int64_t(threads) * keys);
        const auto [under, sleeps] = sleeps_under(r.trace, lock);
        QCOMPARE(sleeps, std::int64_t(keys));
        QCOMPARE(under, std::int64_t(keys));
    }

    void sleepingBarberCountsAddUp_data() {
        QTest::addColumn<QString>("params");
        QTest::newRow("defaults") << "";
        QTest::newRow("one chair, rush") << "chairs=1 customers=15 cut_ms=3 arrival_ms=0.5";
        QTest::newRow("room for all") << "chairs=12 customers=12 cut_ms=1 arrival_ms=0.2";
        QTest::newRow("slow arrivals") << "chairs=2 customers=8 cut_ms=0.5 arrival_ms=3";
    }
    void sleepingBarberCountsAddUp() {
        QFETCH(QString, params);
        RunResult r = run("sleeping-barber", split(params));
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto served = value(r, "served");
        QCOMPARE(served + value(r, "turned_away"), value(r, "customers"));
        QCOMPARE(value(r, "haircuts"), served);
        QCOMPARE(value(r, "shared_chair"), std::int64_t(0));
        QVERIFY(value(r, "max_waiting") <= value(r, "chairs"));
        if (value(r, "chairs") >= value(r, "customers"))
            QCOMPARE(value(r, "turned_away"), std::int64_t(0));
        // From the trace: one `haircut_done` per customer served, and each
        // taken by the customer it was for (no one else waits on it).
        const auto done = object_named(r.trace, "haircut_done");
        QCOMPARE(count(r.trace, Kind::Release, done), served);
        QCOMPARE(count(r.trace, Kind::Acquire, done), served);
        // Only the barber ever sleeps on `customer_ready`.
        const auto ready = object_named(r.trace, "customer_ready");
        trace::LaneId barber = 0;
        for (const trace::LaneInfo& l : r.trace.lanes)
            if (l.name == "barber")
                barber = l.id;
        QVERIFY(barber != 0);
        for (const trace::Record& rec : r.trace.records)
            if (rec.kind == Kind::WaitBegin && rec.object == ready)
                QCOMPARE(rec.lane, barber);
        QCOMPARE(count(r.trace, Kind::WaitBegin, ready), value(r, "barber_naps"));
    }

    void barrierPhasesInLockStep_data() {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("phases");
        QTest::newRow("2x1") << 2 << 1;
        QTest::newRow("4x5") << 4 << 5;
        QTest::newRow("8x6") << 8 << 6;
    }
    void barrierPhasesInLockStep() {
        QFETCH(int, workers);
        QFETCH(int, phases);
        RunResult r = run("barrier-phases",
                          {"variant=normal", "work_ms=1", "workers=" + std::to_string(workers),
                           "phases=" + std::to_string(phases)});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "early_starts"), std::int64_t(0));
        QCOMPARE(value(r, "trace_order_errors"), std::int64_t(0));
        QCOMPARE(value(r, "completed"), std::int64_t(workers));
        const auto barrier = object_named(r.trace, "barrier");
        QCOMPARE(count(r.trace, Kind::Set, barrier), std::int64_t(phases));
        QCOMPARE(count(r.trace, Kind::Wake, barrier), std::int64_t(phases) * (workers - 1));
        QCOMPARE(count(r.trace, Kind::Broken, barrier), std::int64_t(0));
        const auto starts = object_named(r.trace, "phase start");
        QCOMPARE(count(r.trace, Kind::Mark, starts), std::int64_t(phases) * workers);
    }

    void barrierAbortBreaksEveryone_data() {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("seed");
        QTest::newRow("2 workers") << 2 << 1;
        QTest::newRow("4 workers") << 4 << 2;
        QTest::newRow("8 workers") << 8 << 7;
    }
    void barrierAbortBreaksEveryone() {
        QFETCH(int, workers);
        QFETCH(int, seed);
        RunResult r = run("barrier-phases",
                          {"variant=broken", "work_ms=1", "phases=4",
                           "workers=" + std::to_string(workers), "seed=" + std::to_string(seed)});
        QCOMPARE(r.status, RunStatus::Finished); // nobody hung
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        QCOMPARE(value(r, "aborted"), std::int64_t(1));
        QCOMPARE(value(r, "observed_broken"), std::int64_t(workers - 1));
        // One Broken record; every waiter it broke ended its span as broken.
        const auto barrier = object_named(r.trace, "barrier");
        std::int32_t broken_at_abort = -1;
        std::int64_t broken_spans = 0;
        for (const trace::Record& rec : r.trace.records) {
            if (rec.object != barrier)
                continue;
            if (rec.kind == Kind::Broken)
                broken_at_abort = rec.b;
            if (rec.kind == Kind::WaitEnd &&
                rec.c == static_cast<std::uint16_t>(trace::WaitResult::Broken))
                ++broken_spans;
        }
        QCOMPARE(count(r.trace, Kind::Broken, barrier), std::int64_t(1));
        QCOMPARE(broken_spans, std::int64_t(broken_at_abort));
        QCOMPARE(value(r, "broken_while_waiting"), broken_spans);
        // Rounds before the abort (phases / 2 = 2) completed normally.
        QCOMPARE(count(r.trace, Kind::Set, barrier), std::int64_t(2));
    }

    void lockConvoyContention_data() {
        QTest::addColumn<QString>("variant");
        QTest::newRow("one-lock") << "one-lock";
        QTest::newRow("sharded") << "sharded";
    }
    void lockConvoyContention() {
        QFETCH(QString, variant);
        RunResult r = run("lock-convoy", {"variant=" + variant.toStdString()});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto ops = value(r, "operations");
        QCOMPARE(ops, std::int64_t(6 * 80));
        QCOMPARE(value(r, "counted"), ops);
        QCOMPARE(value(r, "acquisitions"), ops);
        const double pct = real(r, "contended_pct");
        if (variant == "one-lock") {
            QCOMPARE(value(r, "locks"), std::int64_t(1));
            QVERIFY2(pct >= 50, r.outcome.message.c_str());
        } else {
            QCOMPARE(value(r, "locks"), std::int64_t(64));
            QVERIFY2(pct <= 25, r.outcome.message.c_str());
        }
        QVERIFY(r.outcome.values.contains("wait_ms"));
        QVERIFY(real(r, "throughput_ops_per_s") > 0);
        // The outcome's numbers are the analysis's numbers.
        const analysis::Summary sum = analysis::analyze(r.trace);
        std::size_t contended = 0;
        for (const auto& l : sum.stats.locks)
            contended += l.contended;
        QCOMPARE(std::int64_t(contended), value(r, "contended"));
        // The liveness detector sees the convoy on the one hot lock, and none
        // on the shards.
        std::int64_t convoys = 0;
        for (const analysis::Diagnostic& d : findings(r))
            convoys += d.kind == "lock_convoy";
        if (variant == "one-lock") {
            const auto& l = sum.stats.locks.front();
            const std::string why = "contended " + std::to_string(l.contended_pct) +
                                    "%, median wait " + std::to_string(l.wait.median) +
                                    " ns, median hold " + std::to_string(l.hold.median) +
                                    " ns, held " + std::to_string(l.hold.total) + " ns of " +
                                    std::to_string(r.duration_ns);
            QVERIFY2(findings_of(r, "lock_convoy", object_named(r.trace, "table_lock")) == 1,
                     why.c_str());
        } else
            QCOMPARE(convoys, std::int64_t(0));
    }

    void thunderingHerdWastesWakeups() {
        RunResult r = run("thundering-herd", {"variant=herd"});
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto items = value(r, "items");
        QCOMPARE(value(r, "processed_once"), items);
        const auto wakeups = value(r, "wakeups");
        const auto wasted = value(r, "wasted");
        QVERIFY(wasted > 0);
        QVERIFY(2 * wasted >= wakeups);
        QVERIFY(value(r, "max_woken_per_item") > 1);
        // Every Notify is a notify_all (b = -1): one per item and the close.
        const auto cond = object_named(r.trace, "work_ready");
        std::int64_t all = 0;
        for (const trace::Record& rec : r.trace.records)
            all += rec.kind == Kind::Notify && rec.object == cond && rec.b == -1;
        QCOMPARE(all, items + 1);
        QCOMPARE(count(r.trace, Kind::Wake, cond), wakeups + value(r, "shutdown_wakeups"));
        // The liveness detector names the herd on the condition.
        QCOMPARE(findings_of(r, "thundering_herd", cond), std::int64_t(1));
    }

    void thunderingHerdSingleWakesOne_data() {
        QTest::addColumn<QString>("params");
        QTest::newRow("defaults") << "";
        QTest::newRow("busy workers") << "waiters=3 items=60 gap_ms=0.1 work_ms=0.3";
    }
    void thunderingHerdSingleWakesOne() {
        QFETCH(QString, params);
        auto a = split(params);
        a.push_back("variant=single");
        RunResult r = run("thundering-herd", a);
        QVERIFY2(r.outcome.ok, r.outcome.message.c_str());
        const auto items = value(r, "items");
        QCOMPARE(value(r, "processed_once"), items);
        QVERIFY(value(r, "max_woken_per_item") <= 1);
        QVERIFY(value(r, "wasted") <= value(r, "taken_without_waiting"));
        const auto cond = object_named(r.trace, "work_ready");
        std::int64_t one = 0;
        for (const trace::Record& rec : r.trace.records)
            one += rec.kind == Kind::Notify && rec.object == cond && rec.b == 1;
        QCOMPARE(one, items);
        QCOMPARE(findings_of(r, "thundering_herd", cond), std::int64_t(0));
    }

    // No false alarm: the fixed variants, 50 seeds each, with small parameters.
    void fixedVariantsStayHealthy_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("params");
        const char* const rows[][2] = {
            {"check-then-act", "variant=locked threads=3 keys=3 compute_ms=0.2"},
            {"sleeping-barber", "customers=6 chairs=2 cut_ms=0.5 arrival_ms=0.3"},
            {"barrier-phases", "variant=normal workers=3 phases=3 work_ms=0.3"},
            {"lock-convoy", "variant=sharded threads=3 ops=20 hold_us=40 think_us=10"},
            // Items far enough apart that a waiter is back waiting before the
            // next one even 10x slower (a sanitizer build): otherwise a busy
            // worker takes each item without waiting and a waiting one starves
            // (a true finding for that run, not what this row is about).
            {"thundering-herd", "variant=single waiters=3 items=8 gap_ms=2 work_ms=0.05"},
        };
        for (const auto& [id, params] : rows)
            QTest::newRow(id) << QString(id) << QString(params);
    }
    void fixedVariantsStayHealthy() {
        QFETCH(QString, id);
        QFETCH(QString, params);
        for (int seed = 1; seed <= 50; ++seed) {
            auto a = split(params);
            a.push_back("seed=" + std::to_string(seed));
            RunResult r = run(id.toStdString(), a);
            const std::string where = "seed " + std::to_string(seed) + ": " + r.outcome.message;
            // A deadlock or a stall would have stopped the run with that status.
            QVERIFY2(r.status == RunStatus::Finished, where.c_str());
            QVERIFY2(r.outcome.ok, where.c_str());
            // Nothing for the detectors to find, live or afterwards: no deadlock,
            // stall or starvation, and with these sizes no convoy or herd either.
            for (const analysis::Diagnostic& d : r.diagnostics)
                QVERIFY2(false, (where + " / live: " + d.message).c_str());
            for (const analysis::Diagnostic& d : findings(r))
                QVERIFY2(false, (where + " / " + d.kind + ": " + d.message).c_str());
        }
    }

    // Stops at the start, early, halfway and late in a run: it ends as
    // stopped (or finished, if it got there first) and every thread it made
    // is gone.
    void stopLeavesNoThreadBehind_data() { every_variant(); }
    void stopLeavesNoThreadBehind() {
        QFETCH(QString, id);
        QFETCH(QString, params);
        const std::size_t before = threads_in_process();
        RunResult full = run(id.toStdString(), split(params));
        QCOMPARE(full.status, RunStatus::Finished);
        QVERIFY(threads_back_to(before));
        const auto length = std::chrono::nanoseconds(full.duration_ns);
        int stopped = 0;
        for (double at : {0.0, 0.1, 0.5, 0.9}) {
            std::stop_source stop;
            std::mutex m;
            std::condition_variable cv;
            bool over = false;
            std::thread stopper([&] {
                std::unique_lock g(m);
                cv.wait_for(g, std::chrono::duration_cast<std::chrono::nanoseconds>(at * length),
                            [&] { return over; });
                stop.request_stop();
            });
            if (at == 0.0)
                stop.request_stop(); // before the scenario even starts
            RunResult r = run(id.toStdString(), split(params), stop.get_token());
            {
                std::lock_guard g(m);
                over = true;
            }
            cv.notify_all();
            stopper.join();
            const std::string where = "stop at " + std::to_string(at) + ": " +
                                      std::string(run_status_name(r.status)) + " " +
                                      r.outcome.message;
            QVERIFY2(r.status == RunStatus::Stopped || r.status == RunStatus::Finished,
                     where.c_str());
            if (r.status == RunStatus::Stopped) {
                ++stopped;
                QVERIFY(!r.outcome.ok);
                QVERIFY(r.trace.finished);
            }
            QVERIFY2(threads_back_to(before), where.c_str());
        }
        QVERIFY(stopped >= 1); // at least the stop before the start
    }
};

QTEST_GUILESS_MAIN(TestClassicB)
#include "tst_classic_b.moc"
