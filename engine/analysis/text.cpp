#include "analysis/text.h"

#include <algorithm>

#include <cmath>
#include <cstdio>

namespace il::analysis {

std::string duration_text(std::int64_t ns) {
    char buf[48];
    const double v = static_cast<double>(ns);
    const double a = v < 0 ? -v : v;
    // One decimal below 10 of a unit ("1.3 ms"), none above ("58 us").
    auto put = [&](double x, const char* unit) {
        std::snprintf(buf, sizeof buf, (x < 10 && x > -10) ? "%.1f %s" : "%.0f %s", x, unit);
    };
    if (a >= 1e9)
        std::snprintf(buf, sizeof buf, "%.1f s", v / 1e9);
    else if (a >= 1e6)
        put(v / 1e6, "ms");
    else if (a >= 1e3)
        put(v / 1e3, "us");
    else
        std::snprintf(buf, sizeof buf, "%lld ns", static_cast<long long>(ns));
    return buf;
}

std::string percent_text(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", std::round(share * 100.0));
    return buf;
}

std::string times_text(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " time" : " times");
}

// The registry's stable name, written for people: "bounded semaphore",
// Python's spelling "RLock"; an annotation is just an "object".
std::string kind_label(trace::ObjectKind kind) {
    using trace::ObjectKind;
    if (kind == ObjectKind::RLock)
        return "RLock";
    if (kind == ObjectKind::Annotation)
        return "object";
    std::string label(trace::object_kind_name(kind));
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string kind_label_of(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    return o ? kind_label(o->kind) : "object";
}

std::string lane_name(const trace::Snapshot& s, trace::LaneId id) {
    const trace::LaneInfo* l = s.lane(id);
    return l && !l->name.empty() ? l->name : "lane " + std::to_string(id);
}

std::string quoted_name(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    return "'" + (o && !o->name.empty() ? o->name : "object " + std::to_string(id)) + "'";
}

} // namespace il::analysis
