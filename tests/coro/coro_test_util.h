// Helpers shared by the tests/coro suites: records of one lane or object,
// the kinds a lane recorded, the lane named so-and-so.
#pragma once

#include "run/session.h"
#include "trace/record.h"
#include "trace/snapshot.h"

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace coro_test {

using il::trace::Kind;
using il::trace::LaneId;
using il::trace::ObjectId;
using il::trace::Record;
using namespace std::chrono_literals;

inline std::vector<Record> by_lane(const il::trace::Snapshot& s, LaneId lane) {
    std::vector<Record> out;
    for (const Record& r : s.records)
        if (r.lane == lane)
            out.push_back(r);
    return out;
}

inline std::vector<Kind> kinds_of(const std::vector<Record>& rs) {
    std::vector<Kind> out;
    for (const Record& r : rs)
        out.push_back(r.kind);
    return out;
}

// The kinds a lane recorded (optionally only on one object), in order.
inline std::vector<Kind> lane_kinds(const il::trace::Snapshot& s, LaneId lane,
                                    ObjectId object = 0) {
    std::vector<Kind> out;
    for (const Record& r : s.records)
        if (r.lane == lane && (object == 0 || r.object == object))
            out.push_back(r.kind);
    return out;
}

inline std::vector<Record> of(const il::trace::Snapshot& s, Kind kind, ObjectId object = 0,
                              LaneId lane = 0) {
    std::vector<Record> out;
    for (const Record& r : s.records)
        if (r.kind == kind && (object == 0 || r.object == object) && (lane == 0 || r.lane == lane))
            out.push_back(r);
    return out;
}

inline LaneId lane_named(const il::trace::Snapshot& s, const std::string& name) {
    for (const auto& l : s.lanes)
        if (l.id != 0 && l.name == name)
            return l.id;
    return 0;
}

inline std::uint16_t u16(auto e) {
    return static_cast<std::uint16_t>(e);
}

} // namespace coro_test

// QVERIFY/QCOMPARE `return` on failure, which a coroutine cannot: inside
// coroutines a failed check throws instead, and the test fails with it.
#define CO_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond))                                                                               \
            throw std::logic_error(std::string("CO_CHECK failed: " #cond " (line ") +              \
                                   std::to_string(__LINE__) + ")");                                \
    } while (0)
