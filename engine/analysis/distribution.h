// Summary numbers of a set of durations (or any integers): count, min,
// median, p95, max, mean, total. Plain value; pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::analysis {

struct Distribution {
    std::size_t count = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::int64_t total = 0;
    double mean = 0;
    double median = 0;
    double p95 = 0;
};

// Percentiles interpolate linearly between the closest ranks, as numpy's
// default and Python's statistics.median do: the median of {1, 2, 3, 4} is 2.5.
// All fields are 0 for no values. O(n log n); takes the values to sort them.
Distribution distribution(std::vector<std::int64_t> values);

// The p-th percentile (0 <= p <= 100) of ascending values (not empty).
double percentile(const std::vector<std::int64_t>& sorted, double p);

} // namespace il::analysis
