// A word -> count table built for counting text fast: open addressing on a
// 64-bit hash the scanner computes as it reads, words kept once in an arena.
//
// Plain value type (copyable, movable); not thread-safe: one thread at a
// time, as each worker counts its own chunk and the parent merges.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace il::wordcount {

class WordCounts {
public:
    // FNV-1a, the hash the scanner (count.cpp) computes byte by byte.
    static constexpr std::uint64_t kHashSeed = 14695981039346656037ull;
    static constexpr std::uint64_t kHashPrime = 1099511628211ull;
    static std::uint64_t hash(std::string_view word) {
        std::uint64_t h = kHashSeed;
        for (unsigned char c : word)
            h = (h ^ c) * kHashPrime;
        return h;
    }

    // Adds n to word's count. `h` must be hash(word).
    void add_hashed(std::string_view word, std::uint64_t h, std::int64_t n = 1);
    void add(std::string_view word, std::int64_t n = 1) { add_hashed(word, hash(word), n); }
    // Adds every count of `other` (the reduce step).
    void merge(const WordCounts& other);

    std::int64_t count(std::string_view word) const; // 0 if never seen
    std::size_t distinct() const { return entries_.size(); }
    std::int64_t total() const { return total_; } // every occurrence of every word

    // fn(std::string_view word, std::int64_t count), in insertion order.
    template <class Fn> void for_each(Fn&& fn) const {
        for (const Entry& e : entries_)
            fn(std::string_view(arena_.data() + e.offset, e.length), e.count);
    }

    // Same words with the same counts (insertion order does not matter).
    bool operator==(const WordCounts& other) const;

private:
    struct Entry {
        std::uint64_t hash;
        std::uint32_t offset; // into arena_
        std::uint32_t length;
        std::int64_t count;
    };
    std::string_view word_of(const Entry& e) const { return {arena_.data() + e.offset, e.length}; }
    void grow();

    // Measured (bench_wordcount): this plain layout beats 8-byte slots with
    // hash tags and 8-byte word prefixes in the entries; the bigger table
    // misses the cache more than the saved comparisons gain.
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> slots_; // entry index + 1; 0 is empty; size a power of two
    std::string arena_;                // every distinct word, back to back
    std::int64_t total_ = 0;
};

} // namespace il::wordcount
