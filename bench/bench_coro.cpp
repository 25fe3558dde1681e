// What il::coro costs against asio's own coroutines on the same io_context:
//  * an await round trip: a task gives the loop back and is resumed
//    (coro::yield(), recorded: Resume, Suspend, SleepBegin, SleepEnd and two
//    lane switches) vs `co_await asio::post(ex, asio::use_awaitable)`;
//  * a lock handed between two tasks (recorded) as a second round trip;
//  * 10,000 concurrent coroutines spawned, each yielding once, and gathered.
// Every run records into a Session whose budget it never reaches; sessions
// are made and destroyed outside the timed region. See bench/README.md.
#include "coro/coro.h"
#include "warm_heap.h"

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

namespace {

using namespace il;

constexpr int kRounds = 10'000; // awaits per timed run

void per_await(benchmark::State& state, std::int64_t awaits) {
    // CPU seconds per await, printed with an SI prefix: "82n" is 82 ns.
    state.counters["per_await"] = benchmark::Counter(
        static_cast<double>(awaits), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- await round trip ------------------------------------------------------

asio::awaitable<void> asio_posts(int n) {
    auto ex = co_await asio::this_coro::executor;
    for (int i = 0; i < n; ++i)
        co_await asio::post(ex, asio::use_awaitable);
}

void BM_AsioPostRoundTrip(benchmark::State& state) {
    asio::io_context ctx(1);
    for (auto _ : state) {
        asio::co_spawn(ctx, asio_posts(kRounds), asio::detached);
        ctx.run();
        ctx.restart();
    }
    per_await(state, state.iterations() * kRounds);
}
BENCHMARK(BM_AsioPostRoundTrip)->Unit(benchmark::kMicrosecond);

coro::Task<void> yields(int n) {
    for (int i = 0; i < n; ++i)
        co_await coro::yield();
}

void BM_CoroYieldRoundTrip(benchmark::State& state) {
    bench::warm_heap_for(4 * kRounds + 1024);
    for (auto _ : state) {
        state.PauseTiming();
        {
            auto s = std::make_unique<Session>();
            auto loop = std::make_unique<coro::Loop>(*s);
            state.ResumeTiming();
            loop->run(yields(kRounds));
            state.PauseTiming();
            if (s->recorder().dropped() != 0)
                state.SkipWithError("events were dropped");
        }
        state.ResumeTiming();
    }
    per_await(state, state.iterations() * kRounds);
}
BENCHMARK(BM_CoroYieldRoundTrip)->Unit(benchmark::kMicrosecond);

// Two tasks pass a lock back and forth: each acquire waits for the other's release.
void BM_CoroLockHandoff(benchmark::State& state) {
    bench::warm_heap_for(8 * kRounds + 1024);
    for (auto _ : state) {
        state.PauseTiming();
        {
            Session s;
            coro::Loop loop(s);
            coro::Lock lock(s, "bench");
            auto side = [&]() -> coro::Task<void> {
                for (int i = 0; i < kRounds / 2; ++i) {
                    co_await lock.acquire();
                    co_await coro::yield();
                    lock.release();
                }
            };
            auto main = [&]() -> coro::Task<void> { co_await coro::gather(side(), side()); };
            state.ResumeTiming();
            loop.run(main());
            state.PauseTiming();
        }
        state.ResumeTiming();
    }
    per_await(state, state.iterations() * kRounds);
}
BENCHMARK(BM_CoroLockHandoff)->Unit(benchmark::kMicrosecond);

// ---- 10,000 concurrent coroutines -----------------------------------------

constexpr int kTasks = 10'000;

asio::awaitable<void> asio_one(int& done) {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    ++done;
}

void BM_Asio10kCoroutines(benchmark::State& state) {
    asio::io_context ctx(1);
    for (auto _ : state) {
        int done = 0;
        for (int i = 0; i < kTasks; ++i)
            asio::co_spawn(ctx, asio_one(done), asio::detached);
        ctx.run();
        ctx.restart();
        if (done != kTasks)
            state.SkipWithError("not all coroutines finished");
    }
    state.counters["per_task"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * kTasks,
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Asio10kCoroutines)->Unit(benchmark::kMillisecond);

coro::Task<void> one() {
    co_await coro::yield();
}

coro::Task<void> spawn_all() {
    std::vector<coro::Task<void>> ts;
    ts.reserve(kTasks);
    for (int i = 0; i < kTasks; ++i)
        ts.push_back(one());
    co_await coro::gather(std::move(ts));
}

void BM_Coro10kTasks(benchmark::State& state) {
    bench::warm_heap_for(8 * kTasks + 1024);
    for (auto _ : state) {
        state.PauseTiming();
        {
            Session s;
            coro::Loop loop(s);
            state.ResumeTiming();
            loop.run(spawn_all());
            state.PauseTiming();
            if (loop.live_tasks() != 0)
                state.SkipWithError("not all tasks finished");
        }
        state.ResumeTiming();
    }
    state.counters["per_task"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * kTasks,
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Coro10kTasks)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
