// Finding records by time: Snapshot::records is sorted by t_ns, so "the last
// record at or before t" is a binary search, and "the last one on lane L
// before t" a search plus a short scan back. Pure functions.
#pragma once

#include "trace/snapshot.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace il::ui {

inline constexpr std::size_t kNoRecordIndex = static_cast<std::size_t>(-1);

// How many records have t_ns <= t (the index just past the last of them). O(log n).
inline std::size_t records_until(const trace::Snapshot& s, std::int64_t t) {
    auto it = std::upper_bound(s.records.begin(), s.records.end(), t,
                               [](std::int64_t v, const trace::Record& r) { return v < r.t_ns; });
    return static_cast<std::size_t>(it - s.records.begin());
}

// The last record with t_ns <= t for which pred(record) holds, or
// kNoRecordIndex. Scans back from t: one user action, not per frame.
template <class Pred>
std::size_t last_record_where(const trace::Snapshot& s, std::int64_t t, Pred pred) {
    for (std::size_t i = records_until(s, t); i-- > 0;)
        if (pred(s.records[i]))
            return i;
    return kNoRecordIndex;
}

inline std::size_t last_record_on_lane(const trace::Snapshot& s, std::int64_t t,
                                       trace::LaneId lane) {
    return last_record_where(s, t, [lane](const trace::Record& r) { return r.lane == lane; });
}

inline std::size_t last_record_on_object(const trace::Snapshot& s, std::int64_t t,
                                         trace::ObjectId object) {
    return last_record_where(s, t, [object](const trace::Record& r) { return r.object == object; });
}

} // namespace il::ui
