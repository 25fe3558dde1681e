// The diagnostics panel: exact items and empty states on hand-made data, and
// a real deadlocked dining-philosophers run whose deadlock moves the playhead.
#include "diagnostics/diagnostics_panel.h"
#include "hand_trace.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "style/colors.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using il::trace::Kind;
using il::ui::DiagnosticsPanel;

namespace {

constexpr std::int64_t ms = 1'000'000;
constexpr std::int64_t T0 = HandTrace::kStart;

struct Fixture {
    HandTrace h;
    std::size_t beta_wait = 0;
    Fixture() {
        const auto a = h.lane("alpha");
        const auto b = h.lane("beta");
        const auto lock = h.object(il::trace::ObjectKind::Lock, "L");
        h.rec(0, a, Kind::LaneStart, h.laneObject(a));
        h.rec(0, b, Kind::LaneStart, h.laneObject(b));
        h.rec(1 * ms, a, Kind::Acquire, lock, 0, 1);
        beta_wait = h.rec(2 * ms, b, Kind::WaitBegin, lock, 0, 0,
                          HandTrace::u(il::trace::WaitReason::Lock));
        h.rec(4 * ms, a, Kind::SleepBegin, 0, ms); // after the deadlock's time
        h.rec(10 * ms, a, Kind::SleepEnd);
    }
    il::ui::RunDataPtr with_diagnostics(bool live = false) const {
        auto d = std::make_shared<il::ui::RunData>(*h.data(-1, live));
        d->summary.diagnostics.push_back(
            {"deadlock", "beta waits for L forever", {2}, {3}, T0 + 3 * ms});
        d->summary.diagnostics.push_back(
            {"lost_update", "an update was lost", {}, {}, T0 + 5 * ms});
        return d;
    }
};

struct Panel {
    il::ui::RunModel run;
    il::ui::TimeWindow window;
    DiagnosticsPanel panel{&run, &window};
    QTreeWidget* list = panel.findChild<QTreeWidget*>("diagnosticList");
    QLabel* empty = panel.findChild<QLabel*>("diagnosticsEmpty");
};

} // namespace

class TestDiagnosticsPanel : public QObject {
    Q_OBJECT
private slots:
    void emptyStates();
    void listsDiagnostics();
    void activatingJumps();
    void deadlockedRun();
};

void TestDiagnosticsPanel::emptyStates() {
    Panel p;
    QVERIFY(p.list && p.empty);
    QCOMPARE(p.panel.objectName(), QString("diagnosticsPanel"));
    QVERIFY(!p.empty->isHidden());
    QVERIFY(p.list->isHidden());
    QCOMPARE(p.empty->text(), QString("No problems found"));
    Fixture f;
    p.run.setData(f.h.data(-1, true));
    QCOMPARE(p.empty->text(), QString("Still running…"));
    p.run.setData(f.h.data());
    QCOMPARE(p.empty->text(), QString("No problems found"));
    QVERIFY(p.list->isHidden());
}

void TestDiagnosticsPanel::listsDiagnostics() {
    Panel p;
    Fixture f;
    p.run.setData(f.with_diagnostics(true));
    QVERIFY(p.empty->isHidden());
    QVERIFY(!p.list->isHidden());
    QCOMPARE(p.list->topLevelItemCount(), 2);
    QTreeWidgetItem* dead = p.list->topLevelItem(0);
    QCOMPARE(dead->text(0), QString("Deadlock"));
    QCOMPARE(dead->text(1), QString("3.000 ms"));
    QCOMPARE(dead->text(2), QString("beta waits for L forever"));
    QCOMPARE(dead->foreground(0).color(), il::ui::deadlock_color());
    QVERIFY(!dead->icon(0).isNull());
    QCOMPARE(p.list->topLevelItem(1)->text(0), QString("Lost update"));
    QCOMPARE(p.list->topLevelItem(1)->text(1), QString("5.000 ms"));
    QCOMPARE(il::ui::diagnostic_color("deadlock"), il::ui::deadlock_color());
    QVERIFY(il::ui::diagnostic_color("starvation") != il::ui::deadlock_color());
    QCOMPARE(il::ui::diagnostic_kind_label("some_new_kind"), QString("some new kind"));

    // A live update with the same findings keeps the current item.
    p.list->setCurrentItem(p.list->topLevelItem(1));
    p.run.setData(f.with_diagnostics(true));
    QCOMPARE(p.list->currentItem(), p.list->topLevelItem(1));
    QCOMPARE(p.list->currentItem()->text(0), QString("Lost update"));
}

