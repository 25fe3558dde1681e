// How full each queue is and how many permits each semaphore has left, over
// time: step series read from the levels the primitives record (Put/Get b,
// Acquire/Release b). Pure functions; results are plain values.
#pragma once

#include "trace/snapshot.h"

#include <cstdint>
#include <vector>

namespace il::analysis {

struct LevelPoint {
    std::int64_t t = 0;
    std::int64_t value = 0; // from t until the next point
};

struct LevelSeries {
    trace::ObjectId object = 0;
    trace::ObjectKind kind = trace::ObjectKind::Queue; // Queue, Semaphore, BoundedSemaphore
    // Queue: maxsize (0 = unbounded). Semaphore: initial permits.
    std::int64_t capacity = 0;
    // Starts at the beginning of the trace with the initial value (0 items;
    // `capacity` free permits); one point per recorded level. Several points
    // may share a time; the last one holds from there.
    std::vector<LevelPoint> points;
    std::int64_t t_end = 0; // the last point lasts until here
    std::int64_t min = 0;
    std::int64_t max = 0;
    double mean = 0; // time-weighted over [points.front().t, t_end]
    // Time spent at value == capacity (only when capacity > 0) and at 0. For a
    // semaphore "full" means every permit free, "empty" none free.
    std::int64_t time_full_ns = 0;
    std::int64_t time_empty_ns = 0;
};

// One series per Queue, Semaphore and BoundedSemaphore object, by id. O(n).
std::vector<LevelSeries> levels(const trace::Snapshot& snapshot);

// The value at t (before the first point: the first point's value). O(log n).
std::int64_t value_at(const LevelSeries& series, std::int64_t t);

} // namespace il::analysis
