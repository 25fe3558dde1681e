#include "wordcount/word_counts.h"

#include <stdexcept>

namespace il::wordcount {

void WordCounts::add_hashed(std::string_view word, std::uint64_t h, std::int64_t n) {
    total_ += n;
    if (slots_.empty())
        slots_.assign(1024, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint32_t s = slots_[i];
        if (s == 0) {
            if (arena_.size() + word.size() > UINT32_MAX)
                throw std::length_error("word table: more than 4 GiB of distinct words");
            entries_.push_back(Entry{h, static_cast<std::uint32_t>(arena_.size()),
                                     static_cast<std::uint32_t>(word.size()), n});
            arena_.append(word);
            slots_[i] = static_cast<std::uint32_t>(entries_.size());
            // Load factor at most 1/2: probes stay short.
            if (entries_.size() * 2 > slots_.size())
                grow();
            return;
        }
        Entry& e = entries_[s - 1];
        if (e.hash == h && word_of(e) == word) {
            e.count += n;
            return;
        }
    }
}

void WordCounts::grow() {
    std::vector<std::uint32_t> bigger(slots_.size() * 2, 0);
    const std::size_t mask = bigger.size() - 1;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
        std::size_t i = entries_[k].hash & mask;
        while (bigger[i] != 0)
            i = (i + 1) & mask;
        bigger[i] = static_cast<std::uint32_t>(k + 1);
    }
    slots_.swap(bigger);
}

void WordCounts::merge(const WordCounts& other) {
    for (const Entry& e : other.entries_)
        add_hashed(other.word_of(e), e.hash, e.count);
}

std::int64_t WordCounts::count(std::string_view word) const {
    if (slots_.empty())
        return 0;
    const std::uint64_t h = hash(word);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint32_t s = slots_[i];
        if (s == 0)
            return 0;
        const Entry& e = entries_[s - 1];
        if (e.hash == h && word_of(e) == word)
            return e.count;
    }
}

bool WordCounts::operator==(const WordCounts& other) const {
    if (distinct() != other.distinct() || total_ != other.total_)
        return false;
    for (const Entry& e : entries_)
        if (other.count(word_of(e)) != e.count)
            return false;
    return true;
}

} // namespace il::wordcount
