// Helpers for the process tests: records of a lane / object, the leak probe
// (tests/common/resources.h) and a hang guard.
#pragma once

#include "common/resources.h"
#include "trace/snapshot.h"

#include <QtTest>

#include <cerrno>
#include <chrono>
#include <dirent.h>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

namespace proc_test {

using il::trace::Kind;
using il::trace::Record;

inline std::vector<Record> of_lane(const il::trace::Snapshot& s, il::trace::LaneId lane) {
    std::vector<Record> out;
    for (const auto& r : s.records)
        if (r.lane == lane)
            out.push_back(r);
    return out;
}

inline std::vector<Record> on(const il::trace::Snapshot& s, il::trace::ObjectId object) {
    std::vector<Record> out;
    for (const auto& r : s.records)
        if (r.object == object)
            out.push_back(r);
    return out;
}

inline std::vector<Record> of_kind(const std::vector<Record>& rs, Kind k) {
    std::vector<Record> out;
    for (const auto& r : rs)
        if (r.kind == k)
            out.push_back(r);
    return out;
}

using il::test::Resources;

// A hang guard, not a performance bound.
template <class Pred> bool eventually(Pred pred) {
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    return true;
}

} // namespace proc_test
