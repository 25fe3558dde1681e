#include "analysis/levels.h"

#include "analysis/time_range.h"

#include <algorithm>

namespace il::analysis {

using trace::Kind;
using trace::ObjectKind;

namespace {

bool is_queue(ObjectKind k) {
    return k == ObjectKind::Queue;
}
bool is_semaphore(ObjectKind k) {
    return k == ObjectKind::Semaphore || k == ObjectKind::BoundedSemaphore;
}

// Whether a record of this kind states the object's level in `b`.
bool carries_level(ObjectKind object, Kind k) {
    if (is_queue(object))
        return k == Kind::Put || k == Kind::Get;
    return k == Kind::Acquire || k == Kind::Release;
}

void finish(LevelSeries& s, std::int64_t end) {
    s.t_end = std::max(end, s.points.back().t);
    s.min = s.max = s.points.front().value;
    long double weighted = 0;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        const LevelPoint& p = s.points[i];
        s.min = std::min(s.min, p.value);
        s.max = std::max(s.max, p.value);
        std::int64_t until = i + 1 < s.points.size() ? s.points[i + 1].t : s.t_end;
        std::int64_t d = until - p.t;
        weighted += static_cast<long double>(p.value) * d;
        if (s.capacity > 0 && p.value == s.capacity)
            s.time_full_ns += d;
        if (p.value == 0)
            s.time_empty_ns += d;
    }
    std::int64_t span = s.t_end - s.points.front().t;
    s.mean = span > 0 ? static_cast<double>(weighted / span)
                      : static_cast<double>(s.points.back().value);
}

} // namespace

std::vector<LevelSeries> levels(const trace::Snapshot& snapshot) {
    const TimeRange range = time_range(snapshot);
    const std::vector<trace::ObjectInfo>& objects = snapshot.objects;
    std::vector<std::int32_t> slot(objects.size(), -1);
    std::vector<LevelSeries> out;
    for (std::size_t id = 1; id < objects.size(); ++id) {
        const trace::ObjectInfo& o = objects[id];
        if (!is_queue(o.kind) && !is_semaphore(o.kind))
            continue;
        slot[id] = static_cast<std::int32_t>(out.size());
        LevelSeries s;
        s.object = static_cast<trace::ObjectId>(id);
        s.kind = o.kind;
        s.capacity = o.capacity;
        s.points.push_back({range.begin, is_queue(o.kind) ? 0 : o.capacity});
        out.push_back(std::move(s));
    }
    for (const trace::Record& r : snapshot.records) {
        if (r.object >= slot.size() || slot[r.object] < 0)
            continue;
        LevelSeries& s = out[slot[r.object]];
        if (carries_level(s.kind, r.kind))
            s.points.push_back({r.t_ns, r.b});
    }
    for (LevelSeries& s : out)
        finish(s, range.end);
    return out;
}

std::int64_t value_at(const LevelSeries& series, std::int64_t t) {
    const auto& v = series.points;
    if (v.empty())
        return 0;
    auto it = std::upper_bound(v.begin(), v.end(), t,
                               [](std::int64_t x, const LevelPoint& p) { return x < p.t; });
    return it == v.begin() ? v.front().value : std::prev(it)->value;
}

} // namespace il::analysis
