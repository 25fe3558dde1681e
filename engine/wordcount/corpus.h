// A deterministic text corpus for the data processor: English-looking prose
// whose word frequencies follow a Zipf-Mandelbrot law (a few words are very
// common, most are rare), split over files of varied sizes. The same seed
// and size give byte-identical files on every machine (own PRNG, no
// std::*_distribution, whose output is implementation-defined).
// Pure functions plus file writing; thread-safe (no shared state).
#pragma once

#include "wordcount/temp_dir.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace il::wordcount {

struct CorpusFiles {
    std::vector<std::string> files; // full paths, sorted
    std::uint64_t bytes = 0;        // their total size
};

// Writes "text-0001.txt", "text-0002.txt", ... totalling about `bytes`
// (within one line) into the existing `folder`. Each file is written as
// "<name>.part" and renamed, so a reader never sees half a file. Throws
// std::runtime_error naming the file and the OS's reason on failure.
// `before_each`, if set, runs before each file and may throw to stop.
CorpusFiles write_corpus(const std::string& folder, std::uint64_t seed, std::uint64_t bytes,
                         const std::function<void()>& before_each = {});

// A corpus in a fresh temporary folder, removed with it.
struct TempCorpus {
    TempDir dir;
    CorpusFiles files;
    const std::string& folder() const { return dir.path(); }
};
TempCorpus make_temp_corpus(std::uint64_t seed, std::uint64_t bytes,
                            const std::function<void()>& before_each = {});

// The vocabulary a seed draws from, most frequent first (for tests).
std::vector<std::string> corpus_vocabulary(std::uint64_t seed);

} // namespace il::wordcount
