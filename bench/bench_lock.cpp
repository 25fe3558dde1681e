// What il::sync::Lock costs against std::mutex: uncontended, hammered by two
// threads, and handed back and forth between two threads. Every Lock runs in
// a Session whose budget is never reached, so every step is really recorded.
// See bench/README.md for the figures.
#include "run/session.h"
#include "sync/lock.h"
#include "warm_heap.h"

#include <benchmark/benchmark.h>

#include <condition_variable>
#include <malloc.h>
#include <memory>
#include <mutex>
#include <semaphore>

namespace {

using il::Session;
using il::SessionOptions;
using il::sync::Lock;

// Uncontended: a Session records 2 events per acquire+release and is re-made
// (outside the timed region) before its budget runs out: 64 MiB of trace.
constexpr std::uint64_t kBudget = 2u << 20;
constexpr std::int64_t kRoundsPerSession = kBudget / 2 - 16;

// Two-thread runs make one Session per run: a budget no run reaches (the
// memory is only used as events arrive).
constexpr std::uint64_t kSharedBudget = 32u << 20;

// A Session and a Lock in it, made together.
struct Traced {
    explicit Traced(std::uint64_t budget = kBudget)
        : session(SessionOptions{.event_budget = budget}) {}
    Session session;
    Lock lock{session, "bench"};
};

void check_nothing_dropped(benchmark::State& state, const Session& session) {
    if (session.recorder().dropped() != 0)
        state.SkipWithError("events were dropped: the figure would be too low");
}

// ---- uncontended -----------------------------------------------------------

void BM_StdMutexLockUnlock(benchmark::State& state) {
    std::mutex m;
    for (auto _ : state) {
        m.lock();
        m.unlock();
    }
}
BENCHMARK(BM_StdMutexLockUnlock);

// Runs `op` on a Lock; `warm` decides whether the trace lands on pages that
// are already faulted in (a process that ran a session before, with the heap
// kept) or on fresh pages from the kernel, as a first session gets them.
// Fresh: every free heap page goes back to the kernel before a Session is
// made, so the figure holds whatever ran before in this process.
template <class Op> void lock_rounds(benchmark::State& state, bool warm, Op op) {
    if (warm)
        il::bench::warm_heap_for(kBudget);
    else
        malloc_trim(0);
    auto t = std::make_unique<Traced>();
    op(t->lock); // binds this thread to the session: once per session, not timed
    std::int64_t left = kRoundsPerSession;
    for (auto _ : state) {
        if (left == 0) [[unlikely]] {
            state.PauseTiming();
            check_nothing_dropped(state, t->session);
            t.reset();
            if (!warm)
                malloc_trim(0);
            t = std::make_unique<Traced>();
            op(t->lock);
            left = kRoundsPerSession;
            state.ResumeTiming();
        }
        op(t->lock);
        --left;
    }
    check_nothing_dropped(state, t->session);
}

void acquire_release(Lock& l) {
    l.acquire();
    l.release();
}

void guarded(Lock& l) {
    std::lock_guard g(l);
}

void BM_LockAcquireRelease(benchmark::State& state) {
    lock_rounds(state, false, acquire_release);
}
BENCHMARK(BM_LockAcquireRelease);

void BM_LockAcquireReleaseWarm(benchmark::State& state) {
    lock_rounds(state, true, acquire_release);
}
BENCHMARK(BM_LockAcquireReleaseWarm);

void BM_LockGuardWarm(benchmark::State& state) {
    lock_rounds(state, true, guarded);
}
BENCHMARK(BM_LockGuardWarm);

// ---- two threads hammering -------------------------------------------------
// Both threads lock and unlock one lock as fast as they can. Time is wall
// time divided by both threads' rounds. The trace lands on warm pages.

std::mutex g_mutex;

void BM_StdMutexHammer(benchmark::State& state) {
    for (auto _ : state) {
        g_mutex.lock();
        g_mutex.unlock();
    }
}
BENCHMARK(BM_StdMutexHammer)->Threads(2)->UseRealTime();

// Shared objects of a two-thread run: made by thread 0 before the start
// barrier, read by every thread after it, destroyed by thread 0 after the
// stop barrier.
std::unique_ptr<Traced> g_traced;
constexpr std::int64_t kHammerRounds = 1'000'000; // per thread; up to 4 events a round

void BM_LockHammer(benchmark::State& state) {
    if (state.thread_index() == 0) {
        il::bench::warm_heap_for(4 * kHammerRounds * state.threads());
        g_traced = std::make_unique<Traced>(kSharedBudget);
    }
    Lock* lock = nullptr;
    for (auto _ : state) {
        if (!lock) [[unlikely]]
            lock = &g_traced->lock;
        lock->acquire();
        lock->release();
    }
    if (state.thread_index() == 0) {
        const double events = double(g_traced->session.recorder().recorded());
        state.counters["events_per_round"] = events / double(kHammerRounds * state.threads());
        check_nothing_dropped(state, g_traced->session);
        g_traced.reset();
    }
}
BENCHMARK(BM_LockHammer)->Threads(2)->Iterations(kHammerRounds)->UseRealTime();

// ---- handoff ping-pong -----------------------------------------------------
// std::mutex reference: turn-taking through one mutex. A thread takes the
// mutex, and if it is its turn passes the turn to the other, else lets go and
// tries again, so each thread waits for the other's release before its next
// turn. One iteration is one turn; time is wall time divided by both threads'
// turns. (A Lock doing the same would record 2 events per failed try, and
// while a waiter sleeps on its condition variable the other thread retries
// thousands of times: the figure would measure that storm, not a handoff.)
// Handoff benchmarks let Google Benchmark pick the iteration count from wall
// time: on a loaded machine a thread spins through its partner's whole
// time slice, and a fixed count would then take minutes.

int g_turn = 0;

void BM_StdMutexPingPong(benchmark::State& state) {
    if (state.thread_index() == 0)
        g_turn = 0;
    const int me = state.thread_index();
    std::int64_t tries = 0;
    for (auto _ : state) {
        for (;;) {
            ++tries;
            std::lock_guard g(g_mutex);
            if (g_turn == me) {
                g_turn = 1 - me;
                break;
            }
        }
    }
    state.counters["tries_per_turn"] = benchmark::Counter(
        double(tries) / double(state.iterations()), benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_StdMutexPingPong)->Threads(2)->UseRealTime();

// Python-style handoff: a Lock may be released by a lane that does not hold
// it, so two Locks can pass control back and forth as binary semaphores:
// thread 0 releases `ping` and waits for `pong`, thread 1 waits for `ping`
// and releases `pong`. One iteration is a round trip (two blocking handoffs).
// std::mutex may not be unlocked by another thread, so the baselines are
// std::binary_semaphore and an unrecorded mutex + condition variable lock
// doing the same.

struct Semaphores {
    std::binary_semaphore ping{0};
    std::binary_semaphore pong{0};
};
std::unique_ptr<Semaphores> g_semaphores;

struct TracedPair {
    Session session{SessionOptions{.event_budget = kSharedBudget}};
    Lock ping{session, "ping"};
    Lock pong{session, "pong"};
};
std::unique_ptr<TracedPair> g_pair;

void BM_SemaphoreRoundTrip(benchmark::State& state) {
    if (state.thread_index() == 0)
        g_semaphores = std::make_unique<Semaphores>();
    Semaphores* s = nullptr;
    for (auto _ : state) {
        if (!s) [[unlikely]]
            s = g_semaphores.get();
        if (state.thread_index() == 0) {
            s->ping.release();
            s->pong.acquire();
        } else {
            s->ping.acquire();
            s->pong.release();
        }
    }
    if (state.thread_index() == 0)
        g_semaphores.reset();
}
BENCHMARK(BM_SemaphoreRoundTrip)->Threads(2)->UseRealTime();

// Python's Lock without the recording: a flag, std::mutex and
// std::condition_variable, the way il::sync::Lock is built.
class PlainPyLock {
public:
    explicit PlainPyLock(bool held) : held_(held) {}
    void acquire() {
        std::unique_lock g(mutex_);
        freed_.wait(g, [this] { return !held_; });
        held_ = true;
    }
    void release() {
        std::lock_guard g(mutex_);
        held_ = false;
        freed_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    bool held_;
};

struct PlainPair {
    PlainPyLock ping{true};
    PlainPyLock pong{true};
};
std::unique_ptr<PlainPair> g_plain;

void BM_CondvarLockRoundTrip(benchmark::State& state) {
    if (state.thread_index() == 0)
        g_plain = std::make_unique<PlainPair>();
    PlainPair* p = nullptr;
    for (auto _ : state) {
        if (!p) [[unlikely]]
            p = g_plain.get();
        if (state.thread_index() == 0) {
            p->ping.release();
            p->pong.acquire();
        } else {
            p->ping.acquire();
            p->pong.release();
        }
    }
    if (state.thread_index() == 0)
        g_plain.reset();
}
BENCHMARK(BM_CondvarLockRoundTrip)->Threads(2)->UseRealTime();

void BM_LockRoundTrip(benchmark::State& state) {
    if (state.thread_index() == 0) {
        g_pair = std::make_unique<TracedPair>();
        g_pair->ping.acquire(); // both start held: a release is the signal
        g_pair->pong.acquire();
    }
    TracedPair* p = nullptr;
    for (auto _ : state) {
        if (!p) [[unlikely]]
            p = g_pair.get();
        if (state.thread_index() == 0) {
            p->ping.release();
            p->pong.acquire();
        } else {
            p->ping.acquire();
            p->pong.release();
        }
    }
    if (state.thread_index() == 0) {
        const double events = double(g_pair->session.recorder().recorded());
        state.counters["events_per_round_trip"] = events / double(state.iterations());
        check_nothing_dropped(state, g_pair->session);
        g_pair.reset();
    }
}
BENCHMARK(BM_LockRoundTrip)->Threads(2)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
