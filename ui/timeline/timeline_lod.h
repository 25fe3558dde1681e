// Level of detail for one lane of the timeline: what to draw in W pixel
// columns of a time window, at a cost of O(W log n) per query whatever the
// number n of intervals, holds or events in the window. Built once per
// RunData in O(n); immutable after, const queries safe from any thread. It
// points into the Summary it was built from, which must outlive it.
#pragma once

#include "timeline/event_times.h"

#include "analysis/stats.h"
#include "timeline/lane_marks.h"
#include "timeline/timeline_pyramid.h"
#include "trace/snapshot.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::ui {

// Colour classes of state intervals (what interval_color tells apart):
// the five unblocked states, then Blocked per WaitReason (0 = unknown);
// kCategoryCount of them (timeline_pyramid.h).
inline constexpr std::uint8_t kNoCategory = 0xff;
std::uint8_t state_category(const analysis::StateInterval& interval);
// An interval of that class, to feed interval_color / state_label.
analysis::StateInterval category_interval(std::uint8_t category);
bool is_blocked_category(std::uint8_t category);

// W pixel columns over [t0, t1). Column x covers [at(x), at(x + 1)).
struct PixelWindow {
    std::int64_t t0 = 0;
    std::int64_t t1 = 0;
    int width = 0;

    std::int64_t at(int x) const { return t0 + (t1 - t0) * x / width; }
    // The column containing t (t clamped into the window), in [0, width].
    int column(std::int64_t t) const;
};

// One coloured run of columns [x0, x1).
//  * exact: one interval covers every column of the run entirely.
//  * merged: each column mixes intervals. Rule: the column shows the colour
//    class covering most of its time (category); `accent` is
//      - the largest Blocked class when the dominant one is not Blocked and
//        blocked time is at least 1/10 of the column (blocking never vanishes),
//      - else the second-largest class when it covers at least 1/4,
//      - else kNoCategory.
//    Adjacent merged columns with the same pair form one run.
//    A dense column (many intervals) takes its time per class from the
//    StatePyramid instead of the intervals: approximate (`summarised`).
struct StateRun {
    int x0 = 0;
    int x1 = 0;
    std::uint8_t category = 0;
    std::uint8_t accent = kNoCategory;
    bool merged = false;
    bool summarised = false;  // merged from the pyramid's blocks
    std::size_t interval = 0; // exact runs: index in LaneTimeline::intervals
};

// Columns [x0, x1) touched by at least one lock hold or event.
struct PixelRun {
    int x0 = 0;
    int x1 = 0;
};

// A [t0, t1) span of time; the lock strip's union of holds.
struct TimeSpan {
    std::int64_t t0 = 0;
    std::int64_t t1 = 0;
};

class LaneLod {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    // Interval starts sampled for searches (every kBlock-th).
    static constexpr std::size_t kBlock = 32;
    // Every kStride-th search key (hold end, event time; for intervals every
    // kBlock-th start) is copied into a small contiguous array: a search
    // gallops there and then touches few elements of the big arrays.
    static constexpr std::size_t kStride = 16;

    LaneLod() = default;
    // `timeline` may be null (a lane without one). `holds` in any order,
    // overlapping allowed. `events`: the times of the lane's records, ascending.
    // The lane's own copy of its times (4 or 8 bytes a record, EventTimes)
    // keeps tick queries off the records, whose lanes interleave: one cache
    // miss per probe there.
    LaneLod(trace::LaneId lane, const analysis::LaneTimeline* timeline, std::vector<TimeSpan> holds,
            const std::vector<std::int64_t>& events);
    // The same from times already compact (build_lane_lods), with the lane's marks.
    static LaneLod with_times(trace::LaneId lane, const analysis::LaneTimeline* timeline,
                              std::vector<TimeSpan> holds, EventTimes events, LaneMarks marks = {});

    // Runs ordered by x, never more than w.width of them. `out` is replaced.
    void state_runs(const PixelWindow& w, std::vector<StateRun>& out) const;
    // Columns where the lane held a lock or semaphore: any hold touching a
    // column lights it, so a hold never vanishes at low zoom.
    void hold_runs(const PixelWindow& w, std::vector<PixelRun>& out) const;
    // Columns with at least one of the lane's records.
    void tick_runs(const PixelWindow& w, std::vector<PixelRun>& out) const;
    // The lane's record nearest in time to t (the earlier on a tie), or npos.
    // `records` are the snapshot's the lane's events came from.
    std::size_t nearest_event(const std::vector<trace::Record>& records, std::int64_t t) const;

    const analysis::LaneTimeline* timeline() const { return timeline_; }
    const std::vector<TimeSpan>& holds() const { return holds_; }
    trace::LaneId lane() const { return lane_; }
    const LaneMarks& marks() const { return marks_; }
    std::vector<std::int64_t> events() const { return events_.to_vector(); }
    std::size_t memory_bytes() const;

private:
    using Durations = std::array<std::int64_t, kCategoryCount>;
    void build(std::vector<TimeSpan> holds); // the rest of construction, once events_ is set
    std::size_t seek(std::size_t from, std::int64_t t) const;

    trace::LaneId lane_ = 0;
    const analysis::LaneTimeline* timeline_ = nullptr;
    StatePyramid pyramid_;
    std::size_t tail_ = 0;        // intervals from here on are past the pyramid's blocks
    std::vector<TimeSpan> holds_; // disjoint, sorted
    EventTimes events_;
    LaneMarks marks_;
    std::vector<std::int64_t> interval_keys_; // [b]: t0 of interval b * kBlock
    // [j]: the key of element j * kStride of holds_ (t1, t0) and events_.
    std::vector<std::int64_t> hold_keys_, event_keys_;
    std::vector<std::int64_t> hold_starts_; // [j]: t0 of holds_[j * kStride]
};

// One LaneLod per lane id (index 0 a placeholder), from the summary's
// timelines, the ownership holds and the records (with each lane's Mark
// records). O(n + h log h).
std::vector<LaneLod> build_lane_lods(const trace::Snapshot& snapshot,
                                     const analysis::Summary& summary);

} // namespace il::ui
