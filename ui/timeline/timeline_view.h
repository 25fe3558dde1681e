// The timeline widget: lanes grouped by process with their states, lock-held
// strips, event ticks and cause -> effect arrows over the shared time window;
// wheel zooms, drag pans, click selects, the ruler moves the playhead. Does
// not own the model or the window; keeps the RunData it shows alive with its
// per-run LOD. GUI thread only.
#pragma once

#include "model/run_model.h"
#include "model/time_window.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_lod.h"
#include "timeline/timeline_painter.h"

#include <QWidget>

#include <set>

class QScrollBar;

namespace il::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    TimelineView(RunModel* model, TimeWindow* window, QWidget* parent = nullptr);

    // The rows as last laid out (y from the top of the lane area, unscrolled).
    const TimelineLayout& timelineLayout() const { return layout_; }
    // Widget coordinates of the parts, for tests and neighbours.
    QRect laneArea() const;
    QRect rulerArea() const;
    // The lane's state bar as drawn now (empty when scrolled away or hidden).
    QRect laneBarRect(trace::LaneId lane) const;
    int xOfTime(std::int64_t t) const;
    std::int64_t timeAtX(int x) const;
    // Arrows the last frame left out for being too many.
    std::size_t hiddenArrows() const { return last_.arrows_hidden; }

    bool isCollapsed(std::int32_t pid) const { return collapsed_.count(pid) > 0; }
    void setCollapsed(std::int32_t pid, bool collapsed);

    // What the next frame draws (borrows this view's LOD and layout):
    // export_timeline paints it again at another size.
    TimelineScene scene() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void rebuild();
    void relayout();
    void update_scrollbar();
    // The row under a widget y inside the lane area, or -1.
    int row_at(int y) const;
    void click(QPoint pos);
    QString tooltip_at(QPoint pos) const;
    QString lane_tooltip(trace::LaneId lane, std::int64_t t, bool on_strip, int x) const;

    RunModel* model_;
    TimeWindow* window_;
    RunDataPtr data_;           // what lods_ and layout_ describe
    std::vector<LaneLod> lods_; // by lane id; point into data_->summary
    TimelineLayout layout_;
    std::set<std::int32_t> collapsed_; // pids the user folded; kept across runs
    TimelinePainter painter_;
    TimelinePainter::Stats last_;
    QScrollBar* vbar_;

    // A left-button gesture: a click unless it moves past a few pixels.
    enum class Press { None, Lanes, Ruler, Names };
    Press press_ = Press::None;
    QPoint press_pos_;
    std::int64_t press_window_start_ = 0;
    int press_scroll_ = 0;
    bool dragging_ = false;
};

} // namespace il::ui
