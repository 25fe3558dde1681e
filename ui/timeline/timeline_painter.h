// Paints one frame of the timeline (ruler, lane names, state bars, lock
// strips, event ticks, marks, arrows, selection, playhead) onto any QPainter: the
// view paints with it and the benchmark measures it on a QImage. Holds only
// scratch buffers reused across frames; reads the scene it is given. GUI
// thread (or any single thread with a QGuiApplication).
#pragma once

#include "analysis/stats.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_lod.h"
#include "timeline/timeline_marks.h"

#include <QColor>
#include <QLineF>
#include <QPalette>
#include <QRect>
#include <QVector>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

class QPainter;

namespace il::ui {

// What one frame shows and where. Pointers are borrowed for the call.
struct TimelineScene {
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    const trace::Snapshot* snapshot = nullptr;
    const analysis::Summary* summary = nullptr;
    const std::vector<LaneLod>* lods = nullptr; // by lane id
    const TimelineLayout* layout = nullptr;
    std::int64_t t0 = 0, t1 = 0; // the visible window
    std::int64_t origin = 0;     // the ruler's zero: the run's start
    std::int64_t playhead = 0;
    std::size_t selected = kNone; // record index

    QRect area;            // the whole frame, in device coordinates
    int names_width = 170; // the lane-name column on the left
    int ruler_height = 24; // the ruler on top
    int scroll = 0;        // pixels of the rows scrolled off above the lane area

    QRect lane_area() const;
    QRect ruler_area() const;
    QRect names_area() const;
    PixelWindow pixels() const;
    double x_of(std::int64_t t) const;
    std::int64_t time_at(double x) const;
    int row_top(const TimelineRow& row) const; // in device coordinates
};

class TimelinePainter {
public:
    // More arrows than this in view would be a hairball: draw a sample.
    static constexpr std::size_t kMaxArrows = 400;

    struct Stats {
        std::size_t runs = 0; // state runs drawn
        std::size_t arrows_drawn = 0;
        std::size_t arrows_hidden = 0;
    };

    Stats paint(QPainter& p, const TimelineScene& scene, const QPalette& palette);

private:
    void paint_rows(QPainter& p, const TimelineScene& s, const QPalette& pal, Stats& stats);
    void paint_loop_steps(QPainter& p, const TimelineScene& s, const QPalette& pal);
    void paint_arrows(QPainter& p, const TimelineScene& s, Stats& stats);
    void paint_selection(QPainter& p, const TimelineScene& s);
    void paint_names(QPainter& p, const TimelineScene& s, const QPalette& pal);
    void paint_ruler(QPainter& p, const TimelineScene& s, const QPalette& pal);

    // Scratch, reused so a frame allocates nothing once warm.
    std::vector<StateRun> runs_;
    std::vector<PixelRun> pixel_runs_;
    std::array<QVector<QRect>, kCategoryCount> by_category_;
    QVector<QRect> holds_, ticks_, headers_, stripes_;
    std::array<QVector<QLineF>, 10> arrows_; // by FlowKind x handoff
    MarkPainter marks_;
};

} // namespace il::ui
