#include "timeline/timeline_pyramid.h"

#include <algorithm>
#include <tuple>

namespace il::ui {

namespace {
// The three largest of `sums` (classes listed in `seen`) into a cell, as
// shares of `span`; clears the touched sums for the next block.
template <class Cell>
void keep_top3(std::array<double, kCategoryCount>& sums, std::vector<std::uint8_t>& seen,
               std::int64_t span, Cell& cell) {
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    std::partial_sort(seen.begin(), seen.begin() + std::min<std::ptrdiff_t>(3, seen.size()),
                      seen.end(),
                      [&](std::uint8_t x, std::uint8_t y) { return sums[x] > sums[y]; });
    for (std::size_t k = 0; k < 3; ++k) {
        cell.cls[k] = k < seen.size() ? seen[k] : 0;
        const double share = k < seen.size() && span > 0 ? sums[seen[k]] / double(span) : 0.0;
        cell.share[k] = static_cast<std::uint8_t>(std::clamp(share * 255.0 + 0.5, 0.0, 255.0));
    }
    for (std::uint8_t c : seen)
        sums[c] = 0;
    seen.clear();
}

// First index in [from, keys.size()) with keys[i] >= v (keys ascending),
// galloping from `from`.
std::size_t first_at_or_after(const std::vector<std::int64_t>& keys, std::size_t from,
                              std::int64_t v) {
    std::size_t lo = from, step = 1;
    const std::size_t n = keys.size();
    if (lo >= n || keys[lo] >= v)
        return lo;
    while (lo + step < n && keys[lo + step] < v) {
        lo += step;
        step *= 2;
    }
    const std::size_t hi = std::min(lo + step, n);
    return static_cast<std::size_t>(
        std::lower_bound(keys.begin() + static_cast<std::ptrdiff_t>(lo + 1),
                         keys.begin() + static_cast<std::ptrdiff_t>(hi), v) -
        keys.begin());
}

// Where, in [lo, hi), the cut at `fraction` / 65535 lies.
std::int64_t at_cut(std::int64_t lo, std::int64_t hi, std::uint16_t fraction) {
    return lo + (hi - lo) * fraction / 65535;
}
} // namespace

StatePyramid::StatePyramid(const std::vector<analysis::StateInterval>& intervals,
                           std::uint8_t (*category)(const analysis::StateInterval&)) {
    std::size_t count = intervals.size() / kFanout; // whole blocks only
    if (count < kMinBlocks)
        return;
    Level zero;
    zero.keys.reserve(count + 1);
    base_.resize(count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::size_t i = b * kFanout;
        const std::int64_t lo = intervals[i].t0, span = intervals[i + kFanout - 1].t1 - lo;
        zero.keys.push_back(lo);
        for (std::size_t j = 0; j < kFanout; ++j) {
            base_[b].cls[j] = category(intervals[i + j]);
            if (j > 0) // rounded up, so that a non-empty interval keeps a non-empty slice
                base_[b].cut[j - 1] = static_cast<std::uint16_t>(
                    span > 0 ? ((intervals[i + j].t0 - lo) * 65535 + span - 1) / span : 0);
        }
    }
    zero.keys.push_back(intervals[count * kFanout - 1].t1);
    levels_.push_back(std::move(zero));

    // Level 1 from the exact base blocks, higher levels from the cells below.
    std::array<double, kCategoryCount> sums{};
    std::vector<std::uint8_t> seen;
    while (levels_.size() < kMaxLevels) {
        const std::size_t l = levels_.size() - 1;
        const Level& below = levels_[l];
        count = blocks(l) / kFanout;
        if (count < kMinBlocks)
            break;
        Level up;
        up.keys.reserve(count + 1);
        up.cells.resize(count);
        for (std::size_t b = 0; b < count; ++b) {
            up.keys.push_back(below.keys[b * kFanout]);
            for (std::size_t k = b * kFanout; k < (b + 1) * kFanout; ++k) {
                const std::int64_t lo = below.keys[k], hi = below.keys[k + 1];
                if (l == 0) {
                    for (std::size_t j = 0; j < kFanout; ++j) {
                        const std::int64_t s = j == 0 ? lo : at_cut(lo, hi, base_[k].cut[j - 1]);
                        const std::int64_t e =
                            j + 1 == kFanout ? hi : at_cut(lo, hi, base_[k].cut[j]);
                        sums[base_[k].cls[j]] += double(e - s);
                        seen.push_back(base_[k].cls[j]);
                    }
                } else {
                    for (std::size_t j = 0; j < 3; ++j) {
                        sums[below.cells[k].cls[j]] +=
                            double(hi - lo) * below.cells[k].share[j] / 255.0;
                        seen.push_back(below.cells[k].cls[j]);
                    }
                }
            }
            keep_top3(sums, seen, below.keys[(b + 1) * kFanout] - below.keys[b * kFanout],
                      up.cells[b]);
        }
        up.keys.push_back(below.keys[count * kFanout]);
        levels_.push_back(std::move(up));
    }
}

std::size_t StatePyramid::blocks(std::size_t level) const {
    return level == 0 ? base_.size() : levels_[level].cells.size();
}

bool StatePyramid::durations(std::int64_t a, std::int64_t b, Cursor& cursor, Durations& out) const {
    if (levels_.empty() || b <= a || a < levels_[0].keys.front() || b > levels_[0].keys.back())
        return false; // outside the whole blocks: the caller counts exactly
    // Blocks [first, last] of a level touch [a, b): first contains a, last b - 1.
    auto touching = [&](std::size_t l) {
        const Level& level = levels_[l];
        const std::size_t after_a = first_at_or_after(level.keys, cursor.at[l], a + 1);
        cursor.at[l] = after_a > 0 ? after_a - 1 : 0;
        const std::size_t first = cursor.at[l];
        const std::size_t last =
            std::min(first_at_or_after(level.keys, first + 1, b) - 1, blocks(l) - 1);
        return std::pair{first, last};
    };
    auto [first, last] = touching(0);
    const std::size_t count = last - first + 1;
    if (count < kMinBlocks)
        return false;
    std::size_t l = 0;
    for (std::size_t n = count; n > kMaxBlocks && l + 1 < levels_.size(); n /= kFanout)
        ++l;
    if (l > 0)
        std::tie(first, last) = touching(l);
    out.fill(0);
    for (std::size_t k = first; k <= last; ++k)
        add(l, k, a, b, out);
    return true;
}

// Block k of level l clipped to [a, b): a whole block above level 0 adds its
// cell; a cut one its children; a level-0 block its four slices.
void StatePyramid::add(std::size_t l, std::size_t k, std::int64_t a, std::int64_t b,
                       Durations& out) const {
    const Level& level = levels_[l];
    const std::int64_t lo = level.keys[k], hi = level.keys[k + 1];
    if (hi <= a || lo >= b)
        return;
    if (l == 0) {
        const Base& base = base_[k];
        std::int64_t s = lo;
        for (std::size_t j = 0; j < kFanout; ++j) {
            const std::int64_t e = j + 1 == kFanout ? hi : at_cut(lo, hi, base.cut[j]);
            const std::int64_t o = std::min(e, b) - std::max(s, a);
            if (o > 0)
                out[base.cls[j]] += o;
            s = e;
        }
        return;
    }
    if (a <= lo && hi <= b) {
        for (std::size_t j = 0; j < 3; ++j)
            out[level.cells[k].cls[j]] += (hi - lo) * level.cells[k].share[j] / 255;
        return;
    }
    for (std::size_t c = k * kFanout; c < (k + 1) * kFanout; ++c)
        add(l - 1, c, a, b, out);
}

std::size_t StatePyramid::memory_bytes() const {
    std::size_t n = sizeof(*this) + base_.capacity() * sizeof(Base);
    for (const Level& l : levels_)
        n += l.keys.capacity() * sizeof(std::int64_t) + l.cells.capacity() * sizeof(Cell);
    return n;
}

} // namespace il::ui
