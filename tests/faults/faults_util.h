// Shared by the fault-injection suites: "nothing leaked" once things have
// settled (descriptors, /dev/shm entries, children, threads), a hang guard,
// and small readers of a live or finished trace. Test helpers only.
#pragma once

#include "common/resources.h"
#include "run/session.h"
#include "trace/snapshot.h"

#include <QtTest>

#include <chrono>
#include <exception>
#include <string>
#include <thread>

namespace faults {

using il::test::Resources;
using namespace std::chrono_literals;

// A hang guard, not a performance bound: generous for sanitizer builds on a
// loaded two-core machine.
template <class Pred> bool eventually(Pred pred, std::chrono::seconds limit = 30s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

// Waits until what `before` counted is back (threads end and descriptors
// close a little after a join on some paths), then compares. Call it only
// when nothing of the test still runs: Resources::now() reaps a zombie.
inline void expect_settled(const Resources& before) {
    eventually([&] {
        const Resources n = Resources::now();
        return n.fds == before.fds && n.shm == before.shm && !n.children &&
               n.threads == before.threads;
    });
    const Resources now = Resources::now();
    now.expect_nothing_leaked_since(before);
    QCOMPARE(now.threads, before.threads);
}

// QCOMPARE inside a helper only returns from the helper: this returns from the test too.
#define FAULTS_EXPECT_SETTLED(before)                                                              \
    do {                                                                                           \
        faults::expect_settled(before);                                                            \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

inline std::string message_of(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "<not a std::exception>";
    }
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::size_t count_kind(const il::trace::Snapshot& s, il::trace::Kind k) {
    std::size_t n = 0;
    for (const auto& r : s.records)
        n += r.kind == k;
    return n;
}

} // namespace faults
