// A multi-resolution summary of one lane's state intervals for zoomed-out
// frames. Level 0 packs every 4 consecutive intervals into 10 bytes (their
// classes and where inside the block each one starts, in 1/65535 of it);
// level l >= 1 groups 4^(l+1) intervals into a block that keeps the three
// classes that took most of its time and their shares. A dense pixel column
// is summed from at most kMaxBlocks blocks, never from the intervals, so a
// frame's cost does not grow with the trace, and it stays in a few small
// arrays instead of wandering through the big ones. Built once in O(n)
// (~5.5 bytes per interval); immutable, const queries thread-safe.
#pragma once

#include "analysis/states.h"
#include "trace/record.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::ui {

// Every WaitReason value (0 = unknown) gets its own blocked class.
inline constexpr int kWaitReasonSlots = static_cast<int>(trace::WaitReason::Await) + 1;
inline constexpr int kCategoryCount = 5 + kWaitReasonSlots; // see timeline_lod.h

class StatePyramid {
public:
    static constexpr std::size_t kFanout = 4;
    // A column touching at least kMinBlocks blocks of level 0 is summed from
    // the finest level where it touches at most kMaxBlocks. Whole blocks add
    // their classes; the blocks cut by the column's edges descend to level 0,
    // whose cut points place each interval to 1/65535 of its block. The only
    // approximations: a block above level 0 keeps three classes (shares in
    // 1/255), and level 0 rounds interval edges inside a block.
    static constexpr std::size_t kMinBlocks = 2;
    static constexpr std::size_t kMaxBlocks = 32;
    static constexpr std::size_t kMaxLevels = 16;

    using Durations = std::array<std::int64_t, kCategoryCount>;
    // Per-level search positions for a left-to-right walk over columns.
    struct Cursor {
        std::array<std::size_t, kMaxLevels> at{};
    };

    StatePyramid() = default;
    // `category` maps an interval to its colour class (< kCategoryCount).
    StatePyramid(const std::vector<analysis::StateInterval>& intervals,
                 std::uint8_t (*category)(const analysis::StateInterval&));

    // Time per class in [a, b), or false when the column touches fewer than
    // kMinBlocks blocks (count it exactly: it is cheap) or lies outside the
    // whole blocks. Columns must be asked in increasing a per cursor.
    bool durations(std::int64_t a, std::int64_t b, Cursor& cursor, Durations& out) const;

    std::size_t levels() const { return levels_.size(); }
    // The intervals [0, covered()) make up the whole blocks, which end at end().
    std::size_t covered() const { return base_.size() * kFanout; }
    std::int64_t end() const { return levels_.empty() ? 0 : levels_[0].keys.back(); }
    std::size_t memory_bytes() const;

private:
    struct Base { // 4 intervals, 10 bytes
        std::array<std::uint8_t, kFanout> cls{};
        std::array<std::uint16_t, kFanout - 1> cut{}; // start of interval j + 1
    };
    struct Cell { // 6 bytes
        std::array<std::uint8_t, 3> cls{};
        std::array<std::uint8_t, 3> share{}; // of the block's time, in 1/255
    };
    struct Level {
        std::vector<std::int64_t> keys; // [b]: start of block b; back(): the end
        std::vector<Cell> cells;        // empty on level 0, which uses base_
    };
    std::size_t blocks(std::size_t level) const;
    void add(std::size_t level, std::size_t block, std::int64_t a, std::int64_t b,
             Durations& out) const;

    std::vector<Base> base_;
    std::vector<Level> levels_; // [0]: blocks of kFanout intervals
};

} // namespace il::ui
