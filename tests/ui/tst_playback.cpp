#include "model/run_model.h"
#include "model/time_window.h"
#include "playback/playback_bar.h"
#include "playback/playback_controller.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QStyleOptionSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

using namespace il::ui;
using il::trace::Kind;
using il::trace::Record;

namespace {

constexpr std::int64_t kMs = 1'000'000;

// A finished run over [start, end] with records at `times` and diagnostics at `diags`.
RunDataPtr makeData(std::int64_t start, std::int64_t end, std::vector<std::int64_t> times,
                    std::vector<std::int64_t> diags = {}, bool live = false) {
    auto d = std::make_shared<RunData>();
    d->scenario = "hand-made";
    d->live = live;
    d->snapshot.start_ns = start;
    d->snapshot.end_ns = end;
    d->snapshot.lanes.resize(2);
    for (std::int64_t t : times)
        d->snapshot.records.push_back(Record{t, 1, 0, Kind::Mark, 0, 0, 0});
    for (std::int64_t t : diags) {
        il::analysis::Diagnostic diag;
        diag.kind = "test";
        diag.t_ns = t;
        d->summary.diagnostics.push_back(diag);
    }
    return d;
}

// What the lead's window does: the range follows the data.
void keepRangeInStep(RunModel& model, TimeWindow& tw) {
    QObject::connect(&model, &RunModel::dataChanged, &tw, [&] {
        tw.setRange(model.data()->snapshot.start_ns, model.data()->snapshot.end_ns);
    });
}

struct Fixture {
    RunModel model;
    TimeWindow tw;
    Fixture() { keepRangeInStep(model, tw); }
    void load(RunDataPtr d) {
        model.setData(std::move(d));
        tw.fit();
    }
};

} // namespace

class TestPlayback : public QObject {
    Q_OBJECT
private slots:
    void speedSnapsToSteps() {
        Fixture f;
        PlaybackController c(&f.model, &f.tw);
        QSignalSpy spy(&c, &PlaybackController::speedChanged);
        QCOMPARE(PlaybackController::speeds().size(), std::size_t(7));
        c.setSpeed(1.0);
        QCOMPARE(c.speed(), 1.0);
        c.setSpeed(0.05); // between 1/30 and 1/10, nearer 1/30 on a log scale
        QCOMPARE(c.speed(), 1.0 / 30);
        c.setSpeed(50); // clamped
        QCOMPARE(c.speed(), 1.0);
        c.setSpeed(0);
        QCOMPARE(c.speed(), 1.0 / 1000);
        c.setSpeed(1e-9);
        QCOMPARE(c.speed(), 1.0 / 1000);
        c.slower();
        QCOMPARE(c.speed(), 1.0 / 1000);
        c.faster();
        QCOMPARE(c.speed(), 1.0 / 300);
        c.faster();
        QCOMPARE(c.speed(), 1.0 / 100);
        c.slower();
        QCOMPARE(c.speed(), 1.0 / 300);
        QCOMPARE(spy.last().at(0).toDouble(), 1.0 / 300);
        const int emitted = int(spy.count());
        c.setSpeed(1.0 / 300);
        QCOMPARE(int(spy.count()), emitted); // no change, no signal
    }

    void stepsThroughRecords() {
        Fixture f;
        f.load(makeData(0, 1000, {100, 200, 200, 500, 900}));
        PlaybackController c(&f.model, &f.tw);
        const std::vector<std::pair<std::size_t, std::int64_t>> forward{
            {0, 100}, {1, 200}, {2, 200}, {3, 500}, {4, 900}, {4, 900}};
        for (auto [index, t] : forward) {
            c.stepForward();
            QCOMPARE(f.tw.selectedRecord(), index);
            QCOMPARE(f.tw.playhead(), t);
        }
        const std::vector<std::pair<std::size_t, std::int64_t>> back{
            {3, 500}, {2, 200}, {1, 200}, {0, 100}, {0, 100}};
        for (auto [index, t] : back) {
            c.stepBackward();
            QCOMPARE(f.tw.selectedRecord(), index);
            QCOMPARE(f.tw.playhead(), t);
        }
        // From a playhead between records (no selection there).
        f.tw.clearSelection();
        f.tw.setPlayhead(300);
        c.stepForward();
        QCOMPARE(f.tw.selectedRecord(), std::size_t(3));
        f.tw.setPlayhead(300);
        c.stepBackward();
        QCOMPARE(f.tw.selectedRecord(), std::size_t(2)); // the last record at 200
        f.tw.clearSelection();
        f.tw.setPlayhead(200); // on records, none selected: past all of them
        c.stepForward();
        QCOMPARE(f.tw.selectedRecord(), std::size_t(3));
        // The window pages to show the record.
        f.tw.setWindow(0, 150);
        f.tw.setPlayhead(0);
        f.tw.clearSelection();
        c.stepForward();
        c.stepForward();
        c.stepForward();
        c.stepForward();
        QCOMPARE(f.tw.playhead(), std::int64_t(500));
        QVERIFY(f.tw.windowStart() <= 500 && f.tw.windowEnd() >= 500);
        QCOMPARE(f.tw.windowSpan(), std::int64_t(150));
    }

