// The stress and cancellation checks that Semaphore and BoundedSemaphore
// share (both tests run them on their own class).
#pragma once

#include "run/errors.h"
#include "sync/semaphore.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace sync_test {

// `lanes` lanes each take a permit `per` times. Checks at most `permits`
// were inside at once, both live and from the trace, and that every Acquire
// takes the permit of exactly one Release (or an initial one).
inline void semaphore_stress(il::Session& s, il::sync::Semaphore& sem, int permits, int lanes,
                             int per) {
    std::atomic<int> inside{0}, max_inside{0};
    std::vector<std::unique_ptr<il::thread::Thread>> ts;
    for (int i = 0; i < lanes; ++i)
        ts.push_back(std::make_unique<il::thread::Thread>(s, "w" + std::to_string(i), [&] {
            for (int k = 0; k < per; ++k) {
                std::lock_guard g(sem);
                int now = ++inside;
                int seen = max_inside.load();
                while (now > seen && !max_inside.compare_exchange_weak(seen, now)) {
                }
                std::this_thread::yield();
                --inside;
            }
        }));
    for (auto& t : ts)
        t->start();
    for (auto& t : ts)
        QVERIFY(t->join(kPatience));
    QVERIFY(max_inside.load() <= permits);
    QCOMPARE(sem.value(), std::int64_t(permits));

    // From the trace: b is the free permits after each step, taken inside
    // the critical section, so N - b is how many lanes were inside then.
    // Every Acquire took a permit freed by exactly one Release (or an
    // initial one). (Different lanes' timestamps are not compared: two
    // CPUs' clocks may disagree by tens of ns, less than a handoff.)
    auto snap = s.recorder().snapshot();
    std::map<std::int64_t, int> claimed; // release token -> acquires that took its permit
    std::set<std::int64_t> released;
    int initial_taken = 0, acquires = 0, most = 0;
    for (const Record& r : on(snap, sem.id())) {
        if (r.kind != Kind::Acquire && r.kind != Kind::Release)
            continue;
        QVERIFY(r.b >= 0 && r.b <= permits);
        if (r.kind == Kind::Acquire) {
            ++acquires;
            most = std::max(most, permits - r.b);
            if (r.a == 0)
                ++initial_taken;
            else
                ++claimed[r.a];
        } else {
            QVERIFY(released.insert(r.a).second); // a fresh token per Release
        }
    }
    QVERIFY(most >= 1 && most <= permits);
    QCOMPARE(acquires, lanes * per);
    QCOMPARE(initial_taken, permits);
    QCOMPARE(int(released.size()), lanes * per);
    int claims = 0;
    for (auto [token, n] : claimed) {
        QVERIFY(released.count(token) == 1);
        QVERIFY(n <= 1); // a release(1) frees one permit
        claims += n;
    }
    QCOMPARE(claims + initial_taken, lanes * per);
}

// A lane blocked in acquire() gets il::Cancelled when the session stops.
inline void semaphore_cancel(il::Session& s, il::sync::Semaphore& sem) {
    while (sem.try_acquire()) {
    }
    std::atomic<bool> cancelled{false};
    il::thread::Thread t(s, "t", [&] {
        try {
            sem.acquire();
        } catch (const il::Cancelled&) {
            cancelled = true;
            throw;
        }
    });
    t.start();
    QVERIFY(blocked(s, sem.id(), t.lane()));
    s.request_stop();
    QVERIFY(eventually([&] { return !t.is_alive(); }));
    QVERIFY(cancelled);
    auto snap = s.recorder().snapshot();
    QCOMPARE(kinds(snap, sem.id(), t.lane()), (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
    QCOMPARE(of(snap, Kind::WaitBegin, sem.id(), t.lane())[0].c,
             u16(il::trace::WaitReason::Semaphore));
    QCOMPARE(of(snap, Kind::WaitEnd, sem.id(), t.lane())[0].c,
             u16(il::trace::WaitResult::Cancelled));
    QCOMPARE(sem.value(), std::int64_t(0));
}

} // namespace sync_test
