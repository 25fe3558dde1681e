// Sweeps: parsing (every error names what is allowed), the values a range
// gives, summarise and the Amdahl fit on hand-made runs, and real sweeps of a
// seeded scenario (reproducible, cancellable, with progress). No test here
// compares timings: only values, seeds and outcomes.
#include "scenario/catalog.h"
#include "sweep/sweep.h"

#include <QtTest>

#include <clocale>
#include <cmath>
#include <thread>

using namespace il;
using namespace il::sweep;

namespace {

// barrier-phases: workers 2..32, phases, work_ms 0..1000, seed; deterministic outcome values.
const scenario::Scenario& barrier() {
    return *scenario::find_scenario("barrier-phases");
}

SweepRun hand_run(double value, std::int64_t wall_ns, bool ok = true, std::int64_t cpu_ns = 0) {
    SweepRun r;
    r.value = value;
    r.wall_ns = wall_ns;
    r.cpu_ns = cpu_ns;
    r.ok = ok;
    return r;
}

// Runs taking exactly what Amdahl's law with serial fraction f says, for n = 1, 2, 4, 8.
std::vector<SweepRun> amdahl_runs(double f) {
    std::vector<SweepRun> runs;
    for (double n : {1.0, 2.0, 4.0, 8.0})
        runs.push_back(hand_run(n, std::llround(1e9 * (f + (1 - f) / n))));
    return runs;
}

QStringList split_csv_line(const std::string& line) {
    return QString::fromStdString(line).split(',');
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find("\r\n", at);
        out.push_back(text.substr(at, end - at));
        at = end == std::string::npos ? text.size() : end + 2;
    }
    return out;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void parseErrorsNameTheProblem_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("range");
        QTest::addColumn<int>("repeat");
        QTest::addColumn<qulonglong>("seed");
        QTest::addColumn<QStringList>("assignments");
        QTest::addColumn<QStringList>("expected"); // substrings of the message
        const QString b = "barrier-phases";
        const QStringList none;
        QTest::newRow("no equals")
            << b << "workers" << 1 << 1ull << none
            << QStringList{"expected PARAM=FROM..TO", "workers (an integer in 2..32)"};
        QTest::newRow("unknown parameter")
            << b << "threads=1..4" << 1 << 1ull << none
            << QStringList{"no parameter 'threads'", "workers (an integer in 2..32)", "work_ms"};
        QTest::newRow("not numeric")
            << b << "variant=1..2" << 1 << 1ull << none
            << QStringList{"'variant'", "one of normal, broken", "cannot be swept", "workers"};
        QTest::newRow("no range") << b << "workers=4" << 1 << 1ull << none
                                  << QStringList{"'4' is not a range", "FROM..TO"};
        QTest::newRow("from not a number") << b << "workers=a..4" << 1 << 1ull << none
                                           << QStringList{"FROM 'a' is not an integer"};
        QTest::newRow("real bound of an int") << b << "workers=2.5..4" << 1 << 1ull << none
                                              << QStringList{"FROM '2.5' is not an integer"};
        QTest::newRow("to missing")
            << b << "workers=2.." << 1 << 1ull << none << QStringList{"TO '' is not an integer"};
        QTest::newRow("step not a number") << b << "workers=2..4:x" << 1 << 1ull << none
                                           << QStringList{"STEP 'x' is not an integer"};
        QTest::newRow("nan") << b << "work_ms=nan..2" << 1 << 1ull << none
                             << QStringList{"FROM 'nan' is not a number"};
        QTest::newRow("from above to") << b << "workers=8..2" << 1 << 1ull << none
                                       << QStringList{"FROM 8 is greater than TO 2", "2..8"};
        QTest::newRow("below min") << b << "workers=1..4" << 1 << 1ull << none
                                   << QStringList{"1..4 goes outside", "an integer in 2..32"};
        QTest::newRow("above max") << b << "workers=2..64" << 1 << 1ull << none
                                   << QStringList{"2..64 goes outside", "an integer in 2..32"};
        QTest::newRow("step zero") << b << "workers=2..8:0" << 1 << 1ull << none
                                   << QStringList{"STEP 0 must be greater than 0"};
        QTest::newRow("negative real step") << b << "work_ms=1..2:-0.5" << 1 << 1ull << none
                                            << QStringList{"STEP -0.5 must be greater than 0"};
        QTest::newRow("too many reals") << b << "work_ms=0..1000:0.5" << 1 << 1ull << none
                                        << QStringList{"gives 2001 values", "at most 1000"};
        QTest::newRow("too many ints")
            << "lock-convoy"
            << "keys=1..1000000" << 1 << 1ull << none
            << QStringList{"gives 1000000 values", "at most 1000", "larger STEP"};
        QTest::newRow("one value") << b << "workers=4..4" << 1 << 1ull << none
                                   << QStringList{"only 1 value", "at least 2"};
        QTest::newRow("step past the range")
            << b << "workers=2..4:5" << 1 << 1ull << none << QStringList{"only 1 value"};
        QTest::newRow("repeat 0") << b << "workers=2..4" << 0 << 1ull << none
                                  << QStringList{"repeat 0 is out of range", "1..100"};
        QTest::newRow("repeat 101") << b << "workers=2..4" << 101 << 1ull << none
                                    << QStringList{"repeat 101 is out of range", "1..100"};
        QTest::newRow("seeds past the spec")
            << b << "workers=2..4" << 3 << 999999999ull << none
            << QStringList{"needs seeds 999999999..1000000001",
                           "parameter 'seed' allows an integer in 0.."};
        QTest::newRow("assigns the swept parameter")
            << b << "workers=2..4" << 1 << 1ull << QStringList{"workers=3"}
            << QStringList{"'workers' is the swept parameter", "workers=3"};
        QTest::newRow("assigns the seed")
            << b << "workers=2..4" << 1 << 1ull << QStringList{"seed=4"}
            << QStringList{"the sweep sets 'seed'", "seed=4"};
        QTest::newRow("bad assignment")
            << b << "workers=2..4" << 1 << 1ull << QStringList{"phases=0"}
            << QStringList{"parameter 'phases'", "out of range", "an integer in 1..1000"};
        QTest::newRow("unknown assignment")
            << b << "workers=2..4" << 1 << 1ull << QStringList{"bogus=1"}
            << QStringList{"unknown parameter 'bogus'"};
    }
    void parseErrorsNameTheProblem() {
        QFETCH(QString, scenario);
        QFETCH(QString, range);
        QFETCH(int, repeat);
        QFETCH(qulonglong, seed);
        QFETCH(QStringList, assignments);
        QFETCH(QStringList, expected);
        const scenario::Scenario* s = scenario::find_scenario(scenario.toStdString());
        QVERIFY(s);
        std::vector<std::string> as;
        for (const QString& a : assignments)
            as.push_back(a.toStdString());
        try {
            parse_sweep(*s, range.toStdString(), repeat, seed, as);
            QFAIL("no SweepError");
        } catch (const SweepError& e) {
            const QString message = e.what();
            for (const QString& part : expected)
                QVERIFY2(message.contains(part), qPrintable(message + " lacks: " + part));
        }
    }

    void intValues() {
        SweepSpec s = parse_sweep(barrier(), "workers=2..8", 3, 5, {"phases=2"});
        QCOMPARE(s.scenario, std::string("barrier-phases"));
        QCOMPARE(s.param, std::string("workers"));
        QCOMPARE(s.values, (std::vector<double>{2, 3, 4, 5, 6, 7, 8}));
        QCOMPARE(s.repeat, 3);
        QCOMPARE(s.seed, std::uint64_t(5));
        QCOMPARE(s.assignments, std::vector<std::string>{"phases=2"});
        QCOMPARE(parse_sweep(barrier(), "workers=2..16:3").values,
                 (std::vector<double>{2, 5, 8, 11, 14}));
        QCOMPARE(parse_sweep(barrier(), "phases=1..1000").values.size(), std::size_t(1000));
    }

    void realValues() {
        auto steps = parse_sweep(barrier(), "work_ms=0.5..5:0.5").values;
        QCOMPARE(steps.size(), std::size_t(10));
        QCOMPARE(steps.front(), 0.5);
        QCOMPARE(steps[2], 1.5);
        QCOMPARE(steps.back(), 5.0);
        // No binary noise: 0.1 + 2 * 0.1 is taken as 0.3.
        QCOMPARE(parse_sweep(barrier(), "work_ms=0.1..0.3:0.1").values,
                 (std::vector<double>{0.1, 0.2, 0.3}));
        // Without a step: 8 evenly spaced values.
        QCOMPARE(parse_sweep(barrier(), "work_ms=1..8").values,
                 (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8}));
        auto even = parse_sweep(barrier(), "work_ms=0..0.7").values;
        QCOMPARE(even.size(), std::size_t(8));
        QCOMPARE(even[3], 0.3);
        QCOMPARE(even.back(), 0.7);
    }

    void runChecksAHandBuiltSpec() {
        SweepSpec s;
        s.scenario = "barrier-phases";
        s.param = "workers";
        s.values = {2, 100};
        QVERIFY_THROWS_EXCEPTION(SweepError, run_sweep(s));
        s.values = {2, 2.5};
        QVERIFY_THROWS_EXCEPTION(SweepError, run_sweep(s));
        s.values = {2};
        QVERIFY_THROWS_EXCEPTION(SweepError, run_sweep(s));
        s.values = {2, 3};
        s.scenario = "no-such-scenario";
        QVERIFY_THROWS_EXCEPTION(SweepError, run_sweep(s));
    }

    void summariseTakesMediansOverRepeats() {
        const std::vector<SweepRun> runs{
            hand_run(1, 100, true, 10), hand_run(1, 300, true, 30), hand_run(1, 200, true, 20),
            hand_run(2, 100, true, 5),  hand_run(2, 120, false, 7), hand_run(4, 50, true, 40),
        };
        const auto p = summarise(runs, 8);
        QCOMPARE(p.size(), std::size_t(3));
        QCOMPARE(p[0].value, 1.0);
        QCOMPARE(p[0].wall_ns, std::int64_t(200));
        QCOMPARE(p[0].wall_min_ns, std::int64_t(100));
        QCOMPARE(p[0].wall_max_ns, std::int64_t(300));
        QCOMPARE(p[0].cpu_ns, std::int64_t(20));
        QCOMPARE(p[1].wall_ns, std::int64_t(110)); // median of two: their mean
        QCOMPARE(p[1].cpu_ns, std::int64_t(6));
        QCOMPARE(p[0].speedup, 1.0);
        QCOMPARE(p[1].speedup, 200.0 / 110.0);
        QCOMPARE(p[2].speedup, 4.0);
        QCOMPARE(p[1].ideal, 2.0);
        QCOMPARE(p[2].ideal, 4.0);
        QCOMPARE(p[1].efficiency, 200.0 / 110.0 / 2.0);
        QCOMPARE(p[2].efficiency, 1.0);
        QVERIFY(p[0].all_ok);
        QVERIFY(!p[1].all_ok);
        QVERIFY(summarise({}, 2).empty());
    }

    void amdahlFitRecoversTheSerialFraction_data() {
        QTest::addColumn<double>("f");
        for (double f : {0.0, 0.05, 0.25, 0.5, 0.9, 1.0})
            QTest::newRow(qPrintable(QString::number(f))) << f;
    }
    void amdahlFitRecoversTheSerialFraction() {
        QFETCH(double, f);
        const auto p = summarise(amdahl_runs(f), 64);
        const double fitted = fit_serial_fraction(p);
        QVERIFY2(std::fabs(fitted - f) < 1e-6, qPrintable(QString::number(fitted)));
        for (const SweepPoint& pt : p)
            QVERIFY2(std::fabs(pt.amdahl - pt.speedup) < 1e-6 * pt.speedup,
                     qPrintable(QString::number(pt.amdahl)));
    }

    void amdahlFitClamps() {
        // Perfect scaling: f = 0, and the curve is the ideal line.
        auto perfect = summarise(amdahl_runs(0), 64);
        QCOMPARE(fit_serial_fraction(perfect), 0.0);
        QCOMPARE(perfect.back().amdahl, 8.0);
        // Superlinear (caches): the fit would go negative; clamped to 0.
        auto super = summarise({hand_run(1, 1000), hand_run(2, 400), hand_run(4, 200)}, 64);
        QCOMPARE(fit_serial_fraction(super), 0.0);
        // Slower with more workers: past 1; clamped to 1, a flat curve.
        auto slower = summarise({hand_run(1, 1000), hand_run(2, 1500), hand_run(4, 3000)}, 64);
        QCOMPARE(fit_serial_fraction(slower), 1.0);
        QCOMPARE(slower.back().amdahl, 1.0);
        // Nothing to fit: one point, or a first value of 0 (no ideal).
        QCOMPARE(fit_serial_fraction(summarise({hand_run(1, 1000)}, 64)), 0.0);
        auto from_zero = summarise({hand_run(0, 1000), hand_run(5, 500)}, 64);
        QCOMPARE(from_zero[1].ideal, 0.0);
        QCOMPARE(from_zero[1].efficiency, 0.0);
        QCOMPARE(from_zero[1].speedup, 2.0);
        QCOMPARE(fit_serial_fraction(from_zero), 0.0);
    }

    void oversubscriptionPastTheCores() {
        std::vector<SweepRun> runs;
        for (double v : {1, 2, 3, 4})
            runs.push_back(hand_run(v, 100));
        auto p = summarise(runs, 2);
        QCOMPARE(p[0].oversubscribed, false);
        QCOMPARE(p[1].oversubscribed, false);
        QCOMPARE(p[2].oversubscribed, true);
        QCOMPARE(p[3].oversubscribed, true);
        for (const SweepPoint& pt : summarise(runs, 0)) // unknown core count
            QCOMPARE(pt.oversubscribed, false);
    }

    void realSweepIsReproducibleForASeed() {
        const SweepSpec spec =
            parse_sweep(barrier(), "workers=2..3", 2, 7, {"phases=2", "work_ms=0.2"});
        auto once = [&](std::vector<int>& done) {
            SweepOptions o;
            o.timeout = std::chrono::seconds(60);
            o.progress = [&](int d, int total, const SweepRun&) {
                done.push_back(d);
                done.push_back(total);
            };
            return run_sweep(spec, o);
        };
        std::vector<int> progress_a, progress_b;
        const SweepResult a = once(progress_a);
        const SweepResult b = once(progress_b);
        // Once per run: runs done, runs in all.
        QCOMPARE(progress_a, (std::vector<int>{1, 4, 2, 4, 3, 4, 4, 4}));
        QCOMPARE(progress_b, progress_a);
        QVERIFY(!a.cancelled);
        QCOMPARE(a.runs.size(), std::size_t(4));
        QCOMPARE(a.points.size(), std::size_t(2));
        QCOMPARE(a.cores, std::thread::hardware_concurrency());
        for (std::size_t i = 0; i < a.runs.size(); ++i) {
            const SweepRun& x = a.runs[i];
            const SweepRun& y = b.runs[i];
            QCOMPARE(x.value, i < 2 ? 2.0 : 3.0);
            QCOMPARE(x.repeat, int(i % 2));
            QCOMPARE(x.seed, std::uint64_t(7 + i % 2));
            QVERIFY2(x.ok, x.message.c_str());
            QCOMPARE(x.status, scenario::RunStatus::Finished);
            QCOMPARE(x.values.at("workers").get<int>(), int(x.value));
            QCOMPARE(x.values.at("phases").get<int>(), 2);
            QCOMPARE(y.value, x.value);
            QCOMPARE(y.seed, x.seed);
            QCOMPARE(y.message, x.message);
            QCOMPARE(y.values.dump(), x.values.dump());
            QVERIFY(x.wall_ns > 0);
        }
        QVERIFY(a.points[0].all_ok && a.points[1].all_ok);
        QCOMPARE(a.points[0].speedup, 1.0);
        QCOMPARE(a.points[1].ideal, 1.5);
        QVERIFY(a.serial_fraction >= 0 && a.serial_fraction <= 1);
        const auto json = sweep_json(a);
        QCOMPARE(json.at("runs").size(), std::size_t(4));
        QCOMPARE(json.at("runs")[1].at("seed").get<int>(), 8);
        QCOMPARE(json.at("runs")[1].at("status").get<std::string>(), std::string("finished"));
    }

    void cancelBetweenRunsKeepsTheFinishedOnes() {
        const SweepSpec spec =
            parse_sweep(barrier(), "workers=2..4", 2, 1, {"phases=1", "work_ms=0.1"});
        std::stop_source stop;
        int calls = 0;
        SweepOptions o;
        o.stop = stop.get_token();
        o.progress = [&](int done, int, const SweepRun&) {
            ++calls;
            if (done == 3)
                stop.request_stop();
        };
        const SweepResult r = run_sweep(spec, o);
        QVERIFY(r.cancelled);
        QCOMPARE(calls, 3);
        QCOMPARE(r.runs.size(), std::size_t(3));
        QCOMPARE(r.points.size(), std::size_t(2)); // workers 2 (both repeats), 3 (one)
        QCOMPARE(r.points[1].value, 3.0);
        for (const SweepRun& run : r.runs)
            QVERIFY2(run.ok, run.message.c_str());
        QCOMPARE(sweep_json(r).at("cancelled").get<bool>(), true);
    }

    void cancelDuringARunStopsIt() {
        // The first value runs instantly; the second would sleep for seconds.
        const SweepSpec spec =
            parse_sweep(barrier(), "work_ms=0..1000:1000", 1, 1, {"phases=5", "workers=2"});
        std::stop_source stop;
        std::jthread stopper;
        SweepOptions o;
        o.stop = stop.get_token();
        o.progress = [&](int done, int, const SweepRun&) {
            if (done == 1)
                stopper = std::jthread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    stop.request_stop();
                });
        };
        const SweepResult r = run_sweep(spec, o);
        QVERIFY(r.cancelled);
        QCOMPARE(r.runs.size(), std::size_t(1)); // the stopped run measured nothing
        QCOMPARE(r.runs[0].value, 0.0);
        QVERIFY(r.runs[0].ok);
        QCOMPARE(r.points.size(), std::size_t(1));
    }

    void csvColumnsMatchTheHeader() {
        SweepResult r;
        r.runs = {hand_run(1, 2'000'000, true, 1'500'000), hand_run(2, 1'000'000, true, 1'000'000),
                  hand_run(4, 800'000, false, 900'000)};
        r.points = summarise(r.runs, 2);
        r.serial_fraction = fit_serial_fraction(r.points);
        // A locale with a decimal comma must not leak into the file.
        const char* old = std::setlocale(LC_NUMERIC, nullptr);
        const std::string saved = old ? old : "C";
        std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
        const std::string csv = sweep_csv(r);
        std::setlocale(LC_NUMERIC, saved.c_str());
        const auto rows = lines(csv);
        QCOMPARE(rows.size(), std::size_t(4));
        const QStringList header = split_csv_line(rows[0]);
        QCOMPARE(header,
                 (QStringList{"value", "wall_ms", "wall_min_ms", "wall_max_ms", "cpu_ms", "speedup",
                              "ideal", "efficiency", "amdahl", "oversubscribed", "ok"}));
        for (std::size_t i = 1; i < rows.size(); ++i)
            QCOMPARE(split_csv_line(rows[i]).size(), header.size());
        QCOMPARE(split_csv_line(rows[1]),
                 (QStringList{"1", "2", "2", "2", "1.5", "1", "1", "1", "1", "false", "true"}));
        const QStringList last = split_csv_line(rows[3]);
        QCOMPARE(last[0], QString("4"));
        QCOMPARE(last[1], QString("0.8"));
        QCOMPARE(last[5], QString("2.5"));
        QCOMPARE(last[7], QString("0.625"));
        QCOMPARE(last[9], QString("true")); // 4 > 2 cores
        QCOMPARE(last[10], QString("false"));
        QVERIFY(std::fabs(last[8].toDouble() - r.points[2].amdahl) < 1e-6); // 6 decimals
    }

    void jsonHoldsTheSpecAndPoints() {
        SweepResult r;
        r.spec.scenario = "barrier-phases";
        r.spec.param = "work_ms";
        r.spec.values = {0.5, 2};
        r.runs = {hand_run(0.5, 1000), hand_run(2, 500)};
        r.points = summarise(r.runs, 2);
        const auto j = sweep_json(r);
        QCOMPARE(j.at("values")[0].get<double>(), 0.5);
        QVERIFY(j.at("values")[1].is_number_integer());
        QCOMPARE(j.at("points").size(), std::size_t(2));
        QCOMPARE(j.at("points")[1].at("speedup").get<double>(), 2.0);
        QCOMPARE(j.at("points")[1].at("ideal").get<double>(), 4.0);
        QCOMPARE(j.at("points")[1].at("efficiency").get<double>(), 0.5);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
