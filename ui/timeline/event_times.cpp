#include "timeline/event_times.h"

#include <limits>

namespace il::ui {

EventTimes::EventTimes(std::size_t count, std::int64_t first, std::int64_t last)
    : base_(first), wide_mode_(last < first || std::uint64_t(last - first) >
                                                   std::numeric_limits<std::uint32_t>::max()) {
    if (wide_mode_)
        wide_.reserve(count);
    else
        narrow_.reserve(count);
}

void EventTimes::push_back(std::int64_t t) {
    if (wide_mode_)
        wide_.push_back(t);
    else
        narrow_.push_back(std::uint32_t(t - base_));
}

std::size_t EventTimes::lower_bound(std::int64_t t) const {
    std::size_t lo = 0, hi = size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if ((*this)[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::vector<std::int64_t> EventTimes::to_vector() const {
    std::vector<std::int64_t> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i)
        out.push_back((*this)[i]);
    return out;
}

std::size_t EventTimes::memory_bytes() const {
    return narrow_.capacity() * sizeof(std::uint32_t) + wide_.capacity() * sizeof(std::int64_t);
}

} // namespace il::ui
