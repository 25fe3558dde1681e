// How fast the data processor's map step counts words, on one thread: a
// 20 MB generated corpus (Zipf-distributed words, ~64 files) counted by
// count_files(), beside reading the same files without counting (the I/O
// floor, from the page cache) and generating the corpus. Bytes per second
// are Google Benchmark's bytes_per_second column.
#include "wordcount/corpus.h"
#include "wordcount/count.h"

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace il::wordcount;

constexpr std::uint64_t kBytes = 20u << 20;

const TempCorpus& corpus() {
    static const TempCorpus c = make_temp_corpus(1, kBytes);
    return c;
}

void BM_CountWords(benchmark::State& state) {
    const TempCorpus& c = corpus();
    for (auto _ : state) {
        CountResult r = count_files(c.files.files);
        benchmark::DoNotOptimize(r.words.total());
    }
    state.SetBytesProcessed(state.iterations() * std::int64_t(c.files.bytes));
}
BENCHMARK(BM_CountWords)->Unit(benchmark::kMillisecond);

// Baseline: read() the same files through a 1 MiB buffer, count nothing.
void BM_ReadFilesOnly(benchmark::State& state) {
    const TempCorpus& c = corpus();
    std::vector<char> buf(1 << 20);
    for (auto _ : state) {
        std::int64_t total = 0;
        for (const std::string& path : c.files.files) {
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            ssize_t n;
            while ((n = ::read(fd, buf.data(), buf.size())) > 0)
                total += n;
            ::close(fd);
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetBytesProcessed(state.iterations() * std::int64_t(c.files.bytes));
}
BENCHMARK(BM_ReadFilesOnly)->Unit(benchmark::kMillisecond);

void BM_GenerateCorpus(benchmark::State& state) {
    for (auto _ : state) {
        TempCorpus c = make_temp_corpus(2, kBytes);
        benchmark::DoNotOptimize(c.files.bytes);
    }
    state.SetBytesProcessed(state.iterations() * std::int64_t(kBytes));
}
BENCHMARK(BM_GenerateCorpus)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
