// The most frequent words of a count, ties broken by word (alphabetically),
// so the same counts always give the same list. Pure; thread-safe.
#pragma once

#include "wordcount/word_counts.h"

#include <cstdint>
#include <string>
#include <vector>

namespace il::wordcount {

struct WordCount {
    std::string word;
    std::int64_t count = 0;
    bool operator==(const WordCount&) const = default;
};

// At most n entries, by count descending, then word ascending.
std::vector<WordCount> top_words(const WordCounts& counts, std::size_t n);

} // namespace il::wordcount
