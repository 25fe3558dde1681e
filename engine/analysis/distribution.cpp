#include "analysis/distribution.h"

#include <algorithm>
#include <cmath>

namespace il::analysis {

double percentile(const std::vector<std::int64_t>& sorted, double p) {
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(rank));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double frac = rank - static_cast<double>(lo);
    return static_cast<double>(sorted[lo]) + frac * static_cast<double>(sorted[hi] - sorted[lo]);
}

Distribution distribution(std::vector<std::int64_t> values) {
    Distribution d;
    if (values.empty())
        return d;
    std::sort(values.begin(), values.end());
    d.count = values.size();
    d.min = values.front();
    d.max = values.back();
    long double total = 0;
    for (std::int64_t v : values)
        total += v;
    d.total = static_cast<std::int64_t>(total);
    d.mean = static_cast<double>(total / static_cast<long double>(values.size()));
    d.median = percentile(values, 50);
    d.p95 = percentile(values, 95);
    return d;
}

} // namespace il::analysis
