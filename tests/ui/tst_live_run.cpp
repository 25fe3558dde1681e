#include "run/live_run.h"

#include "scenario/catalog.h"

#include <QSignalSpy>
#include <QtTest>

using namespace il;

namespace {
scenario::Params params_of(const char* id, std::vector<std::string> list) {
    return scenario::parse_params(scenario::find_scenario(id)->info().params, list);
}
} // namespace

class TestLiveRun : public QObject {
    Q_OBJECT
private slots:
    void publishesLiveDataThenTheResult() {
        qRegisterMetaType<il::ui::RunDataPtr>();
        ui::LiveRun run;
        run.setLivePeriod(std::chrono::milliseconds(20));
        QSignalSpy updated(&run, &ui::LiveRun::updated);
        QSignalSpy finished(&run, &ui::LiveRun::finished);
        // Slow enough (about half a second) to be seen while it runs.
        const auto* s = scenario::find_scenario("producer-consumer");
        QVERIFY(run.start(*s, params_of("producer-consumer", {"items=60", "work_ms=20"}),
                          "items=60 work_ms=20"));
        QVERIFY(run.isRunning());
        QVERIFY(!run.start(*s, params_of("producer-consumer", {}), "")); // one at a time
        QVERIFY(finished.wait(30000));
        QVERIFY(!run.isRunning());
        QVERIFY(updated.count() >= 1);
        std::size_t last = 0;
        for (const auto& args : updated) {
            auto d = args[0].value<ui::RunDataPtr>();
            QVERIFY(d->live);
            QCOMPARE(d->scenario, std::string("producer-consumer"));
            QVERIFY(d->snapshot.records.size() >= last); // snapshots only grow
            last = d->snapshot.records.size();
        }
        auto d = finished[0][0].value<ui::RunDataPtr>();
        QVERIFY(!d->live);
        QVERIFY2(d->outcome.ok, d->outcome.message.c_str());
        QCOMPARE(d->params, std::string("items=60 work_ms=20"));
        QVERIFY(d->snapshot.finished);
        QVERIFY(d->snapshot.records.size() >= last);
        QVERIFY(!d->summary.timelines.empty());
    }

    void stopEndsALongRun() {
        ui::LiveRun run;
        QSignalSpy finished(&run, &ui::LiveRun::finished);
        const auto* s = scenario::find_scenario("dining-philosophers");
        QVERIFY(run.start(
            *s,
            params_of("dining-philosophers", {"variant=ordered", "meals=10000", "think_ms=100"}),
            ""));
        QTest::qWait(200);
        run.stop();
        QVERIFY(finished.wait(10000));
        auto d = finished[0][0].value<ui::RunDataPtr>();
        QCOMPARE(d->status, scenario::RunStatus::Stopped);
        QVERIFY(!d->outcome.ok);
    }

    void aDeadlockEndsTheRunWithItsDiagnostic() {
        ui::LiveRun run;
        QSignalSpy finished(&run, &ui::LiveRun::finished);
        const auto* s = scenario::find_scenario("dining-philosophers");
        QVERIFY(run.start(*s, params_of("dining-philosophers", {"variant=naive"}), ""));
        QVERIFY(finished.wait(30000));
        auto d = finished[0][0].value<ui::RunDataPtr>();
        QCOMPARE(d->status, scenario::RunStatus::Deadlocked);
        bool found = false;
        for (const auto& diag : d->summary.diagnostics)
            found = found || diag.kind == "deadlock";
        QVERIFY(found);
    }

    void destroyingStopsTheRun() {
        auto run = std::make_unique<ui::LiveRun>();
        const auto* s = scenario::find_scenario("dining-philosophers");
        QVERIFY(run->start(
            *s,
            params_of("dining-philosophers", {"variant=ordered", "meals=10000", "think_ms=100"}),
            ""));
        QTest::qWait(100);
        run.reset(); // must return (stop + wait), not hang or crash
    }
};

QTEST_MAIN(TestLiveRun)
#include "tst_live_run.moc"
