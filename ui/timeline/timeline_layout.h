// Which row of the timeline shows what, and where: lanes grouped by process,
// coroutines under the lane that created them. Pure geometry in pixels from
// the top of the lane area; no widgets. A plain value, rebuilt per snapshot.
#pragma once

#include "trace/snapshot.h"

#include <cstdint>
#include <set>
#include <vector>

namespace il::ui {

// Pixel sizes of the rows. A lane row is: pad, state bar, 1 px, lock strip, pad.
struct TimelineMetrics {
    int header_height = 20; // a process group's header row
    int pad = 2;
    int bar_height = 14;
    int strip_height = 4;
    int indent = 12; // per nesting level of a coroutine under its parent

    int lane_height() const { return pad + bar_height + 1 + strip_height + pad; }
};

struct TimelineRow {
    enum class Kind : std::uint8_t { Process, Lane };
    Kind kind = Kind::Lane;
    std::int32_t pid = 0;
    // Lane rows: the lane. Process rows: the process's first lane (lowest id),
    // whose name names the group.
    trace::LaneId lane = 0;
    int depth = 0;          // Lane rows: coroutine nesting under its parent
    int lanes = 0;          // Process rows: how many lanes the group holds
    bool collapsed = false; // Process rows: its lanes are hidden
    int y = 0;
    int height = 0;

    int bar_top(const TimelineMetrics& m) const { return y + m.pad; }
    int strip_top(const TimelineMetrics& m) const { return y + m.pad + m.bar_height + 1; }
};

class TimelineLayout {
public:
    TimelineLayout() = default;
    // Processes in the order of their first lane; within one, lanes by id, a
    // coroutine lane right under its parent (when the parent is in the same
    // process), deeper by one. Lanes of a collapsed pid get no rows.
    explicit TimelineLayout(const trace::Snapshot& snapshot,
                            const std::set<std::int32_t>& collapsed = {},
                            TimelineMetrics metrics = {});

    const std::vector<TimelineRow>& rows() const { return rows_; }
    const TimelineMetrics& metrics() const { return metrics_; }
    int height() const { return height_; }

    // The row containing y (0 = top of the first row), or -1. O(log rows).
    int row_at(int y) const;
    // The lane whose row contains y, 0 for a header, a gap or nothing.
    trace::LaneId lane_at(int y) const;
    // The row of a lane, nullptr when it has none (unknown or collapsed).
    const TimelineRow* lane_row(trace::LaneId lane) const;
    // Top of the lane's row, or -1.
    int lane_y(trace::LaneId lane) const;

private:
    TimelineMetrics metrics_;
    std::vector<TimelineRow> rows_;
    std::vector<int> row_of_lane_; // by lane id, -1 without a row
    int height_ = 0;
};

} // namespace il::ui
