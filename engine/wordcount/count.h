// The map step of the data processor: count the words of a chunk of files.
//
// A word is a maximal run of ASCII letters and digits, lower-cased; every
// other byte (punctuation, spaces, bytes >= 0x80) separates words. A file
// with a NUL byte in its first kBinaryProbe bytes is binary: skipped and
// listed. A file that cannot be opened or read is listed with the OS's
// reason and skipped. Nothing here throws for a bad file.
// Pure functions; thread-safe (no shared state).
#pragma once

#include "wordcount/word_counts.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace il::wordcount {

// Like git and grep: a NUL in the first 8 KiB means "binary".
constexpr std::size_t kBinaryProbe = 8192;

struct FileProblem {
    std::string path;
    std::string reason; // the OS's words ("Permission denied", "Is a directory")
    bool operator==(const FileProblem&) const = default;
};

// What counting some files found. Merging results of disjoint chunks gives
// the result of counting them all at once.
struct CountResult {
    WordCounts words;
    std::int64_t files_read = 0;      // files counted (binary and failed ones excluded)
    std::int64_t bytes = 0;           // bytes of the files counted
    std::vector<std::string> skipped; // binary files
    std::vector<FileProblem> failed;  // unreadable files

    // The reduce step: adds `other` in. Lists keep the order they were merged in.
    void merge(const CountResult& other);
};

// Counts the words of `text`, lower-casing it in place (so no copy is made).
void count_text(char* text, std::size_t size, WordCounts& into);

// Counts the files in `paths`, in order (the map step for one chunk).
// `before_each`, if set, runs before each file and may throw to stop (a
// session's check_stop), so a long count can be cut short.
CountResult count_files(const std::vector<std::string>& paths,
                        const std::function<void()>& before_each = {});

} // namespace il::wordcount
