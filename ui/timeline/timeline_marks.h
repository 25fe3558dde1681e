// The timeline's marks layer: a scenario's Mark records (a part's progress,
// a retry and why) as small diamonds on their lane's bar, labelled when
// there is room, named by the view's tooltip. Draws from the marks each
// LaneLod holds (lane_marks.h); holds only scratch reused across frames.
// GUI thread (or any single thread with a QGuiApplication).
#pragma once

#include "timeline/lane_marks.h"
#include "trace/snapshot.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

class QPainter;
class QPalette;

namespace il::ui {

struct TimelineScene;

class MarkPainter {
public:
    static constexpr int kHalf = 4; // the diamond's half-width and half-height, px
    static constexpr int kGap = 6;  // columns per cell: at most one mark per cell

    // The marks of the scene's rows [first_row, last_row) that have any.
    // A frame costs nothing per lane without marks and O(W / kGap log m)
    // per lane with m of them. Each label needs the room up to the next
    // drawn mark (or the edge): of marks closer than that, only the last
    // is labelled, so progress reads as its latest value.
    void paint(QPainter& p, const TimelineScene& s, const QPalette& pal, std::size_t first_row,
               std::size_t last_row);

private:
    std::vector<VisibleMark> visible_; // scratch: one lane's marks in view
};

// The mark the scene draws on `lane` within the diamond's reach of
// lane-area column x (the nearest, the later on a tie), if any. Same choice
// of marks as MarkPainter::paint.
std::optional<VisibleMark> mark_near(const TimelineScene& s, trace::LaneId lane, int x);

// A mark's short label: "40 %" when its annotation's text starts with the
// unit "%" (the value then the text's first word), else the text itself.
QString mark_label(const trace::Snapshot& snapshot, const trace::Record& mark);
// Tooltip lines (HTML) for a drawn mark: the annotation's text with the
// value, the time since `origin`, and how many earlier marks it hides.
QString mark_tooltip(const trace::Snapshot& snapshot, const VisibleMark& mark, std::int64_t origin);

} // namespace il::ui