    void stepsOnEmptyTrace() {
        Fixture f;
        PlaybackController c(&f.model, &f.tw);
        c.stepForward();
        c.stepBackward();
        c.nextDiagnostic();
        c.play(); // nothing to play
        QVERIFY(!c.isPlaying());
        QCOMPARE(f.tw.selectedRecord(), TimeWindow::kNoRecord);
    }

    void jumpsToDiagnostics() {
        Fixture f;
        f.load(makeData(0, 1000, {100, 900}, {250, 700}));
        PlaybackController c(&f.model, &f.tw);
        f.tw.setWindow(0, 100);
        c.nextDiagnostic();
        QCOMPARE(f.tw.playhead(), std::int64_t(250));
        QVERIFY(f.tw.windowStart() <= 250 && f.tw.windowEnd() >= 250);
        c.nextDiagnostic();
        QCOMPARE(f.tw.playhead(), std::int64_t(700));
        QVERIFY(f.tw.windowStart() <= 700 && f.tw.windowEnd() >= 700);
        c.nextDiagnostic();
        QCOMPARE(f.tw.playhead(), std::int64_t(700));
        c.previousDiagnostic();
        QCOMPARE(f.tw.playhead(), std::int64_t(250));
        c.previousDiagnostic();
        QCOMPARE(f.tw.playhead(), std::int64_t(250));
    }

