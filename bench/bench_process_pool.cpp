// What a ProcessPoolExecutor task costs: many tiny tasks ("pool.square",
// return i * i) on 2 worker processes, all submitted first, then every
// result() read, beside the same workload on the in-process
// ThreadPoolExecutor (the baseline) and CPython's figure
// (bench/python_process_pool.py, 121 us per task on the reference VM;
// target: at most 30 us). Also how long a worker takes to start (target: at
// most 5 ms). Every step is recorded, in the parent and in the workers; a
// run that drops an event is reported as an error.
#include "executor/thread_pool_executor.h"
#include "process/process_pool_executor.h"
#include "run/session.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace {

using il::Session;
using il::SessionOptions;
using il::executor::Future;
using il::process::ProcessPoolExecutor;

constexpr int kTasks = 20'000;
constexpr std::size_t kWorkers = 2;
constexpr std::uint64_t kBudget = 16u << 20;

// One iteration is one task and a repetition one run of kTasks, so the time
// printed is per task: the pool (and its workers' start) is made in the
// first iteration; every result is read and the pool shut down (workers
// reaped) in the last, as the CPython script times its `with` block.
void BM_ProcessPoolSubmitResult(benchmark::State& state) {
    Session session(SessionOptions{.event_budget = kBudget});
    session.recorder().current_lane();
    std::vector<std::string> args;
    for (int i = 0; i < kTasks; ++i)
        args.push_back(std::to_string(i));
    std::vector<Future<std::string>> fs;
    fs.reserve(kTasks);
    std::optional<ProcessPoolExecutor> pool;
    int i = 0;
    for (auto _ : state) {
        if (i == 0) [[unlikely]]
            pool.emplace(session, kWorkers, "process-pool",
                         il::process::ProcessPoolOptions{std::size_t(state.range(0))});
        fs.push_back(pool->submit("pool.square", {args[std::size_t(i)]}));
        if (++i == kTasks) [[unlikely]] {
            long long sum = 0;
            for (const auto& f : fs)
                sum += std::stoll(f.result());
            benchmark::DoNotOptimize(sum);
            pool.reset();
        }
    }
    if (i != kTasks)
        state.SkipWithError("a run must be exactly kTasks iterations");
    if (session.recorder().dropped() != 0)
        state.SkipWithError("events were dropped: the figure would be too low");
    state.SetItemsProcessed(state.iterations());
    state.counters["events_per_task"] = double(session.recorder().recorded()) / kTasks;
}
// Arg: ProcessPoolOptions::queued_calls (0: the default, 2 * workers + 1).
BENCHMARK(BM_ProcessPoolSubmitResult)->Arg(0)->Arg(64)->Iterations(kTasks)->UseRealTime();

// The same with map(chunksize=100): 100 inputs per message, as CPython's
// advice for tiny tasks goes.
void BM_ProcessPoolMapChunked(benchmark::State& state) {
    Session session(SessionOptions{.event_budget = kBudget});
    std::vector<std::string> inputs;
    for (int i = 0; i < kTasks; ++i)
        inputs.push_back(std::to_string(i));
    for (auto _ : state) {
        ProcessPoolExecutor pool(session, kWorkers);
        long long sum = 0;
        for (const std::string& r : pool.map("pool.square", inputs, 100))
            sum += std::stoll(r);
        benchmark::DoNotOptimize(sum);
    }
    if (session.recorder().dropped() != 0)
        state.SkipWithError("events were dropped: the figure would be too low");
    state.SetItemsProcessed(state.iterations() * kTasks);
    // Per task, as the figure beside it.
    state.counters["us_per_task"] =
        benchmark::Counter(double(state.iterations() * kTasks),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ProcessPoolMapChunked)->Unit(benchmark::kMillisecond)->UseRealTime();

// Baseline: the in-process ThreadPoolExecutor on the same workload.
void BM_ThreadPoolSubmitResult(benchmark::State& state) {
    Session session(SessionOptions{.event_budget = kBudget});
    session.recorder().current_lane();
    std::vector<Future<int>> fs;
    fs.reserve(kTasks);
    std::optional<il::executor::ThreadPoolExecutor> pool;
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
            pool.reset();
        }
    }
    if (session.recorder().dropped() != 0)
        state.SkipWithError("events were dropped: the figure would be too low");
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ThreadPoolSubmitResult)->Iterations(kTasks)->UseRealTime();

// Worker start: from making a one-worker pool to the first result in hand
// (posix_spawn, the worker's start, one call there and back). The pool's
// shutdown (the worker's exit and reaping) is not timed.
void BM_ProcessPoolWorkerStart(benchmark::State& state) {
    Session session(SessionOptions{.event_budget = kBudget});
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<ProcessPoolExecutor> pool;
        pool.emplace(session, 1);
        benchmark::DoNotOptimize(pool->submit("pool.square", {"3"}).result());
        state.SetIterationTime(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        pool.reset();
    }
}
BENCHMARK(BM_ProcessPoolWorkerStart)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(50);

} // namespace

BENCHMARK_MAIN();
