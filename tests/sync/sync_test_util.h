// Helpers shared by the tests/sync suites: reading records back out of a
// session's trace and waiting (with a generous hang guard, never a timing
// assertion) for a lane to reach a state.
#pragma once

#include "run/session.h"
#include "trace/record.h"
#include "trace/snapshot.h"

#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace sync_test {

using il::trace::Kind;
using il::trace::LaneId;
using il::trace::ObjectId;
using il::trace::Record;
using namespace std::chrono_literals;

// A hang guard, not a performance bound.
inline constexpr auto kPatience = std::chrono::seconds(10);

// Polls pred until it holds (true) or kPatience passes (false).
template <class Pred> bool eventually(Pred pred) {
    auto end = std::chrono::steady_clock::now() + kPatience;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

// The records on one object, in trace order.
inline std::vector<Record> on(const il::trace::Snapshot& s, ObjectId object) {
    std::vector<Record> out;
    for (const Record& r : s.records)
        if (r.object == object)
            out.push_back(r);
    return out;
}

// The records of one kind (on one object, optionally by one lane), in trace order.
inline std::vector<Record> of(const il::trace::Snapshot& s, Kind kind, ObjectId object,
                              LaneId lane = 0) {
    std::vector<Record> out;
    for (const Record& r : s.records)
        if (r.kind == kind && r.object == object && (lane == 0 || r.lane == lane))
            out.push_back(r);
    return out;
}

// The kinds a lane recorded on an object, in order.
inline std::vector<Kind> kinds(const il::trace::Snapshot& s, ObjectId object, LaneId lane) {
    std::vector<Kind> out;
    for (const Record& r : s.records)
        if (r.object == object && r.lane == lane)
            out.push_back(r.kind);
    return out;
}

inline std::size_t count(il::Session& session, Kind kind, ObjectId object, LaneId lane = 0) {
    return of(session.recorder().snapshot(), kind, object, lane).size();
}

// Waits until `lane` has begun its n-th wait on `object` (it then holds or
// has just released the primitive's mutex, so anything done next happens
// after it is really waiting).
inline bool blocked(il::Session& session, ObjectId object, LaneId lane, std::size_t n = 1) {
    return eventually([&] { return count(session, Kind::WaitBegin, object, lane) >= n; });
}

inline std::uint16_t u16(auto e) {
    return static_cast<std::uint16_t>(e);
}

} // namespace sync_test
