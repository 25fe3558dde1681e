// What the multi-part downloader (engine/download) costs and gains on
// loopback without a bandwidth limit, against one raw blocking read of the
// same bytes in the same process:
//  * BM_RawGet: one HttpClient GET of the whole file, the body discarded;
//  * BM_RawGetToFile: the same, each chunk written into a file (pwrite);
//  * BM_Download/parts: the whole downloader - probe, preallocate, one
//    lane per part writing into place, SHA-256 of the file, rename.
// The server (2 threads) serves a generated file of kSize bytes; the
// client and the server share the machine's cores, so past a few parts
// the CPU, not the connection count, is the limit. Wall time (real time)
// counts; the sessions and files are made and removed outside the timed
// region. See bench/README.md for the figures.
#include "download/downloader.h"
#include "download/source.h"
#include "net/http_client.h"
#include "net/server.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace {

using namespace il;

constexpr std::uint64_t kSize = 64ull << 20;

// One server for the whole program: its start is not what is measured.
struct Fixture {
    download::DownloadSource source{{kSize, 1}};
    std::unique_ptr<net::HttpServer> server;
    Fixture() {
        net::Router router;
        source.mount(router, "/file.bin");
        net::ServerOptions o;
        o.threads = 2;
        server = std::make_unique<net::HttpServer>(std::move(router), o);
    }
    std::string url() const { return server->url("/file.bin"); }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

std::string scratch_path() {
    return "/tmp/interleave-bench-download-" + std::to_string(::getpid()) + ".bin";
}

void BM_RawGet(benchmark::State& state) {
    Session session;
    net::HttpClient http(session);
    for (auto _ : state) {
        std::uint64_t got = 0;
        http.get(fixture().url(), {}, [&](std::string_view b) { got += b.size(); });
        if (got != kSize)
            state.SkipWithError("short body");
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_RawGet)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5);

void BM_RawGetToFile(benchmark::State& state) {
    Session session;
    net::HttpClient http(session);
    const std::string path = scratch_path();
    for (auto _ : state) {
        state.PauseTiming();
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        state.ResumeTiming();
        std::uint64_t at = 0;
        http.get(fixture().url(), {}, [&](std::string_view b) {
            if (::pwrite(fd, b.data(), b.size(), static_cast<off_t>(at)) !=
                static_cast<ssize_t>(b.size()))
                state.SkipWithError("pwrite failed");
            at += b.size();
        });
        state.PauseTiming();
        ::close(fd);
        ::unlink(path.c_str());
        state.ResumeTiming();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_RawGetToFile)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5);

void BM_Download(benchmark::State& state) {
    download::DownloadOptions o;
    o.url = fixture().url();
    o.output = scratch_path();
    o.parts = static_cast<int>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        auto session = std::make_unique<Session>();
        state.ResumeTiming();
        const download::DownloadResult r = download::download(*session, o);
        state.PauseTiming();
        if (!r.ok || r.bytes != kSize)
            state.SkipWithError(r.message.c_str());
        ::unlink(o.output.c_str());
        session.reset();
        state.ResumeTiming();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_Download)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5);

} // namespace

BENCHMARK_MAIN();
