#include "wordcount/top.h"

#include <algorithm>
#include <string_view>

namespace il::wordcount {

std::vector<WordCount> top_words(const WordCounts& counts, std::size_t n) {
    struct View {
        std::string_view word;
        std::int64_t count;
    };
    std::vector<View> all;
    all.reserve(counts.distinct());
    counts.for_each([&](std::string_view w, std::int64_t c) { all.push_back({w, c}); });
    const auto before = [](const View& a, const View& b) {
        return a.count != b.count ? a.count > b.count : a.word < b.word;
    };
    n = std::min(n, all.size());
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(n), all.end(), before);
    std::vector<WordCount> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({std::string(all[i].word), all[i].count});
    return out;
}

} // namespace il::wordcount
