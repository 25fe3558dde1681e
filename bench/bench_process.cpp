// What a process costs: starting a worker (spawn, its LaneStart seen by the
// parent's live reader, exit, join) against a bare posix_spawn of /bin/true
// with waitpid; and a Pipe round trip between two processes (recorded on
// both sides) against a raw socketpair round trip with a forked echo child.
// Medians: --benchmark_repetitions=5 --benchmark_report_aggregates_only=true.
#include "process/connection.h"
#include "process/process.h"
#include "run/session.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <spawn.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using il::Session;
using il::trace::Kind;

// ---- worker start ----------------------------------------------------------

void BM_WorkerStart(benchmark::State& state) {
    for (auto _ : state) {
        Session session;
        il::trace::Recorder::Cursor cursor;
        il::process::Process p(session, "child", "proc.noop");
        p.start();
        // The child is up once its LaneStart reaches the parent's live reader.
        bool seen = false;
        while (!seen) {
            for (const auto& r : session.recorder().read_new(cursor))
                seen = seen || (r.lane == p.lane() && r.kind == Kind::LaneStart);
            if (!seen)
                ::usleep(50);
        }
        p.join();
        if (p.exitcode() != 0)
            state.SkipWithError("the worker failed");
    }
}
BENCHMARK(BM_WorkerStart)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PosixSpawnTrueBaseline(benchmark::State& state) {
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    for (auto _ : state) {
        pid_t pid = 0;
        if (posix_spawn(&pid, "/bin/true", nullptr, nullptr, argv, environ) != 0) {
            state.SkipWithError("posix_spawn failed");
            break;
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
}
BENCHMARK(BM_PosixSpawnTrueBaseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- pipe round trip -------------------------------------------------------

void BM_PipeRoundTrip(benchmark::State& state) {
    // A budget large enough that recording never stops during a run.
    Session session(il::SessionOptions{64u << 20});
    auto [here, there] = il::process::Pipe(session, "bench");
    il::process::Process p(session, "echo", "proc.pipe_echo", {}, {there.share()});
    p.start();
    there.close();
    const std::string msg(8, 'x');
    for (auto _ : state) {
        here.send(msg);
        benchmark::DoNotOptimize(here.recv());
    }
    here.close();
    p.join();
}
BENCHMARK(BM_PipeRoundTrip)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_RawSocketpairRoundTripBaseline(benchmark::State& state) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        state.SkipWithError("socketpair failed");
        return;
    }
    pid_t pid = ::fork();
    if (pid == 0) {
        // The echo child: async-signal-safe calls only (the parent has threads).
        char buf[8];
        ::close(sv[0]);
        for (;;) {
            ssize_t n = ::read(sv[1], buf, sizeof buf);
            if (n <= 0 || ::write(sv[1], buf, static_cast<size_t>(n)) != n)
                ::_exit(0);
        }
    }
    ::close(sv[1]);
    char buf[8] = {};
    for (auto _ : state) {
        if (::write(sv[0], buf, sizeof buf) != 8 || ::read(sv[0], buf, sizeof buf) != 8) {
            state.SkipWithError("raw round trip failed");
            break;
        }
    }
    ::close(sv[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
}
BENCHMARK(BM_RawSocketpairRoundTripBaseline)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
