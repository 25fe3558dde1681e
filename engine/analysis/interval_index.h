// Answers "which intervals contain time t" over a fixed set of intervals
// sorted by start, in O(log n + k + answer) per query for a small block size
// k: every k-th interval keeps the list of earlier intervals still open there.
// Immutable after construction; const queries are safe from any thread.
#pragma once

#include <cstdint>
#include <vector>

namespace il::analysis {

class IntervalIndex {
public:
    IntervalIndex() = default;
    // Interval i is [starts[i], ends[i]); starts must be non-decreasing.
    IntervalIndex(std::vector<std::int64_t> starts, std::vector<std::int64_t> ends);

    // Indices of the intervals containing t, ascending (so in start order).
    void active_at(std::int64_t t, std::vector<std::uint32_t>& out) const;
    std::vector<std::uint32_t> active_at(std::int64_t t) const;

    std::size_t size() const { return starts_.size(); }

private:
    static constexpr std::size_t kBlock = 32;
    std::vector<std::int64_t> starts_;
    std::vector<std::int64_t> ends_;
    // For block b: carried_[carried_begin_[b] .. carried_begin_[b + 1]) are the
    // intervals before the block that are still open at its first start.
    std::vector<std::uint32_t> carried_;
    std::vector<std::uint32_t> carried_begin_;
};

} // namespace il::analysis
