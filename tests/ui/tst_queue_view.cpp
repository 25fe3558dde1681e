// The queue view on real runs: the gauge follows the playhead (levels and
// items agree with analysis), clicking the sparkline moves the playhead,
// semaphores' free permits, the empty state.
#include "objects/queue_view.h"
#include "view_fixture.h"

#include <QLabel>
#include <QtTest>

using namespace il;

namespace {

using il::test::drawn;
using il::test::first_object;
using il::test::run_data;

struct Fixture : il::test::ViewFixture<ui::QueueView> {
    explicit Fixture(ui::RunDataPtr data) : ViewFixture(std::move(data), QSize(700, 400)) {}
};

} // namespace

class TestQueueView : public QObject {
    Q_OBJECT

    ui::RunDataPtr pc_;

private slots:
    void initTestCase() {
        pc_ = run_data("producer-consumer", {"items=20", "capacity=3", "work_ms=1"});
        QVERIFY(pc_);
    }

    void gaugeFollowsPlayhead() {
        Fixture f(pc_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QCOMPARE(f.view.objectName(), QString("queueView"));
        QVERIFY(f.view.findChild<QLabel*>("queueEmptyLabel")->isHidden());
        const trace::ObjectId q = first_object(pc_->snapshot, trace::ObjectKind::Queue);
        QVERIFY(q);
        const analysis::LevelSeries* series = pc_->summary.level_of(q);
        QVERIFY(series && series->points.size() > 10);
        const auto contents = ui::QueueContents::build(pc_->snapshot);
        QCOMPARE(contents.at(0).object(), q);

        bool saw_items = false;
        const std::size_t step = std::max<std::size_t>(1, series->points.size() / 40);
        for (std::size_t i = 0; i < series->points.size(); i += step) {
            const std::int64_t t = series->points[i].t;
            f.window.setPlayhead(t);
            const ui::QueueGauge* g = f.view.gauge(q);
            QVERIFY(g);
            const std::int64_t level = analysis::value_at(*series, t);
            QCOMPARE(g->level, level);
            QCOMPARE(g->capacity, std::int64_t(3));
            QCOMPARE(g->full, level == 3);
            QCOMPARE(g->empty, level == 0);
            QCOMPARE(std::int64_t(g->count), level);
            QCOMPARE(g->items, contents[0].items_at(t, ui::QueueView::kMaxItems));
            // FIFO: the next out is the oldest.
            QVERIFY(std::is_sorted(g->items.begin(), g->items.end()));
            saw_items = saw_items || !g->items.empty();
        }
        QVERIFY(saw_items);
        QVERIFY(drawn(f.view.grab().toImage()));
    }

    void clickingSparklineMovesPlayhead() {
        Fixture f(pc_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const trace::ObjectId q = first_object(pc_->snapshot, trace::ObjectKind::Queue);
        const QRect spark = f.view.canvas()->sparklineRect(q);
        QVERIFY(!spark.isEmpty());
        f.window.setPlayhead(pc_->summary.range.begin);
        const QPoint at(spark.left() + spark.width() * 3 / 4, spark.center().y());
        QTest::mouseClick(f.view.canvas(), Qt::LeftButton, {}, at);
        const std::int64_t expected = f.view.canvas()->timeAt(at.x());
        QCOMPARE(f.window.playhead(), expected);
        const auto& range = pc_->summary.range;
        QVERIFY(f.window.playhead() > range.begin + range.length() / 2);
        QVERIFY(f.window.playhead() < range.end);
        // The gauge followed.
        QCOMPARE(f.view.gauge(q)->level, analysis::value_at(*pc_->summary.level_of(q), expected));
        // Clicking the gauge itself does not move the playhead.
        const QRect gauge = f.view.canvas()->gaugeRect(q);
        QTest::mouseClick(f.view.canvas(), Qt::LeftButton, {}, gauge.center());
        QCOMPARE(f.window.playhead(), expected);
    }

    void semaphorePermits() {
        ui::RunDataPtr data = run_data("semaphore", {});
        QVERIFY(data);
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        // No queues: the empty text, and the semaphores still shown.
        auto* empty = f.view.findChild<QLabel*>("queueEmptyLabel");
        QVERIFY(empty && empty->isVisible());
        QCOMPARE(empty->text(), QString("This run uses no queues"));
        QVERIFY(f.view.gauges().empty());
        const trace::ObjectId sem = first_object(data->snapshot, trace::ObjectKind::Semaphore);
        QVERIFY(sem);
        QCOMPARE(f.view.permitGauges().size(), std::size_t(1));
        const analysis::LevelSeries* series = data->summary.level_of(sem);
        for (std::size_t i = 0; i < series->points.size(); i += 7) {
            f.window.setPlayhead(series->points[i].t);
            const ui::PermitGauge& g = f.view.permitGauges()[0];
            QCOMPARE(g.object, sem);
            QCOMPARE(g.free, analysis::value_at(*series, series->points[i].t));
            QCOMPARE(g.capacity, data->snapshot.objects[sem].capacity);
        }
        QVERIFY(drawn(f.view.grab().toImage()));
    }

    void unboundedLifoByHand() {
        // An unbounded LIFO queue: the gauge scales to the most it ever held.
        auto data = std::make_shared<ui::RunData>();
        trace::Snapshot& s = data->snapshot;
        s.lanes.resize(2);
        s.objects.resize(2);
        s.objects[1].id = 1;
        s.objects[1].kind = trace::ObjectKind::Queue;
        s.objects[1].name = "stack";
        s.objects[1].detail = static_cast<std::uint16_t>(trace::QueueOrder::Lifo);
        int size = 0;
        auto put = [&](std::int64_t t, std::int64_t seq) {
            s.records.push_back({t, 1, 1, trace::Kind::Put, 0, ++size, seq});
        };
        auto get = [&](std::int64_t t, std::int64_t seq) {
            s.records.push_back({t, 1, 1, trace::Kind::Get, 0, --size, seq});
        };
        put(10, 1);
        put(20, 2);
        put(30, 3);
        put(40, 4);
        get(50, 4);
        get(60, 3);
        s.end_ns = 100;
        data->summary = analysis::analyze(s);
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        f.window.setPlayhead(35);
        const ui::QueueGauge* g = f.view.gauge(1);
        QVERIFY(g);
        QCOMPARE(g->capacity, std::int64_t(0));
        QCOMPARE(g->scale, std::int64_t(4));
        QCOMPARE(g->level, std::int64_t(3));
        QVERIFY(!g->full && !g->empty);
        QCOMPARE(g->items, (std::vector<std::int64_t>{3, 2, 1}));
        f.window.setPlayhead(70);
        QCOMPARE(f.view.gauge(1)->items, (std::vector<std::int64_t>{2, 1}));
        f.window.setPlayhead(5);
        QVERIFY(f.view.gauge(1)->empty);
        // Selecting a record on the queue highlights it.
        f.window.select(2, s.records[2].t_ns);
        QCOMPARE(f.view.canvas()->selectedObject(), trace::ObjectId(1));
        f.window.clearSelection();
        QCOMPARE(f.view.canvas()->selectedObject(), trace::ObjectId(0));
        QVERIFY(drawn(f.view.grab().toImage()));
    }

    void emptyThenReplaced() {
        auto data = std::make_shared<ui::RunData>();
        data->snapshot.lanes.emplace_back();
        data->snapshot.objects.emplace_back();
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        auto* empty = f.view.findChild<QLabel*>("queueEmptyLabel");
        QVERIFY(empty->isVisible());
        QVERIFY(f.view.gauges().empty() && f.view.permitGauges().empty());
        f.model.setData(pc_);
        f.window.setRange(pc_->summary.range.begin, pc_->summary.range.end);
        QVERIFY(!empty->isVisible());
        QCOMPARE(f.view.gauges().size(), std::size_t(1));
    }
};

QTEST_MAIN(TestQueueView)
#include "tst_queue_view.moc"
