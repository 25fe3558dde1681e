// Helpers for the process tests: records of a lane / object, and the leak
// probe (open descriptors, unreaped children, /dev/shm entries).
#pragma once

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

inline int count_dir(const char* path) {
    int n = 0;
    if (DIR* d = ::opendir(path)) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.')
                ++n;
        ::closedir(d);
    }
    return n;
}

// What a run could leak. Counting /proc/self/fd opens one descriptor itself,
// the same one every time.
struct Resources {
    int fds = 0;
    int shm = 0;
    bool children = false; // any child at all (running or zombie)

    static Resources now() {
        Resources r;
        r.fds = count_dir("/proc/self/fd");
        r.shm = count_dir("/dev/shm");
        errno = 0;
        int status = 0;
        pid_t p = ::waitpid(-1, &status, WNOHANG);
        // 0: a child exists and runs; > 0: we just reaped someone else's zombie (a leak too).
        r.children = !(p == -1 && errno == ECHILD);
        return r;
    }

    // Fails the calling test if anything was left behind since `before`.
    void expect_nothing_leaked_since(const Resources& before) const {
        QCOMPARE(fds, before.fds);
        QCOMPARE(shm, before.shm);
        QVERIFY(!children);
    }
};

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
