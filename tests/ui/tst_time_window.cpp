#include "model/time_window.h"

#include <QSignalSpy>
#include <QtTest>

using il::ui::TimeWindow;

class TestTimeWindow : public QObject {
    Q_OBJECT
private slots:
    void newRangeShowsItWhole() {
        TimeWindow w;
        QSignalSpy window(&w, &TimeWindow::windowChanged);
        w.setRange(1000, 11000);
        QCOMPARE(w.windowStart(), 1000);
        QCOMPARE(w.windowEnd(), 11000);
        QCOMPARE(window.count(), 1);
        // A live run grows: a window showing everything grows with it.
        w.setRange(1000, 21000);
        QCOMPARE(w.windowEnd(), 21000);
    }

    void zoomKeepsTheAnchorInPlace() {
        TimeWindow w;
        w.setRange(0, 10000);
        w.zoom(0.5, 2000); // 2000 is at 20 % of the window before and after
        QCOMPARE(w.windowStart(), 1000);
        QCOMPARE(w.windowEnd(), 6000);
        w.zoom(2.0, 2000);
        QCOMPARE(w.windowStart(), 0);
        QCOMPARE(w.windowEnd(), 10000);
        // A zoomed window stays put when the range grows.
        w.zoom(0.1, 5000);
        const auto s = w.windowStart(), e = w.windowEnd();
        w.setRange(0, 20000);
        QCOMPARE(w.windowStart(), s);
        QCOMPARE(w.windowEnd(), e);
    }

    void zoomStopsAtTheMinimumSpan() {
        TimeWindow w;
        w.setRange(0, 1'000'000);
        for (int i = 0; i < 50; ++i)
            w.zoom(0.1, 500'000);
        QCOMPARE(w.windowSpan(), TimeWindow::kMinSpanNs);
        QVERIFY(w.windowStart() <= 500'000 && w.windowEnd() >= 500'000);
        w.zoom(1e9, 0);
        QCOMPARE(w.windowStart(), 0);
        QCOMPARE(w.windowEnd(), 1'000'000);
        w.zoom(0.0, 0); // nonsense factors change nothing
        w.zoom(std::numeric_limits<double>::quiet_NaN(), 0);
        QCOMPARE(w.windowSpan(), 1'000'000);
    }

    void panIsClampedToTheRange() {
        TimeWindow w;
        w.setRange(0, 1000);
        w.setWindow(100, 300);
        w.pan(-500);
        QCOMPARE(w.windowStart(), 0);
        QCOMPARE(w.windowEnd(), 200);
        w.pan(5000);
        QCOMPARE(w.windowStart(), 800);
        QCOMPARE(w.windowEnd(), 1000);
        w.fit();
        QCOMPARE(w.windowSpan(), 1000);
    }

    void ensureVisiblePagesToTheTime() {
        TimeWindow w;
        w.setRange(0, 10000);
        w.setWindow(0, 1000);
        w.ensureVisible(500); // already visible: nothing moves
        QCOMPARE(w.windowStart(), 0);
        w.ensureVisible(5000);
        QCOMPARE(w.windowStart(), 4900);
        QCOMPARE(w.windowEnd(), 5900);
    }

    void playheadAndSelection() {
        TimeWindow w;
        w.setRange(100, 200);
        QSignalSpy playhead(&w, &TimeWindow::playheadChanged);
        QSignalSpy selection(&w, &TimeWindow::selectionChanged);
        w.setPlayhead(50);
        QCOMPARE(w.playhead(), 100); // clamped
        w.select(7, 150);
        QCOMPARE(w.selectedRecord(), std::size_t(7));
        QCOMPARE(w.playhead(), 150);
        QCOMPARE(selection.count(), 1);
        w.select(7, 150); // no change, no signal
        QCOMPARE(selection.count(), 1);
        w.clearSelection();
        QCOMPARE(w.selectedRecord(), TimeWindow::kNoRecord);
        QCOMPARE(selection.count(), 2);
        // setRange already clamped the playhead to 100; only select() moved it.
        QCOMPARE(playhead.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTimeWindow)
#include "tst_time_window.moc"