void TestDiagnosticsPanel::activatingJumps() {
    Panel p;
    Fixture f;
    p.run.setData(f.with_diagnostics());
    p.window.setRange(T0, T0 + 10 * ms);
    p.window.setWindow(T0 + 8 * ms, T0 + 9 * ms);
    p.panel.resize(700, 200);
    p.panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p.panel));
    QSignalSpy activated(&p.panel, &DiagnosticsPanel::diagnosticActivated);

    // A click on the deadlock: the playhead goes to its time, the window
    // shows it, and beta's last record before it is selected.
    const QRect r = p.list->visualItemRect(p.list->topLevelItem(0));
    QTest::mouseClick(p.list->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated[0][0].toInt(), 0);
    QCOMPARE(p.window.playhead(), T0 + 3 * ms);
    QCOMPARE(p.window.selectedRecord(), f.beta_wait);
    QVERIFY(p.window.windowStart() <= T0 + 3 * ms && p.window.windowEnd() >= T0 + 3 * ms);

    // Enter on the lost update (no lane): only the playhead moves.
    p.list->setFocus();
    p.list->setCurrentItem(p.list->topLevelItem(1));
    activated.clear();
    QTest::keyClick(p.list, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated[0][0].toInt(), 1);
    QCOMPARE(p.window.playhead(), T0 + 5 * ms);
    QCOMPARE(p.window.selectedRecord(), f.beta_wait);
}

void TestDiagnosticsPanel::deadlockedRun() {
    const auto* spec = il::scenario::find_scenario("dining-philosophers");
    QVERIFY(spec);
    auto params = il::scenario::parse_params(spec->info().params,
                                             {"variant=naive", "philosophers=3", "think_ms=0"});
    auto result = il::scenario::run_scenario(*spec, params, {});
    QCOMPARE(result.status, il::scenario::RunStatus::Deadlocked);
    Panel p;
    p.run.setData(il::ui::make_run_data(std::move(result), "variant=naive philosophers=3"));
    const il::ui::RunData& data = *p.run.data();
    p.window.setRange(data.snapshot.start_ns, data.snapshot.end_ns);
    p.panel.resize(700, 200);
    p.panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p.panel));

    int deadlock = -1;
    for (int i = 0; i < p.list->topLevelItemCount(); ++i)
        if (p.list->topLevelItem(i)->text(0) == "Deadlock")
            deadlock = i;
    QVERIFY(deadlock >= 0);
    const auto& d = data.summary.diagnostics[std::size_t(deadlock)];
    QCOMPARE(d.kind, std::string("deadlock"));
    QCOMPARE(p.list->topLevelItem(deadlock)->text(2), QString::fromStdString(d.message));

    QSignalSpy activated(&p.panel, &DiagnosticsPanel::diagnosticActivated);
    const QRect r = p.list->visualItemRect(p.list->topLevelItem(deadlock));
    QTest::mouseClick(p.list->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(p.window.playhead(), d.t_ns);
    const std::size_t sel = p.window.selectedRecord();
    QVERIFY(sel < data.snapshot.records.size());
    QCOMPARE(data.snapshot.records[sel].lane, d.lanes.front());
    QVERIFY(data.snapshot.records[sel].t_ns <= d.t_ns);
}

QTEST_MAIN(TestDiagnosticsPanel)
#include "tst_diagnostics_panel.moc"
