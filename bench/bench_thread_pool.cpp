// What a ThreadPoolExecutor task costs: 100,000 tiny tasks (return i * i)
// on 2 workers, all submitted first, then every result() read, as the
// CPython figure beside it (bench/python_thread_pool.py) does. Every step is
// recorded: the Session's budget holds the whole run, and a run that drops
// an event is reported as an error. See bench/README.md for the figures.
#include "executor/thread_pool_executor.h"
#include "run/session.h"
#include "warm_heap.h"

#include <benchmark/benchmark.h>

#include <optional>
#include <vector>

namespace {

using il::Session;
using il::SessionOptions;
using il::executor::Future;
using il::executor::ThreadPoolExecutor;

constexpr int kTasks = 100'000;
constexpr std::size_t kWorkers = 2;
// About 6 records a task (Submit, Put, Get, TaskStart, TaskEnd, Set, plus a
// wait span when result() gets there first): 16 Mi records leave room.
constexpr std::uint64_t kBudget = 16u << 20;

// One benchmark iteration is one task, and a repetition is one whole run of
// kTasks iterations, so the reported time is the time per task: the pool is
// made in the first iteration, every result() is read (and the pool shut
// down and joined) in the last. Only the Session is made outside the timing.
void submit_then_results(benchmark::State& state, bool warm) {
    if (warm)
        il::bench::warm_heap_for(2u << 20); // > the run's ~0.6 M records
    Session session(SessionOptions{.event_budget = kBudget});
    session.recorder().current_lane(); // binds this thread: once per run, not timed
    std::vector<Future<int>> fs;
    fs.reserve(kTasks);
    std::optional<ThreadPoolExecutor> pool;
    int i = 0;
    for (auto _ : state) {
        if (i == 0) [[unlikely]]
            pool.emplace(session, kWorkers);
        fs.push_back(pool->submit([](int x) { return x * x; }, i));
        if (++i == kTasks) [[unlikely]] {
            long long sum = 0;
            for (const auto& f : fs)
                sum += f.result();
            benchmark::DoNotOptimize(sum);
            pool.reset(); // shutdown(wait): joins the workers
        }
    }
    if (i != kTasks)
        state.SkipWithError("a run must be exactly kTasks iterations");
    if (session.recorder().dropped() != 0)
        state.SkipWithError("events were dropped: the figure would be too low");
    state.SetItemsProcessed(state.iterations());
    state.counters["events_per_task"] = double(session.recorder().recorded()) / kTasks;
}

// Trace memory fresh from the kernel, as a first run in a process gets it.
void BM_ThreadPoolSubmitResult(benchmark::State& state) {
    submit_then_results(state, false);
}
BENCHMARK(BM_ThreadPoolSubmitResult)->Iterations(kTasks)->UseRealTime();

// Trace memory already faulted in, as in a process that ran a session before.
void BM_ThreadPoolSubmitResultWarm(benchmark::State& state) {
    submit_then_results(state, true);
}
BENCHMARK(BM_ThreadPoolSubmitResultWarm)->Iterations(kTasks)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