    void playAdvancesAndPauses() {
        Fixture f;
        f.load(makeData(0, 10'000 * kMs, {1 * kMs}));
        f.tw.setWindow(0, 10 * kMs);
        PlaybackController c(&f.model, &f.tw);
        c.setSpeed(1.0 / 10);
        QSignalSpy playing(&c, &PlaybackController::playingChanged);
        QSignalSpy moved(&f.tw, &TimeWindow::playheadChanged);
        c.play();
        QVERIFY(c.isPlaying());
        QCOMPARE(playing.count(), 1);
        QTest::qWait(300);
        QVERIFY(f.tw.playhead() > 0);
        QVERIFY(f.tw.playhead() < f.tw.rangeEnd());
        QVERIFY(moved.count() >= 3); // many small steps, not one jump
        // Kept visible: the window pages along with the playhead.
        QVERIFY(f.tw.windowStart() <= f.tw.playhead() && f.tw.playhead() <= f.tw.windowEnd());
        c.togglePlay();
        QVERIFY(!c.isPlaying());
        QCOMPARE(playing.count(), 2);
        const std::int64_t at = f.tw.playhead();
        QTest::qWait(100);
        QCOMPARE(f.tw.playhead(), at);
    }

    void playStopsAtTheEnd() {
        Fixture f;
        f.load(makeData(1000, 1000 + 30 * kMs, {2000}));
        PlaybackController c(&f.model, &f.tw);
        c.setSpeed(1.0);
        QSignalSpy moved(&f.tw, &TimeWindow::playheadChanged);
        f.tw.setPlayhead(1000 + 20 * kMs);
        c.play();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isPlaying(), 3000);
        QCOMPARE(f.tw.playhead(), f.tw.rangeEnd());
        for (const auto& args : moved)
            QVERIFY(args.at(0).toLongLong() <= f.tw.rangeEnd());
        // Play at the end starts over.
        c.play();
        QVERIFY(c.isPlaying());
        QCOMPARE(f.tw.playhead(), f.tw.rangeStart());
        c.pause();
    }

    void followsLiveRun_data() {
        QTest::addColumn<bool>("rangeFirst");
        QTest::newRow("lead sets the range first") << true;
        QTest::newRow("controller first") << false;
    }
    void followsLiveRun() {
        QFETCH(bool, rangeFirst);
        RunModel model;
        TimeWindow tw;
        if (rangeFirst)
            keepRangeInStep(model, tw);
        PlaybackController c(&model, &tw);
        if (!rangeFirst)
            keepRangeInStep(model, tw);
        QVERIFY(c.followLive());
        QSignalSpy follow(&c, &PlaybackController::followLiveChanged);

        model.setData(makeData(1000, 5000, {2000}, {}, true));
        QCOMPARE(tw.rangeEnd(), std::int64_t(5000));
        QCOMPARE(tw.playhead(), std::int64_t(5000));
        QCOMPARE(tw.windowStart(), std::int64_t(1000));
        QCOMPARE(tw.windowEnd(), std::int64_t(5000));
        // The whole range stays shown while it grows.
        model.setData(makeData(1000, 9000, {2000}, {}, true));
        QCOMPARE(tw.playhead(), std::int64_t(9000));
        QCOMPARE(tw.windowStart(), std::int64_t(1000));
        QCOMPARE(tw.windowEnd(), std::int64_t(9000));
        // Zoomed in: the window keeps its span and shows the head.
        tw.setWindow(3000, 4000);
        model.setData(makeData(1000, 12000, {2000}, {}, true));
        QCOMPARE(tw.playhead(), std::int64_t(12000));
        QCOMPARE(tw.windowStart(), std::int64_t(11000));
        QCOMPARE(tw.windowEnd(), std::int64_t(12000));
        QCOMPARE(follow.count(), 0);

        // The user moves the playhead: following stops, the range still grows.
        tw.setPlayhead(3000);
        QVERIFY(!c.followLive());
        QCOMPARE(follow.count(), 1);
        model.setData(makeData(1000, 15000, {2000}, {}, true));
        QCOMPARE(tw.playhead(), std::int64_t(3000));
        QCOMPARE(tw.rangeEnd(), std::int64_t(15000));
        // Turning it back on jumps to the head.
        c.setFollowLive(true);
        QCOMPARE(tw.playhead(), std::int64_t(15000));
        // Finished data is left alone.
        tw.setPlayhead(4000);
        model.setData(makeData(1000, 16000, {2000}, {}, false));
        QCOMPARE(tw.playhead(), std::int64_t(4000));
        // A new run is followed again, from its whole range.
        QVERIFY(!c.followLive());
        model.setData(makeData(50000, 51000, {50500}, {}, true));
        QVERIFY(c.followLive());
        QCOMPARE(tw.playhead(), std::int64_t(51000));
        QCOMPARE(tw.windowStart(), std::int64_t(50000));
        // Playing a live run replays it, so it stops following.
        c.play();
        QVERIFY(c.isPlaying());
        QVERIFY(!c.followLive());
        c.pause();
    }

    void stepsThroughARealRun() {
        const auto* s = il::scenario::find_scenario("producer-consumer");
        QVERIFY(s);
        RunModel model;
        TimeWindow tw;
        keepRangeInStep(model, tw);
        model.setData(
            make_run_data(il::scenario::run_scenario(
                              *s, il::scenario::parse_params(s->info().params, {"items=20"}), {}),
                          "items=20"));
        const auto& records = model.data()->snapshot.records;
        QVERIFY(records.size() > 40);
        PlaybackController c(&model, &tw);
        tw.setPlayhead(tw.rangeStart());
        for (std::size_t i = 0; i < 40; ++i) {
            c.stepForward();
            QCOMPARE(tw.selectedRecord(), i);
            QCOMPARE(tw.playhead(), records[i].t_ns);
        }
        for (std::size_t i = 39; i-- > 0;) {
            c.stepBackward();
            QCOMPARE(tw.selectedRecord(), i);
        }
    }

    // --- through the bar ---

    void barHasItsControls() {
        Fixture f;
        PlaybackController c(&f.model, &f.tw);
        PlaybackBar bar(&c, &f.tw);
        QCOMPARE(bar.objectName(), QString("playbackBar"));
        for (const char* name : {"stepBackButton", "playButton", "stepButton",
                                 "nextDiagnosticButton", "followLiveButton"}) {
            auto* b = bar.findChild<QToolButton*>(name);
            QVERIFY2(b, name);
            QVERIFY2(!b->toolTip().isEmpty(), name);
        }
        QCOMPARE(bar.findChild<QToolButton*>("playButton")->toolTip(), QString("Play (Space)"));
        QVERIFY(bar.findChild<QToolButton*>("stepButton")->toolTip().contains("Right"));
        QVERIFY(!bar.findChild<QToolButton*>("playButton")->icon().isNull());
        auto* speed = bar.findChild<QComboBox*>("speedCombo");
        QVERIFY(speed);
        QCOMPARE(speed->count(), 7);
        QCOMPARE(speed->itemText(0), QString("1/1000×"));
        QCOMPARE(speed->itemText(6), QString("1×"));
        QCOMPARE(speed->currentData().toDouble(), c.speed());
        QVERIFY(bar.findChild<QSlider*>("scrubber"));
        QVERIFY(bar.findChild<QLabel*>("timeLabel"));
    }

    void timeText() {
        QCOMPARE(PlaybackBar::timeText(0, 0), QString("0 ns / 0 ns"));
        QCOMPARE(PlaybackBar::timeText(300, 800), QString("300 ns / 800 ns"));
        QCOMPARE(PlaybackBar::timeText(1500, 2000), QString("1.500 µs / 2.000 µs"));
        QCOMPARE(PlaybackBar::timeText(12'345'678, 40'000'000), QString("12.35 ms / 40.00 ms"));
        QCOMPARE(PlaybackBar::timeText(1'500'000'000, 250'000'000'000), QString("1.5 s / 250.0 s"));
    }

    void clickPlayAndStep() {
        Fixture f;
        f.load(makeData(0, 10'000 * kMs, {10 * kMs, 20 * kMs, 30 * kMs}));
        PlaybackController c(&f.model, &f.tw);
        c.setSpeed(1.0 / 10);
        PlaybackBar bar(&c, &f.tw);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        auto* play = bar.findChild<QToolButton*>("playButton");
        QTest::mouseClick(play, Qt::LeftButton);
        QVERIFY(c.isPlaying());
        QCOMPARE(play->toolTip(), QString("Pause (Space)"));
        QTest::qWait(250);
        QVERIFY(f.tw.playhead() > 0);
        QVERIFY(f.tw.playhead() < f.tw.rangeEnd());
        QTest::mouseClick(play, Qt::LeftButton);
        QVERIFY(!c.isPlaying());

        f.tw.setPlayhead(15 * kMs);
        f.tw.clearSelection();
        QTest::mouseClick(bar.findChild<QToolButton*>("stepButton"), Qt::LeftButton);
        QCOMPARE(f.tw.playhead(), 20 * kMs);
        QCOMPARE(f.tw.selectedRecord(), std::size_t(1));
        QTest::mouseClick(bar.findChild<QToolButton*>("stepBackButton"), Qt::LeftButton);
        QCOMPARE(f.tw.playhead(), 10 * kMs);
        // The label follows.
        QCOMPARE(bar.findChild<QLabel*>("timeLabel")->text(), QString("0.01 s / 10.00 s"));
    }

    void scrubberMovesPlayhead() {
        Fixture f;
        f.load(makeData(1000, 1000 + 100 * kMs, {2000}));
        PlaybackController c(&f.model, &f.tw);
        PlaybackBar bar(&c, &f.tw);
        bar.resize(900, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        auto* scrubber = bar.findChild<QSlider*>("scrubber");
        auto* label = bar.findChild<QLabel*>("timeLabel");

        // Keyboard.
        scrubber->setFocus();
        QTest::keyClick(scrubber, Qt::Key_End);
        QCOMPARE(f.tw.playhead(), f.tw.rangeEnd());
        QCOMPARE(scrubber->value(), PlaybackBar::kScrubSteps);
        QCOMPARE(label->text(), QString("100.0 ms / 100.0 ms"));
        QTest::keyClick(scrubber, Qt::Key_Home);
        QCOMPARE(f.tw.playhead(), f.tw.rangeStart());
        QTest::keyClick(scrubber, Qt::Key_PageUp);
        QCOMPARE(f.tw.playhead(), 1000 + 5 * kMs); // a page is 5%
        QCOMPARE(label->text(), QString("5.0 ms / 100.0 ms"));

        // The scrubber follows the playhead.
        f.tw.setPlayhead(1000 + 50 * kMs);
        QCOMPARE(scrubber->value(), PlaybackBar::kScrubSteps / 2);
        QCOMPARE(f.tw.playhead(), 1000 + 50 * kMs); // and did not move it back

        // Mouse: drag the handle to three quarters of the groove.
        QStyleOptionSlider opt;
        opt.initFrom(scrubber);
        opt.orientation = Qt::Horizontal;
        opt.minimum = scrubber->minimum();
        opt.maximum = scrubber->maximum();
        opt.sliderPosition = scrubber->value();
        opt.sliderValue = scrubber->value();
        const QRect handle = scrubber->style()->subControlRect(QStyle::CC_Slider, &opt,
                                                               QStyle::SC_SliderHandle, scrubber);
        const QRect groove = scrubber->style()->subControlRect(QStyle::CC_Slider, &opt,
                                                               QStyle::SC_SliderGroove, scrubber);
        const int targetX = groove.left() + groove.width() * 3 / 4;
        QTest::mousePress(scrubber, Qt::LeftButton, {}, handle.center());
        QTest::mouseMove(scrubber, QPoint(targetX, handle.center().y()));
        QTest::mouseRelease(scrubber, Qt::LeftButton, {}, QPoint(targetX, handle.center().y()));
        const std::int64_t t = f.tw.playhead() - 1000;
        QVERIFY2(t > 65 * kMs && t < 85 * kMs, qPrintable(QString::number(t)));
        QCOMPARE(scrubber->value(),
                 int(std::llround(double(t) * PlaybackBar::kScrubSteps / (100.0 * kMs))));
    }

    void speedComboSetsSpeed() {
        Fixture f;
        PlaybackController c(&f.model, &f.tw);
        PlaybackBar bar(&c, &f.tw);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        auto* combo = bar.findChild<QComboBox*>("speedCombo");
        c.setSpeed(1.0 / 100);
        QCOMPARE(combo->currentText(), QString("1/100×"));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(c.speed(), 1.0 / 30);
        QTest::keyClick(combo, Qt::Key_End);
        QCOMPARE(c.speed(), 1.0);
        QCOMPARE(combo->currentText(), QString("1×"));
    }

    void liveToggleAndShortcuts() {
        Fixture f;
        f.load(makeData(0, 10'000 * kMs, {10 * kMs, 20 * kMs}));
        PlaybackController c(&f.model, &f.tw);
        c.setSpeed(1.0 / 1000);
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* box = new QCheckBox("a check box");
        layout->addWidget(box);
        auto* bar = new PlaybackBar(&c, &f.tw);
        layout->addWidget(bar);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        auto* live = bar->findChild<QToolButton*>("followLiveButton");
        QVERIFY(live->isChecked());
        QTest::mouseClick(live, Qt::LeftButton);
        QVERIFY(!c.followLive());
        c.setFollowLive(true);
        QVERIFY(live->isChecked());

        // Space plays and pauses, except in a control that needs it.
        window.setFocus();
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(c.isPlaying());
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!c.isPlaying());
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Space);
        QVERIFY(box->isChecked());
        QVERIFY(!c.isPlaying());
        window.setFocus();
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(f.tw.playhead(), 10 * kMs);
        // The scrubber (a slider) keeps the arrows while it has focus.
        auto* scrubber = bar->findChild<QSlider*>("scrubber");
        scrubber->setFocus();
        const qint64 before = f.tw.playhead();
        QTest::keyClick(scrubber, Qt::Key_Right);
        QVERIFY(f.tw.playhead() != before); // the slider moved it by one step
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QCOMPARE(c.speed(), 1.0 / 300);
    }
};

QTEST_MAIN(TestPlayback)
#include "tst_playback.moc"
