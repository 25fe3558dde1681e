#include "analysis/interval_index.h"

#include <algorithm>

namespace il::analysis {

IntervalIndex::IntervalIndex(std::vector<std::int64_t> starts, std::vector<std::int64_t> ends)
    : starts_(std::move(starts)), ends_(std::move(ends)) {
    const std::size_t n = starts_.size();
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    carried_begin_.reserve(blocks + 1);
    carried_begin_.push_back(0);
    std::vector<std::uint32_t> open, next;
    for (std::size_t b = 0; b < blocks; ++b) {
        if (b > 0) {
            // Open at this block's first start: still-open carried ones, then
            // the previous block's own (ascending order is kept).
            const std::int64_t t = starts_[b * kBlock];
            next.clear();
            for (std::uint32_t i : open)
                if (ends_[i] > t)
                    next.push_back(i);
            for (std::size_t i = (b - 1) * kBlock; i < b * kBlock; ++i)
                if (ends_[i] > t)
                    next.push_back(static_cast<std::uint32_t>(i));
            open.swap(next);
            carried_.insert(carried_.end(), open.begin(), open.end());
        }
        carried_begin_.push_back(static_cast<std::uint32_t>(carried_.size()));
    }
}

void IntervalIndex::active_at(std::int64_t t, std::vector<std::uint32_t>& out) const {
    out.clear();
    // p = number of intervals that started at or before t.
    const std::size_t p = std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin();
    if (p == 0)
        return;
    const std::size_t b = (p - 1) / kBlock;
    for (std::uint32_t k = carried_begin_[b]; k < carried_begin_[b + 1]; ++k)
        if (ends_[carried_[k]] > t)
            out.push_back(carried_[k]);
    for (std::size_t i = b * kBlock; i < p; ++i)
        if (ends_[i] > t)
            out.push_back(static_cast<std::uint32_t>(i));
}

std::vector<std::uint32_t> IntervalIndex::active_at(std::int64_t t) const {
    std::vector<std::uint32_t> out;
    active_at(t, out);
    return out;
}

} // namespace il::analysis
