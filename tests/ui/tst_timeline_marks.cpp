// The timeline's marks layer on hand-made traces: each lane's Mark records
// indexed once (LaneMarks), one drawn per cell of columns with the latest
// value, diamonds in the mark colour on their lane's bar, labels only where
// they fit, the tooltip naming the annotation, value and time, the export
// showing them, and a trace without marks painted exactly as without the layer.
#include "hand_trace.h"
#include "view_fixture.h"

#include "style/colors.h"
#include "style/units.h"
#include "timeline/lane_marks.h"
#include "timeline/timeline_export.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_painter.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

#include <cmath>

using il::trace::Kind;
using il::trace::LaneId;
using il::trace::ObjectKind;
using il::ui::MarkPainter;
using il::ui::VisibleMark;

namespace {

constexpr const char* kProgress = "% of the part received";
constexpr const char* kRetry = "part 2 retries from byte 400 after: timeout";

// Three lanes over 1 ms: "part 1" with progress marks (two of them close
// together at 300 and 314 us), "part 2" with a retry and a progress mark,
// "idle" without marks. `with_marks` false: the same trace minus its Marks.
struct MarkTrace {
    HandTrace h;
    LaneId part1 = 0, part2 = 0, idle = 0;
    std::vector<std::size_t> marks1, marks2; // record indices
    std::size_t not_a_mark = 0;

