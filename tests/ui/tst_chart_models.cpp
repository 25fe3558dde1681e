// Chart data of hand-made runs and sweeps: the right series with the right
// values, kinds a run lacks refused with the reason, and CSV columns that
// match the series.
#include "chart_fixture.h"
#include "charts/run_chart_parts.h"
#include "charts/run_charts.h"
#include "charts/sweep_charts.h"

#include <QtTest>

using il::test::ms;
using il::ui::ChartData;
using il::ui::ChartError;
using il::ui::ChartKind;
using il::ui::ChartLayout;
using il::ui::SeriesShape;

namespace {

QStringList names(const ChartData& c) {
    QStringList out;
    for (const auto& s : c.series)
        out << s.name;
    return out;
}

const il::ui::ChartSeries& series(const ChartData& c, const QString& name) {
    for (const auto& s : c.series)
        if (s.name == name)
            return s;
    throw std::runtime_error("no series " + name.toStdString());
}

QList<QPointF> points(const il::ui::ChartSeries& s) {
    return QList<QPointF>(s.points.begin(), s.points.end());
}

QStringList csv_lines(const ChartData& c) {
    return QString::fromStdString(il::ui::chart_csv(c)).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestChartModels : public QObject {
    Q_OBJECT
private slots:
    void kindNames();
    void utilisation();
    void lockHistograms();
    void logBins();
    void queueFill();
    void throughput();
    void models();
    void missingKindsSayWhy();
    void sweepWallTime();
    void sweepSpeedup();
    void sweepEfficiency();
    void sweepErrors();
};

void TestChartModels::kindNames() {
    for (ChartKind k : il::ui::run_chart_kinds())
        QCOMPARE(il::ui::chart_kind_from_name(il::ui::chart_kind_name(k)), k);
    for (ChartKind k : il::ui::sweep_chart_kinds())
        QVERIFY(il::ui::is_sweep_kind(k));
    QCOMPARE(il::ui::kind_names(il::ui::run_chart_kinds()),
             std::string("utilisation, lock-wait, lock-hold, queue-fill, throughput, models"));
    QVERIFY(!il::ui::chart_kind_from_name("pie"));
}

void TestChartModels::utilisation() {
    const ChartData c = il::ui::run_chart(*il::test::busy_run(), ChartKind::Utilisation);
    QCOMPARE(c.layout, ChartLayout::StackedBars);
    QCOMPARE(c.categories, QStringList({"alpha", "beta", "gamma"}));
    // Ready is never reached here, so it has no series.
    QCOMPARE(names(c), QStringList({"Running", "Blocked", "Sleeping"}));
    QCOMPARE(series(c, "Running").values, std::vector<double>({10, 13, 9}));
    QCOMPARE(series(c, "Blocked").values, std::vector<double>({0, 1, 0}));
    QCOMPARE(series(c, "Sleeping").values, std::vector<double>({2, 0, 0}));
    QVERIFY(c.y_label.contains("ms"));
    QCOMPARE(csv_lines(c), QStringList({"Lane,Running (ms),Blocked (ms),Sleeping (ms)",
                                        "alpha,10,0,2", "beta,13,1,0", "gamma,9,0,0"}));
}

void TestChartModels::lockHistograms() {
    const auto run = il::test::busy_run();
    // One finished wait of 1 ms on L; S was never waited for.
    const ChartData wait = il::ui::run_chart(*run, "lock-wait");
    QCOMPARE(wait.layout, ChartLayout::Histogram);
    QCOMPARE(names(wait), QStringList({"L"}));
    QCOMPARE(wait.x_unit, QString("µs"));
    QCOMPARE(wait.bin_edges, std::vector<double>({1000, 2000}));
    QCOMPARE(wait.categories, QStringList({"1000–2000"}));
    QCOMPARE(series(wait, "L").values, std::vector<double>({1}));
    // Holds: L 2 ms and 1 ms, S 1 ms; shared bins 1-2-5 ms.
    const ChartData hold = il::ui::run_chart(*run, "lock-hold");
    QCOMPARE(names(hold), QStringList({"L", "S"}));
    QCOMPARE(hold.bin_edges, std::vector<double>({1000, 2000, 5000}));
    QCOMPARE(series(hold, "L").values, std::vector<double>({1, 1}));
    QCOMPARE(series(hold, "S").values, std::vector<double>({1, 0}));
    QCOMPARE(csv_lines(hold), QStringList({"from (µs),to (µs),L (count),S (count)", "1000,2000,1,1",
                                           "2000,5000,1,0"}));
}

void TestChartModels::logBins() {
    using il::ui::detail::log_bins_125;
    QCOMPARE(log_bins_125(0, 0), std::vector<double>({1, 2}));
    QCOMPARE(log_bins_125(3, 40), std::vector<double>({2, 5, 10, 20, 50}));
    QCOMPARE(log_bins_125(1000, 1000), std::vector<double>({1000, 2000}));
    QCOMPARE(log_bins_125(999, 1001), std::vector<double>({500, 1000, 2000}));
    const auto wide = log_bins_125(1, 1e10);
    QCOMPARE(wide.front(), 1.0);
    QCOMPARE(wide.back(), 2e10);
    QCOMPARE(wide.size(), std::size_t(32));
}

void TestChartModels::queueFill() {
    const ChartData c = il::ui::run_chart(*il::test::busy_run(), ChartKind::QueueFill);
    QCOMPARE(c.layout, ChartLayout::Lines);
    QCOMPARE(names(c), QStringList({"Q", "Q capacity"}));
    QCOMPARE(series(c, "Q").shape, SeriesShape::StepLine);
    QCOMPARE(points(series(c, "Q")), QList<QPointF>({{0, 0}, {5, 1}, {6, 2}, {8, 1}, {14, 1}}));
    QCOMPARE(series(c, "Q capacity").shape, SeriesShape::DashedLine);
    QCOMPARE(points(series(c, "Q capacity")), QList<QPointF>({{0, 2}, {14, 2}}));
    QCOMPARE(csv_lines(c), QStringList({"Time since start (ms),Q (items),Q capacity (items)",
                                        "0,0,2", "5,1,2", "6,2,2", "8,1,2", "14,1,2"}));
}

void TestChartModels::throughput() {
    const ChartData c = il::ui::run_chart(*il::test::busy_run(), ChartKind::Throughput);
    QCOMPARE(names(c), QStringList({"Items taken from queues", "Lanes finished"}));
    // Rates times bucket widths give back the counts: 1 get, 3 lane ends.
    const double width_s = 14.0 / 50 / 1e3;
    auto total = [&](const QString& name) {
        double sum = 0;
        for (const QPointF& p : series(c, name).points)
            sum += p.y() * width_s;
        return sum;
    };
    QVERIFY(std::abs(total("Items taken from queues") - 1) < 1e-9);
    QVERIFY(std::abs(total("Lanes finished") - 3) < 1e-9);
    // The get at 8 ms falls in bucket 28: [7.84, 8.12) ms, centre 7.98.
    const auto& gets = series(c, "Items taken from queues").points;
    QCOMPARE(gets.size(), std::size_t(50));
    QVERIFY(std::abs(gets[28].x() - 7.98) < 1e-9);
    QVERIFY(std::abs(gets[28].y() - 1 / width_s) < 1e-6);
    QCOMPARE(gets[27].y(), 0.0);
    QCOMPARE(csv_lines(c).size(), 51);
    QCOMPARE(
        csv_lines(c).front(),
        QString("Time since start (ms),Items taken from queues (per s),Lanes finished (per s)"));
}

void TestChartModels::models() {
    auto run = std::make_shared<il::ui::RunData>(*il::test::plain_run());
    run->scenario = "performance-comparison";
    auto& v = run->outcome.values;
    v["cpu"]["sequential"] = {{"wall_ns", 200 * ms}, {"cpu_ns", 200 * ms}};
    v["cpu"]["threads"] = {{"wall_ns", 105 * ms}, {"speedup", 1.9}};
    v["io"]["sequential"] = {{"wall_ns", 400 * ms}};
    v["io"]["coroutines"] = {{"wall_ns", 50 * ms}};
    v["checked"] = true;
    v["note"] = {{"text", "not a model"}};
    const ChartData c = il::ui::run_chart(*run, ChartKind::Models);
    QCOMPARE(c.layout, ChartLayout::Bars);
    QCOMPARE(c.categories, QStringList({"cpu", "io"}));
    QCOMPARE(names(c), QStringList({"sequential", "threads", "coroutines"}));
    QCOMPARE(series(c, "sequential").values, std::vector<double>({200, 400}));
    QCOMPARE(series(c, "threads").values[0], 105.0);
    QVERIFY(std::isnan(series(c, "threads").values[1]));
    QCOMPARE(csv_lines(c), QStringList({"Workload,sequential (ms),threads (ms),coroutines (ms)",
                                        "cpu,200,105,", "io,400,,50"}));
    // Models straight at the top level form one group named after the scenario.
    run->outcome.values = {{"interleaved", {{"wall_ns", 30 * ms}}},
                           {"parallel", {{"wall_ns", 15 * ms}}}};
    const ChartData flat = il::ui::run_chart(*run, ChartKind::Models);
    QCOMPARE(flat.categories, QStringList({"performance-comparison"}));
    QCOMPARE(names(flat), QStringList({"interleaved", "parallel"}));
    QCOMPARE(series(flat, "parallel").values, std::vector<double>({15}));
}

void TestChartModels::missingKindsSayWhy() {
    const auto plain = il::test::plain_run();
    QCOMPARE(il::ui::run_chart_kinds(*plain),
             std::vector<ChartKind>({ChartKind::Utilisation, ChartKind::Throughput}));
    auto message = [&](const std::string& kind) {
        try {
            il::ui::run_chart(*plain, kind);
        } catch (const ChartError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    QCOMPARE(message("lock-wait"),
             std::string("this run has no locks; charts it has: utilisation, throughput"));
    QCOMPARE(message("queue-fill"),
             std::string("this run has no queues; charts it has: utilisation, throughput"));
    QVERIFY(message("models").find("compares no models") != std::string::npos);
    QVERIFY(message("speedup").find("sweep chart") != std::string::npos);
    QCOMPARE(message("pie"), std::string("unknown run chart 'pie'; run charts: utilisation, "
                                         "lock-wait, lock-hold, queue-fill, throughput, models"));
    // A lock nobody waited for: holds yes, waits no.
    const auto busy = il::test::busy_run();
    QVERIFY(il::ui::run_chart_unavailable(*busy, ChartKind::LockHold).empty());
    QCOMPARE(il::ui::run_chart_kinds(*busy).size(), std::size_t(5));
}

void TestChartModels::sweepWallTime() {
    const ChartData c = il::ui::sweep_chart(il::test::hand_sweep(), ChartKind::WallTime);
    QCOMPARE(c.layout, ChartLayout::Bars);
    QCOMPARE(c.x_label, QString("workers"));
    QCOMPARE(c.categories, QStringList({"1", "2", "4", "8"}));
    QCOMPARE(names(c), QStringList({"Median", "Fastest", "Slowest"}));
    QCOMPARE(series(c, "Median").values, std::vector<double>({100, 55, 32, 30}));
    QCOMPARE(series(c, "Fastest").values, std::vector<double>({99, 54, 31, 29}));
    QCOMPARE(series(c, "Slowest").shape, SeriesShape::Markers);
    QCOMPARE(series(c, "Slowest").values, std::vector<double>({102, 57, 34, 32}));
}

void TestChartModels::sweepSpeedup() {
    const ChartData c = il::ui::sweep_chart(il::test::hand_sweep(), "speedup");
    QCOMPARE(c.layout, ChartLayout::Lines);
    const QString amdahl = "Amdahl fit (serial fraction 0.100)";
    QCOMPARE(names(c), QStringList({"Measured", "Ideal", amdahl, "Oversubscribed"}));
    QCOMPARE(points(series(c, "Ideal")), QList<QPointF>({{1, 1}, {2, 2}, {4, 4}, {8, 8}}));
    QCOMPARE(series(c, "Ideal").shape, SeriesShape::DashedLine);
    const auto& fit = series(c, amdahl).points;
    QCOMPARE(fit.size(), std::size_t(4));
    QVERIFY(std::abs(fit[3].y() - 1 / (0.1 + 0.9 / 8)) < 1e-12); // 4.7059
    QVERIFY(std::abs(series(c, "Measured").points[1].y() - 100.0 / 55) < 1e-12);
    // Only 8 workers is past the 4 cores.
    QCOMPARE(points(series(c, "Oversubscribed")), QList<QPointF>({{8, 100.0 / 30}}));
    QCOMPARE(c.shade_from, std::optional<double>(4));
    QVERIFY(c.shade_label.contains("4"));
    const QStringList csv = csv_lines(c);
    QCOMPARE(csv.front(), "workers,Measured,Ideal," + amdahl + ",Oversubscribed");
    QCOMPARE(csv.size(), 5);
    QVERIFY(csv[1].startsWith("1,1,1,1,") && csv[1].endsWith(","));
}

void TestChartModels::sweepEfficiency() {
    auto sweep = il::test::hand_sweep();
    std::swap(sweep.points[0], sweep.points[3]); // the chart orders by value
    const ChartData c = il::ui::sweep_chart(sweep, ChartKind::Efficiency);
    QCOMPARE(names(c), QStringList({"Measured", "Ideal", "Oversubscribed"}));
    QCOMPARE(points(series(c, "Ideal")), QList<QPointF>({{1, 1}, {2, 1}, {4, 1}, {8, 1}}));
    const auto& m = series(c, "Measured").points;
    QCOMPARE(m.front(), QPointF(1, 1));
    QVERIFY(std::abs(m[2].y() - 100.0 / 32 / 4) < 1e-12);
    // No point past the cores: no markers, no shading.
    sweep.cores = 16;
    for (auto& p : sweep.points)
        p.oversubscribed = false;
    const ChartData fits = il::ui::sweep_chart(sweep, ChartKind::Efficiency);
    QCOMPARE(names(fits), QStringList({"Measured", "Ideal"}));
    QVERIFY(!fits.shade_from);
}

void TestChartModels::sweepErrors() {
    QVERIFY_THROWS_EXCEPTION(ChartError,
                             il::ui::sweep_chart(il::test::hand_sweep(), ChartKind::Utilisation));
    QVERIFY_THROWS_EXCEPTION(ChartError, il::ui::sweep_chart(il::test::hand_sweep(), "speed"));
    il::sweep::SweepResult empty;
    empty.spec.param = "workers";
    QVERIFY_THROWS_EXCEPTION(ChartError, il::ui::sweep_chart(empty, ChartKind::Speedup));
}

QTEST_GUILESS_MAIN(TestChartModels)
#include "tst_chart_models.moc"
