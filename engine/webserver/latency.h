// Latency percentiles for the load generator: p50, p90, p99 and max of a
// set of durations (ns), interpolated as numpy's default does (the p-th
// percentile of 1..100 is 1 + 0.99 p; analysis::percentile). All zero for
// no values. Pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::webserver {

struct Percentiles {
    std::size_t count = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    std::int64_t max = 0;
    double mean = 0;
};

Percentiles percentiles(std::vector<std::int64_t> values);

} // namespace il::webserver
