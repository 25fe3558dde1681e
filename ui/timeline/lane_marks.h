// One lane's trace::Kind::Mark records (a scenario's progress or retry
// notes), by time, and which of them a frame of W pixel columns draws: the
// last mark of every `gap`-column cell, so a frame draws at most W / gap + 1
// of them at O(log n) each, however many the window holds. Built once per
// RunData (build_lane_lods); immutable after, const queries safe from any
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::ui {

struct PixelWindow; // timeline_lod.h, which holds a LaneMarks per lane

// A mark record: its time and its index in the snapshot's records.
struct MarkRef {
    std::int64_t t = 0;
    std::size_t record = 0;
};

// A mark a frame draws: column x of the window, the record, and how many
// earlier marks of its cell it stands for (drawn as this, the latest one).
struct VisibleMark {
    int x = 0;
    std::size_t record = 0;
    std::size_t folded = 0;
};

class LaneMarks {
public:
    LaneMarks() = default;
    // `marks` ascending by time (records are in time order).
    explicit LaneMarks(std::vector<MarkRef> marks);

    bool empty() const { return marks_.empty(); }
    std::size_t size() const { return marks_.size(); }
    const std::vector<MarkRef>& all() const { return marks_; }

    // The marks in [w.t0, w.t1) to draw, ordered by x; `out` is replaced.
    // Columns are cut into cells of `gap` from the window's left; each cell
    // holding marks shows its last one at that mark's own column.
    void visible(const PixelWindow& w, int gap, std::vector<VisibleMark>& out) const;

    std::size_t memory_bytes() const { return marks_.capacity() * sizeof(MarkRef); }

private:
    std::vector<MarkRef> marks_;
};

} // namespace il::ui
