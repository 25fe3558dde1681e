// TimelineView driven like a user on a real producer-consumer run (lanes
// shown, wheel zoom keeps the time under the cursor, drag pans, clicks
// select and move the playhead, keys) and on hand-made traces (arrow cap,
// scrolling, folding a process); TimelineLegend exists and shows swatches.
#include "timeline/timeline_legend.h"
#include "timeline/timeline_view.h"

#include "model/run_data.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "style/colors.h"

#include <QLabel>
#include <QScrollBar>
#include <QToolTip>
#include <QtTest>

using il::trace::Kind;
using il::ui::RunData;
using il::ui::RunModel;
using il::ui::TimelineView;
using il::ui::TimeWindow;

namespace {

il::ui::RunDataPtr producer_consumer() {
    const il::scenario::Scenario* spec = il::scenario::find_scenario("producer-consumer");
    auto result = il::scenario::run_scenario(
        *spec, il::scenario::parse_params(spec->info().params, {"items=20"}), {});
    return il::ui::make_run_data(std::move(result), "items=20");
}

// `lanes` lanes in one process taking turns on one lock `handoffs` times.
il::ui::RunDataPtr lock_relay(int lanes, int handoffs) {
    il::trace::Snapshot s;
    s.lanes.resize(lanes + 1);
    for (int l = 1; l <= lanes; ++l) {
        s.lanes[l].id = il::trace::LaneId(l);
        s.lanes[l].name = "lane-" + std::to_string(l);
        s.lanes[l].pid = 7;
    }
    s.objects.resize(2);
    s.objects[1] = {1, il::trace::ObjectKind::Lock, "the-lock", 0, 0, 0, 0};
    std::int64_t t = 1000, token = 0;
    for (int k = 0; k < handoffs; ++k) {
        const auto lane = il::trace::LaneId(1 + k % lanes);
        s.records.push_back({t, lane, 1, Kind::Acquire, 0, 1, token});
        token = k + 1;
        s.records.push_back({t + 5, lane, 1, Kind::Release, 0, 0, token});
        t += 10;
    }
    s.start_ns = 0;
    s.end_ns = t + 100;
    s.finished = true;
    auto data = std::make_shared<RunData>();
    data->summary = il::analysis::analyze(s);
    data->snapshot = std::move(s);
    return data;
}

// An event loop lane running two coroutines in turns: a (0-40 us, 60-100 us)
// and b (40-60 us), then idle until 200 us.
il::ui::RunDataPtr loop_steps() {
    il::trace::Snapshot s;
    s.lanes.resize(4);
    s.objects.resize(4);
    const char* names[] = {"", "loop", "task-a", "task-b"};
    for (int l = 1; l <= 3; ++l) {
        s.lanes[l] = {il::trace::LaneId(l),
                      names[l],
                      l == 1 ? il::trace::LaneKind::Thread : il::trace::LaneKind::Coroutine,
                      il::trace::ObjectId(l),
                      7,
                      l == 1 ? 0u : 1u};
        s.objects[l] = {il::trace::ObjectId(l), il::trace::ObjectKind::Lane, names[l], 0, 0, 0,
                        il::trace::LaneId(l)};
    }
    auto step = [&](std::int64_t t0, std::int64_t t1, il::trace::LaneId task) {
        s.records.push_back({t0, 1, il::trace::ObjectId(task), Kind::Resume, 0, 0, 0});
        s.records.push_back({t1, 1, il::trace::ObjectId(task), Kind::Suspend, 0, 0, 0});
    };
    step(0, 40'000, 2);
    step(40'000, 60'000, 3);
    step(60'000, 100'000, 2);
    s.start_ns = 0;
    s.end_ns = 200'000;
    s.finished = true;
    auto data = std::make_shared<RunData>();
    data->summary = il::analysis::analyze(s);
    data->snapshot = std::move(s);
    return data;
}

struct Fixture {
    RunModel model;
    TimeWindow window;
    TimelineView view{&model, &window};

    explicit Fixture(il::ui::RunDataPtr data, QSize size = {1000, 500}) {
        model.setData(data);
        window.setRange(data->summary.range.begin, data->summary.range.end);
        window.fit();
        view.resize(size);
        view.show();
    }
};

void wheel(QWidget* w, QPoint pos, int dy, Qt::KeyboardModifiers mods = {}) {
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, dy), Qt::NoButton,
                  mods, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

int count_color(const QImage& img, QColor c) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            n += (img.pixel(x, y) & 0xffffff) == (c.rgb() & 0xffffff);
    return n;
}

} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { data_ = producer_consumer(); }

    void showsEveryLane() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QCOMPARE(f.view.objectName(), QString("timelineView"));
        const auto& lanes = data_->snapshot.lanes;
        QVERIFY(lanes.size() >= 3);
        for (std::size_t l = 1; l < lanes.size(); ++l) {
            QVERIFY(f.view.timelineLayout().lane_row(il::trace::LaneId(l)));
            QVERIFY(!f.view.laneBarRect(il::trace::LaneId(l)).isEmpty());
        }
        const QImage img = f.view.grab().toImage();
        QVERIFY(!img.isNull());
        QVERIFY(count_color(img, il::ui::state_color(il::analysis::LaneState::Running)) > 100);
        QVERIFY(count_color(img, il::ui::lock_held_color()) > 0 ||
                count_color(img, il::ui::blocked_color(il::trace::WaitReason::QueueGet)) > 0);
        QSet<QRgb> colors; // not blank: names, ruler, several states
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2)
                colors.insert(img.pixel(x, y));
        QVERIFY(colors.size() > 8);
        img.save(QDir::temp().filePath("tst_timeline_view.png"));
    }

    void wheelZoomsAroundCursor() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QRect lanes = f.view.laneArea();
        const QPoint pos(lanes.left() + lanes.width() / 3, lanes.top() + 30);
        const std::int64_t before = f.view.timeAtX(pos.x());
        const std::int64_t span = f.window.windowSpan();
        wheel(&f.view, pos, 120);
        QVERIFY(f.window.windowSpan() < span);
        QVERIFY(f.window.windowSpan() > span / 2);
        const std::int64_t after = f.view.timeAtX(pos.x());
        const std::int64_t pixel = f.window.windowSpan() / lanes.width() + 2;
        QVERIFY2(std::llabs(after - before) <= pixel,
                 qPrintable(QString("%1 vs %2").arg(before).arg(after)));
        wheel(&f.view, pos, -120); // back out
        QVERIFY(std::llabs(f.window.windowSpan() - span) <= span / 100 + 2);
    }

    void dragPans() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QRect lanes = f.view.laneArea();
        f.window.zoom(0.1, (f.window.windowStart() + f.window.windowEnd()) / 2);
        const std::int64_t start = f.window.windowStart();
        const std::int64_t span = f.window.windowSpan();
        const QPoint from(lanes.center().x(), lanes.top() + 10);
        QTest::mousePress(&f.view, Qt::LeftButton, {}, from);
        QTest::mouseMove(&f.view, from + QPoint(50, 0));
        QTest::mouseMove(&f.view, from + QPoint(100, 0));
        QTest::mouseRelease(&f.view, Qt::LeftButton, {}, from + QPoint(100, 0));
        const std::int64_t moved = start - f.window.windowStart();
        const std::int64_t expect = 100 * span / lanes.width();
        QVERIFY2(std::llabs(moved - expect) <= span / lanes.width() + 1,
                 qPrintable(QString("%1 vs %2").arg(moved).arg(expect)));
        QCOMPARE(f.window.windowSpan(), span);
        QCOMPARE(f.window.selectedRecord(), TimeWindow::kNoRecord); // a drag is no click
    }

    void clickSelectsRecordOfLane() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const auto& records = data_->snapshot.records;
        for (il::trace::LaneId lane = 1; lane < data_->snapshot.lanes.size(); ++lane) {
            const QRect bar = f.view.laneBarRect(lane);
            QTest::mouseClick(&f.view, Qt::LeftButton, {}, bar.center());
            const std::size_t sel = f.window.selectedRecord();
            QVERIFY(sel < records.size());
            QCOMPARE(records[sel].lane, lane);
            QCOMPARE(f.window.playhead(), records[sel].t_ns);
        }
        QVERIFY(!f.view.grab().toImage().isNull()); // paints the selection
    }

    void tooltipNamesLaneAndState() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const il::trace::LaneId lane = 1;
        const QRect bar = f.view.laneBarRect(lane);
        const QPoint at = bar.center();
        QHelpEvent help(QEvent::ToolTip, at, f.view.mapToGlobal(at));
        QApplication::sendEvent(&f.view, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const QString text = QToolTip::text();
        QVERIFY2(text.contains(QString::fromStdString(data_->snapshot.lanes[lane].name)),
                 qPrintable(text));
        const auto* iv =
            il::analysis::state_at(*data_->summary.timeline(lane), f.view.timeAtX(at.x()));
        QVERIFY(iv);
        QVERIFY2(text.contains(il::ui::state_label(iv->state)), qPrintable(text));
        QToolTip::hideText();
    }

    // The loop's lane names the coroutine it runs: its strip takes the
    // coroutine's colour, and the tooltip says which one and for how long.
    void loopLaneShowsTheCoroutineItRuns() {
        auto data = loop_steps();
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QRect bar = f.view.laneBarRect(1);
        const QImage image = f.view.grab().toImage();
        auto strip_color_at = [&](std::int64_t t) {
            const int x = qRound(bar.left() + double(t - f.window.windowStart()) * bar.width() /
                                                  double(f.window.windowSpan()));
            return QColor(image.pixel(x, bar.bottom() + 3));
        };
        QCOMPARE(strip_color_at(20'000), il::ui::loop_step_color(2));
        QCOMPARE(strip_color_at(50'000), il::ui::loop_step_color(3));
        QVERIFY(strip_color_at(150'000) != il::ui::loop_step_color(2));

        const int x = qRound(bar.left() + double(50'000 - f.window.windowStart()) * bar.width() /
                                              double(f.window.windowSpan()));
        const QPoint at(x, bar.center().y());
        QHelpEvent help(QEvent::ToolTip, at, f.view.mapToGlobal(at));
        QApplication::sendEvent(&f.view, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains("runs task-b"), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void rulerMovesPlayheadAndKeysZoom() {
        Fixture f(data_);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QRect ruler = f.view.rulerArea();
        const QPoint at(ruler.left() + ruler.width() / 4, ruler.center().y());
        QTest::mouseClick(&f.view, Qt::LeftButton, {}, at);
        QCOMPARE(f.window.playhead(), f.view.timeAtX(at.x()));
        QCOMPARE(f.window.selectedRecord(), TimeWindow::kNoRecord);

        f.view.setFocus();
        const std::int64_t span = f.window.windowSpan();
        QTest::keyClick(&f.view, Qt::Key_Plus);
        QVERIFY(std::llabs(f.window.windowSpan() - span / 2) <= 1);
        QTest::keyClick(&f.view, Qt::Key_Minus);
        QVERIFY(std::llabs(f.window.windowSpan() - span) <= 2);
        QTest::keyClick(&f.view, Qt::Key_Plus);
        QTest::keyClick(&f.view, Qt::Key_F);
        QCOMPARE(f.window.windowSpan(), span);
        f.window.zoom(0.25, f.window.windowStart());
        QTest::mouseDClick(&f.view, Qt::LeftButton, {}, f.view.laneArea().center());
        QCOMPARE(f.window.windowSpan(), span);
    }

    void arrowsCappedUntilZoomedIn() {
        Fixture f(lock_relay(4, 3000));
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QVERIFY(f.model.data()->summary.flows.size() > 2000);
        f.view.grab();
        QVERIFY(f.view.hiddenArrows() > 1000);
        f.window.setWindow(1000, 1500); // the first 50 handoffs
        f.view.grab();
        QCOMPARE(f.view.hiddenArrows(), std::size_t(0));
        const QImage img = f.view.grab().toImage();
        QVERIFY(count_color(img, il::ui::lock_held_color()) > 0);
    }

    void scrollsAndFolds() {
        Fixture f(lock_relay(64, 200), {800, 300});
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        auto* bar = f.view.findChild<QScrollBar*>("timelineScrollBar");
        QVERIFY(bar && bar->isVisible());
        QVERIFY(f.view.laneBarRect(64).isEmpty()); // below the fold
        const QRect first = f.view.laneBarRect(1);
        // The wheel over the lane names scrolls rows, not time.
        const std::int64_t span = f.window.windowSpan();
        wheel(&f.view, QPoint(20, 100), -120 * 5);
        QCOMPARE(f.window.windowSpan(), span);
        QVERIFY(bar->value() > 0);
        QVERIFY(f.view.laneBarRect(1) != first);
        bar->setValue(bar->maximum());
        QVERIFY(!f.view.laneBarRect(64).isEmpty());
        // A click on the process header folds it.
        bar->setValue(0);
        const QPoint header(20, f.view.laneArea().top() + 5);
        QTest::mouseClick(&f.view, Qt::LeftButton, {}, header);
        QVERIFY(f.view.isCollapsed(7));
        QCOMPARE(f.view.timelineLayout().rows().size(), std::size_t(1));
        QVERIFY(!bar->isVisible());
        QTest::mouseClick(&f.view, Qt::LeftButton, {}, header);
        QCOMPARE(f.view.timelineLayout().rows().size(), std::size_t(65));
    }

    void newDataKeepsFoldsAndSurvivesEmpty() {
        Fixture f(data_);
        f.view.setCollapsed(12345, true);
        f.model.clear();
        QVERIFY(f.view.timelineLayout().rows().empty());
        QVERIFY(!f.view.grab().toImage().isNull());
        f.model.setData(data_);
        QVERIFY(f.view.isCollapsed(12345));
        QCOMPARE(f.view.timelineLayout().rows().size() > 1, true);
    }

    void legend() {
        il::ui::TimelineLegend legend;
        legend.show();
        QCOMPARE(legend.objectName(), QString("timelineLegend"));
        const auto labels = legend.findChildren<QLabel*>();
        QVERIFY(labels.size() > 20);
        bool has_running = false;
        for (QLabel* l : labels)
            has_running |= l->text() == il::ui::state_label(il::analysis::LaneState::Running);
        QVERIFY(has_running);
        QVERIFY(!legend.grab().toImage().isNull());
    }

private:
    il::ui::RunDataPtr data_;
};

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
