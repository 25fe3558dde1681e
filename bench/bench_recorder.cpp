// What recording one step costs: Recorder::record() against a bare clock read
// and a bare 32-byte store, from one and from two threads, and the memory one
// recorded event takes (chunk arithmetic and measured RSS of a fresh process).
// See bench/README.md for the figures.
#include "trace/clock.h"
#include "trace/recorder.h"
#include "warm_heap.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#include <x86intrin.h>

extern char** environ;

namespace {

using il::trace::Kind;
using il::trace::Record;
using il::trace::Recorder;

// Records per recorder before the single-thread benchmarks make a new one
// (outside the timed region): 32 MiB, so the pause is paid once per ~10 ms.
constexpr std::uint64_t kBatch = 1u << 20;
// Per thread in the two-thread benchmark; its recorder is made once per run.
constexpr std::int64_t kPerThread = 4 << 20;
// Events recorded by the memory probe.
constexpr std::int64_t kProbeEvents = 1'000'000;

// ---- baselines -------------------------------------------------------------

void BM_SteadyClockNow(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(BM_SteadyClockNow);

void BM_Rdtsc(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(__rdtsc());
}
BENCHMARK(BM_Rdtsc);

// The clock record() reads: rdtsc behind a flag test.
void BM_ClockRaw(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(il::trace::clock::raw());
}
BENCHMARK(BM_ClockRaw);

// The floor for record(): a TSC read and a 32-byte store into a warm array as
// large as one recorder batch, streamed through like the recorder's chunks.
void BM_StoreRecordBaseline(benchmark::State& state) {
    std::vector<Record> ring(kBatch); // value-initialised: every page faulted in
    std::size_t i = 0;
    for (auto _ : state) {
        ring[i] = Record{static_cast<std::int64_t>(__rdtsc()), 1, 1, Kind::Mark, 0, 0,
                         static_cast<std::int64_t>(i)};
        if (++i == ring.size())
            i = 0;
    }
    benchmark::DoNotOptimize(ring.data());
    benchmark::ClobberMemory();
}
BENCHMARK(BM_StoreRecordBaseline);

// ---- record() --------------------------------------------------------------

// One thread, warm pages. The recorder is re-made before its budget runs out
// so no record is ever dropped (a drop is cheaper and would flatter us).
void BM_Record(benchmark::State& state) {
    il::bench::warm_heap_for(kBatch);
    auto rec = std::make_unique<Recorder>(kBatch);
    rec->record(Kind::Mark, 1); // binds this thread: once per recorder, not timed
    std::uint64_t left = kBatch - 1;
    std::uint64_t dropped = 0;
    std::int64_t i = 0;
    for (auto _ : state) {
        if (left == 0) [[unlikely]] {
            state.PauseTiming();
            dropped += rec->dropped();
            rec = std::make_unique<Recorder>(kBatch);
            rec->record(Kind::Mark, 1);
            left = kBatch - 1;
            state.ResumeTiming();
        }
        rec->record(Kind::Mark, 1, i++);
        --left;
    }
    dropped += rec->dropped();
    if (dropped != 0)
        state.SkipWithError("records were dropped: the figure would be too low");
}
BENCHMARK(BM_Record);

// Two threads record into one recorder at once. Real time is wall time
// divided by both threads' records; CPU time (both threads' CPU over all
// records) is one thread's own cost per record, whatever else runs.
std::unique_ptr<Recorder> g_shared;

void BM_RecordTwoThreads(benchmark::State& state) {
    if (state.thread_index() == 0) {
        il::bench::warm_heap_for(kPerThread * state.threads());
        g_shared = std::make_unique<Recorder>(kPerThread * state.threads() + 1024);
    }
    Recorder* rec = nullptr;
    std::int64_t i = 0;
    for (auto _ : state) {
        if (!rec) [[unlikely]]
            rec = g_shared.get(); // set by thread 0 before the start barrier
        rec->record(Kind::Mark, 1, i++);
    }
    if (state.thread_index() == 0) {
        if (g_shared->dropped() != 0)
            state.SkipWithError("records were dropped: the figure would be too low");
        g_shared.reset();
    }
}
BENCHMARK(BM_RecordTwoThreads)->Threads(2)->Iterations(kPerThread)->UseRealTime();

// ---- memory per event --------------------------------------------------------

long resident_pages() {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return resident;
}

// CPU time, kernel time included: page faults are part of the cost, and the
// other helpers sharing this machine's 2 cores are not.
std::int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Runs in a fresh child process (see main): the first recorder of a process,
// as in a CLI run, with glibc's default malloc settings. Prints RSS growth in
// bytes, CPU ns and minor page faults for kProbeEvents records.
int memory_probe() {
    const long page = sysconf(_SC_PAGESIZE);
    Recorder rec; // the default session budget (4 Mi records)
    rec.record(Kind::Mark, 1);
    rusage ru0{};
    getrusage(RUSAGE_SELF, &ru0);
    const long rss0 = resident_pages();
    const std::int64_t t0 = thread_cpu_ns();
    for (std::int64_t i = 1; i < kProbeEvents; ++i)
        rec.record(Kind::Mark, 1, i);
    const std::int64_t t1 = thread_cpu_ns();
    const long rss1 = resident_pages();
    rusage ru1{};
    getrusage(RUSAGE_SELF, &ru1);
    std::printf("%ld %lld %ld %llu\n", (rss1 - rss0) * page, static_cast<long long>(t1 - t0),
                ru1.ru_minflt - ru0.ru_minflt, static_cast<unsigned long long>(rec.dropped()));
    return 0;
}

// Spawns this executable as a memory probe and reads its one line of output.
bool run_probe(long& rss_bytes, long long& ns, long& faults, unsigned long long& dropped) {
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    char self[] = "/proc/self/exe";
    char flag[] = "--memory-probe";
    char* argv[] = {self, flag, nullptr};
    pid_t pid = 0;
    const int err = posix_spawn(&pid, self, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (err != 0) {
        close(fds[0]);
        return false;
    }
    std::string out;
    char buf[256];
    ssize_t n = 0;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
           std::sscanf(out.c_str(), "%ld %lld %ld %llu", &rss_bytes, &ns, &faults, &dropped) == 4;
}

void BM_RecordMemory(benchmark::State& state) {
    using il::trace::detail::Chunk;
    const long page = sysconf(_SC_PAGESIZE);
    const double chunks = double((kProbeEvents + Chunk::kRecords - 1) / Chunk::kRecords);
    // glibc maps a request past its 128 KiB mmap threshold whole pages at a
    // time, with a 16-byte header in front.
    const double mapped = double((sizeof(Chunk) + 16 + page - 1) / page * page);
    long rss = 0, faults = 0;
    long long ns = 0;
    unsigned long long dropped = 0;
    for (auto _ : state) {
        if (!run_probe(rss, ns, faults, dropped)) {
            state.SkipWithError("the memory probe child failed");
            return;
        }
        state.SetIterationTime(double(ns) * 1e-9);
    }
    if (dropped != 0)
        state.SkipWithError("the probe dropped records");
    state.counters["B_per_event_rss"] = double(rss) / double(kProbeEvents);
    state.counters["B_per_event_chunk"] = chunks * double(sizeof(Chunk)) / double(kProbeEvents);
    state.counters["B_per_event_mapped"] = chunks * mapped / double(kProbeEvents);
    state.counters["ns_per_event_fresh"] = double(ns) / double(kProbeEvents);
    state.counters["faults_per_chunk"] = double(faults) / chunks;
}
BENCHMARK(BM_RecordMemory)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--memory-probe") == 0)
        return memory_probe();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