    explicit MarkTrace(bool with_marks = true) {
        part1 = h.lane("part 1");
        part2 = h.lane("part 2");
        idle = h.lane("idle");
        const auto progress = h.object(ObjectKind::Annotation, kProgress);
        const auto retry = h.object(ObjectKind::Annotation, kRetry);
        for (LaneId l : {part1, part2, idle})
            h.rec(0, l, Kind::LaneStart, h.laneObject(l));
        auto mark = [&](std::int64_t t, LaneId lane, il::trace::ObjectId what, std::int64_t a,
                        std::vector<std::size_t>& into) {
            if (with_marks)
                into.push_back(h.rec(t, lane, Kind::Mark, what, a));
        };
        mark(200'000, part1, progress, 20, marks1);
        mark(300'000, part1, progress, 30, marks1);
        mark(314'000, part1, progress, 31, marks1);
        mark(400'000, part2, retry, 400, marks2);
        mark(500'000, part1, progress, 50, marks1);
        mark(700'000, part2, progress, 70, marks2);
        mark(800'000, part1, progress, 80, marks1);
        for (LaneId l : {part1, part2, idle}) {
            const std::size_t end = h.rec(1'000'000, l, Kind::LaneEnd, h.laneObject(l), 1);
            if (l == part1)
                not_a_mark = end;
        }
    }
};

struct Fixture {
    il::ui::RunModel model;
    il::ui::TimeWindow window;
    il::ui::TimelineView view{&model, &window};

    explicit Fixture(il::ui::RunDataPtr data) {
        model.setData(data);
        window.setRange(data->summary.range.begin, data->summary.range.end);
        window.fit();
        view.resize(1000, 400);
        view.show();
    }
    // The marks the view draws on a lane now, x in lane-area columns.
    std::vector<VisibleMark> drawn(LaneId lane) const {
        const il::ui::TimelineScene s = view.scene();
        std::vector<VisibleMark> out;
        (*s.lods)[lane].marks().visible(s.pixels(), MarkPainter::kGap, out);
        return out;
    }
    QPoint at(LaneId lane, const VisibleMark& m) const {
        const QRect bar = view.laneBarRect(lane); // the diamond's centre, as painted
        return {view.laneArea().left() + m.x, bar.top() + bar.height() / 2};
    }
};

bool has_color_near(const QImage& img, QPoint p, QColor c, int reach = 1) {
    for (int y = p.y() - reach; y <= p.y() + reach; ++y)
        for (int x = p.x() - reach; x <= p.x() + reach; ++x)
            if (img.rect().contains(x, y) && (img.pixel(x, y) & 0xffffff) == (c.rgb() & 0xffffff))
                return true;
    return false;
}

int count_color(const QImage& img, const QRect& r, QColor c) {
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += (img.pixel(x, y) & 0xffffff) == (c.rgb() & 0xffffff);
    return n;
}

// The scene painted by a fresh TimelinePainter, with the LOD as built or
// with every lane's marks left out (what the timeline drew before marks).
QImage paint(il::ui::TimelineScene s, bool strip_marks) {
    std::vector<il::ui::LaneLod> bare;
    if (strip_marks) {
        for (const il::ui::LaneLod& lod : *s.lods)
            bare.push_back(lod.lane() == 0 ? il::ui::LaneLod()
                                           : il::ui::LaneLod(lod.lane(), lod.timeline(),
                                                             lod.holds(), lod.events()));
        s.lods = &bare;
    }
    QImage img(s.area.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    il::ui::TimelinePainter().paint(p, s, QGuiApplication::palette());
    return img;
}

// WCAG contrast ratio of two colours.
double contrast(QColor a, QColor b) {
    auto lum = [](QColor c) {
        auto ch = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double x = lum(a), y = lum(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestTimelineMarks : public QObject {
    Q_OBJECT
private slots:
    void indexListsEachLanesMarks() {
        const MarkTrace t;
        const auto data = t.h.data();
        const auto lods = il::ui::build_lane_lods(data->snapshot, data->summary);
        // The record indices listed for a lane, each with its record's time.
        auto records = [&](LaneId lane) {
            std::vector<std::size_t> out;
            for (const il::ui::MarkRef& m : lods[lane].marks().all())
                out.push_back(data->snapshot.records[m.record].t_ns == m.t ? m.record
                                                                           : std::size_t(-1));
            return out;
        };
        QCOMPARE(records(t.part1), t.marks1);
        QCOMPARE(records(t.part2), t.marks2);
        QVERIFY(lods[t.idle].marks().empty());
        QCOMPARE(t.marks1.size(), std::size_t(5));
        for (std::size_t r : records(t.part1))
            QVERIFY(r != t.not_a_mark);
        QVERIFY(MarkTrace(false).h.data()->snapshot.records.size() < data->snapshot.records.size());
    }

    // However many marks a window holds, a frame draws at most one per cell
    // of kGap columns: the cell's latest, standing for the ones before it.
    void visibleKeepsTheLatestPerCell() {
        std::vector<il::ui::MarkRef> refs;
        for (std::size_t i = 0; i < 100'000; ++i)
            refs.push_back({std::int64_t(i) * 10, i});
        const il::ui::LaneMarks marks(refs);
        const il::ui::PixelWindow w{0, 1'000'000, 1000};
        std::vector<VisibleMark> out;
        marks.visible(w, MarkPainter::kGap, out);
        QCOMPARE(out.size(), std::size_t(1000 / MarkPainter::kGap + 1));
        std::size_t covered = 0;
        for (std::size_t k = 0; k < out.size(); ++k) {
            covered += out[k].folded + 1;
            QCOMPARE(out[k].x, w.column(refs[out[k].record].t));
            QCOMPARE(out[k].x / MarkPainter::kGap, int(k)); // one per cell
            if (k + 1 < out.size()) // the last of its cell: the next one is in the next
                QCOMPARE(w.column(refs[out[k].record + 1].t) / MarkPainter::kGap, int(k + 1));
        }
        QCOMPARE(covered, refs.size());
        marks.visible({400'000, 400'500, 1000}, MarkPainter::kGap, out); // zoomed in
        QCOMPARE(out.size(), std::size_t(50));
        QCOMPARE(out.front().record, std::size_t(40'000));
        QCOMPARE(out.front().folded, std::size_t(0));
        marks.visible({2'000'000, 3'000'000, 1000}, MarkPainter::kGap, out); // past them
        QVERIFY(out.empty());
    }

    void labels() {
        const MarkTrace t;
        const auto& s = t.h.s;
        QCOMPARE(il::ui::mark_label(s, s.records[t.marks1[3]]), QString("50 %"));
        QCOMPARE(il::ui::mark_label(s, s.records[t.marks2[0]]), QString(kRetry));

        // Tooltip text alone: a mark standing for earlier ones says so, and a
        // note's own "%1" is kept as written.
        HandTrace h;
        const LaneId lane = h.lane("worker");
        const auto odd = h.object(ObjectKind::Annotation, "odd %1 <note>");
        const std::size_t r = h.rec(2'000, lane, Kind::Mark, odd, 7);
        const QString tip = il::ui::mark_tooltip(h.s, VisibleMark{0, r, 3}, HandTrace::kStart);
        QVERIFY2(tip.contains("Mark: odd %1 &lt;note&gt; (value 7)"), qPrintable(tip));
        QVERIFY2(tip.contains("3 earlier mark(s) in these pixels"), qPrintable(tip));
        QVERIFY2(tip.contains(il::ui::duration_text(2'000)), qPrintable(tip));
        QVERIFY(il::ui::mark_tooltip(h.s, VisibleMark{0, r + 1, 0}, 0).isEmpty());
    }

    void drawnOnTheirLanesRow() {
        const MarkTrace t;
        Fixture f(t.h.data());
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QImage img = f.view.grab().toImage();
        img.save(QDir::temp().filePath("tst_timeline_marks.png"));
        const QColor mark = il::ui::mark_color();
        for (LaneId lane : {t.part1, t.part2}) {
            const auto drawn = f.drawn(lane);
            QCOMPARE(drawn.size(), lane == t.part1 ? std::size_t(5) : std::size_t(2));
            for (const VisibleMark& m : drawn) {
                QVERIFY2(has_color_near(img, f.at(lane, m), mark),
                         qPrintable(QString("lane %1 x %2").arg(lane).arg(m.x)));
                QVERIFY(has_color_near(img, f.at(lane, m) + QPoint(0, -MarkPainter::kHalf),
                                       il::ui::mark_outline_color()));
            }
        }
        // Nowhere else: not on the idle lane, not between marks.
        QCOMPARE(count_color(img, f.view.laneBarRect(t.idle), mark), 0);
        const QRect bar = f.view.laneBarRect(t.part1);
        const int x0 = f.view.xOfTime(HandTrace::kStart + 620'000);
        const int x1 = f.view.xOfTime(HandTrace::kStart + 680'000);
        QVERIFY(x1 - x0 > 20);
        QCOMPARE(count_color(img, QRect(x0, bar.top(), x1 - x0, bar.height()), mark), 0);
    }

    void tooltipNamesAnnotationValueAndTime() {
        const MarkTrace t;
        const auto data = t.h.data();
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        auto tip = [&](QPoint at) {
            QHelpEvent help(QEvent::ToolTip, at, f.view.mapToGlobal(at));
            QApplication::sendEvent(&f.view, &help);
            if (!QToolTip::isVisible())
                QTest::qWait(50);
            const QString text = QToolTip::text();
            QToolTip::hideText();
            return text;
        };
        const auto drawn1 = f.drawn(t.part1);
        const VisibleMark fifty = drawn1[3];
        QCOMPARE(fifty.record, t.marks1[3]);
        QString text = tip(f.at(t.part1, fifty) + QPoint(2, 0));
        QVERIFY2(text.contains("50 % of the part received"), qPrintable(text));
        QVERIFY2(text.contains(il::ui::duration_text(500'000)), qPrintable(text));
        QVERIFY2(text.contains("part 1"), qPrintable(text)); // still the lane's tooltip

        const VisibleMark retry = f.drawn(t.part2).front();
        text = tip(f.at(t.part2, retry));
        QVERIFY2(text.contains(kRetry) && text.contains("(value 400)"), qPrintable(text));
        QVERIFY2(text.contains(il::ui::duration_text(400'000)), qPrintable(text));

        // Away from any mark: the lane's usual tooltip, no mark.
        text = tip(QPoint(f.view.xOfTime(HandTrace::kStart + 650'000),
                          f.view.laneBarRect(t.part1).center().y()));
        QVERIFY2(text.contains("part 1") && !text.contains("Mark"), qPrintable(text));
    }

    // The layer adds its diamonds and labels and nothing else; marks closer
    // than a label's width keep only the last label.
    void onlyMarksAndTheirLabelsChangeTheFrame() {
        const MarkTrace t;
        Fixture f(t.h.data());
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const il::ui::TimelineScene s = f.view.scene();
        const QImage with = paint(s, false), without = paint(s, true);
        QVERIFY(with != without);
        const auto drawn = f.drawn(t.part1);
        const int left = s.lane_area().left();
        const QRect bar = f.view.laneBarRect(t.part1);
        // 30 % and 31 %: a dozen columns apart, too close for 30 %'s label.
        const VisibleMark thirty = drawn[1], thirty_one = drawn[2];
        QCOMPARE(thirty.record, t.marks1[1]);
        QVERIFY(thirty_one.x - thirty.x < 16);
        auto differs = [&](int x0, int x1) {
            int n = 0;
            for (int y = bar.top(); y <= bar.bottom(); ++y)
                for (int x = x0; x < x1; ++x)
                    n += with.pixel(x, y) != without.pixel(x, y);
            return n;
        };
        const int gap_from = left + thirty.x + MarkPainter::kHalf + 1;
        const int gap_to = left + thirty_one.x - MarkPainter::kHalf;
        QVERIFY(gap_to > gap_from);
        QCOMPARE(differs(gap_from, gap_to), 0); // no label between them
        // 31 % has room up to 50 %: its label is drawn right of it.
        QVERIFY(differs(left + thirty_one.x + MarkPainter::kHalf + 3,
                        left + thirty_one.x + MarkPainter::kHalf + 20) > 10);

        // Every change lies on a marked lane's bar, from a diamond to its label's end.
        QVector<QRect> allowed;
        for (LaneId lane : {t.part1, t.part2}) {
            const QRect b = f.view.laneBarRect(lane);
            const auto marks = f.drawn(lane);
            for (std::size_t k = 0; k < marks.size(); ++k) {
                const int x0 = left + marks[k].x - MarkPainter::kHalf;
                const int x1 = k + 1 < marks.size() ? left + marks[k + 1].x : s.lane_area().right();
                allowed.push_back(QRect(QPoint(x0, b.top()), QPoint(x1, b.bottom())));
            }
        }
        for (int y = 0; y < with.height(); ++y)
            for (int x = 0; x < with.width(); ++x)
                if (with.pixel(x, y) != without.pixel(x, y)) {
                    const bool inside =
                        std::any_of(allowed.begin(), allowed.end(),
                                    [&](const QRect& r) { return r.contains(x, y); });
                    QVERIFY2(inside, qPrintable(QString("changed at %1,%2").arg(x).arg(y)));
                }
    }

    void traceWithoutMarksPaintsAsBefore() {
        const MarkTrace t(false);
        Fixture f(t.h.data());
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const il::ui::TimelineScene s = f.view.scene();
        for (LaneId l = 1; l < s.lods->size(); ++l)
            QVERIFY((*s.lods)[l].marks().empty());
        const QImage with = paint(s, false);
        QCOMPARE(with, paint(s, true));
        QCOMPARE(count_color(with, with.rect(), il::ui::mark_color()), 0);
        QCOMPARE(f.view.grab().toImage().convertToFormat(with.format()), with);
    }

    // The downloader's parts, cut once each: every "part N" lane shows its
    // progress up to "100 %" and a mark for its retry, on its own row.
    void downloaderPartsShowTheirProgress() {
        const auto data = il::test::run_data(
            "downloader", {"size_mb=2", "parts=2", "bandwidth_mbps=0", "drop_after_kb=256"});
        QVERIFY(data);
        Fixture f(data);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QImage img = f.view.grab().toImage();
        img.save(QDir::temp().filePath("tst_timeline_marks_downloader.png"));
        const auto& snap = data->snapshot;
        int parts = 0;
        for (LaneId lane = 1; lane < snap.lanes.size(); ++lane) {
            if (snap.lanes[lane].name.rfind("part ", 0) != 0)
                continue;
            ++parts;
            const auto& marks = (*f.view.scene().lods)[lane].marks().all();
            QVERIFY(marks.size() >= 2);
            QCOMPARE(il::ui::mark_label(snap, snap.records[marks.back().record]), QString("100 %"));
            const bool retried = std::any_of(marks.begin(), marks.end(), [&](const auto& m) {
                return il::ui::mark_label(snap, snap.records[m.record]).contains("retries from");
            });
            QVERIFY2(retried, snap.lanes[lane].name.c_str());
            const auto drawn = f.drawn(lane);
            QVERIFY(!drawn.empty());
            QVERIFY(has_color_near(img, f.at(lane, drawn.back()), il::ui::mark_color()));
        }
        QCOMPARE(parts, 2);
    }

    void exportShowsMarks() {
        const MarkTrace t;
        const auto data = t.h.data();
        QTemporaryDir dir;
        const std::string path = dir.filePath("marks.png").toStdString();
        il::ui::TimelineExportOptions options;
        options.width = 1200;
        il::ui::export_timeline(*data, path, options);
        QImage img(QString::fromStdString(path));
        QVERIFY(!img.isNull());
        QVERIFY(count_color(img, img.rect(), il::ui::mark_color()) >= 7 * 9);
    }

    // A bright fill and a dark outline: one of them stands out on every
    // state colour, light palette and dark.
    void markColourReadsOnEveryState() {
        const QPalette saved = QGuiApplication::palette();
        for (bool dark : {false, true}) {
            QGuiApplication::setPalette(dark ? QPalette(QColor(0x35, 0x35, 0x35))
                                             : QPalette(QColor(0xef, 0xef, 0xef)));
            QCOMPARE(il::ui::dark_palette(), dark);
            QList<QColor> states;
            for (auto st : {il::analysis::LaneState::NotStarted, il::analysis::LaneState::Running,
                            il::analysis::LaneState::Ready, il::analysis::LaneState::Sleeping,
                            il::analysis::LaneState::Done})
                states << il::ui::state_color(st);
            for (int r = 1; r <= int(il::trace::WaitReason::Await); ++r)
                states << il::ui::blocked_color(il::trace::WaitReason(r));
            for (const QColor& c : states) {
                const double best = std::max(contrast(il::ui::mark_color(), c),
                                             contrast(il::ui::mark_outline_color(), c));
                QVERIFY2(
                    best >= 3.0,
                    qPrintable(
                        QString("%1 on %2: %3").arg(dark ? "dark" : "light", c.name()).arg(best)));
            }
            // And the view paints the palette's variant.
            const MarkTrace t;
            Fixture f(t.h.data());
            QVERIFY(QTest::qWaitForWindowExposed(&f.view));
            const QImage img = f.view.grab().toImage();
            img.save(QDir::temp().filePath(dark ? "tst_timeline_marks_dark.png"
                                                : "tst_timeline_marks_light.png"));
            QVERIFY(
                has_color_near(img, f.at(t.part1, f.drawn(t.part1).back()), il::ui::mark_color()));
        }
        QGuiApplication::setPalette(saved);
    }
};

QTEST_MAIN(TestTimelineMarks)
#include "tst_timeline_marks.moc"
