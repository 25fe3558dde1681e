#include "webserver/latency.h"

#include "analysis/distribution.h"

#include <algorithm>
#include <numeric>

namespace il::webserver {

Percentiles percentiles(std::vector<std::int64_t> values) {
    Percentiles p;
    if (values.empty())
        return p;
    std::sort(values.begin(), values.end());
    p.count = values.size();
    p.p50 = analysis::percentile(values, 50);
    p.p90 = analysis::percentile(values, 90);
    p.p99 = analysis::percentile(values, 99);
    p.max = values.back();
    p.mean = static_cast<double>(std::accumulate(values.begin(), values.end(), std::int64_t{0})) /
             static_cast<double>(values.size());
    return p;
}

} // namespace il::webserver
