#include "wordcount/corpus.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <unordered_set>

#include <fcntl.h>
#include <unistd.h>

namespace il::wordcount {

namespace {

// splitmix64: tiny, fast, and the same everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double unit() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }

private:
    std::uint64_t s_;
};

// The most frequent words of English, in roughly their real order, so the
// top of the count reads naturally; the rest of the vocabulary is invented.
constexpr const char* kCommon[] = {
    "the",   "of",     "and",     "to",     "a",     "in",     "is",   "it",    "you",  "that",
    "he",    "was",    "for",     "on",     "are",   "with",   "as",   "I",     "his",  "they",
    "be",    "at",     "one",     "have",   "this",  "from",   "or",   "had",   "by",   "not",
    "word",  "but",    "what",    "some",   "we",    "can",    "out",  "other", "were", "all",
    "there", "when",   "up",      "use",    "your",  "how",    "said", "an",    "each", "she",
    "which", "do",     "their",   "time",   "if",    "will",   "way",  "about", "many", "then",
    "them",  "write",  "would",   "like",   "so",    "these",  "her",  "long",  "make", "thing",
    "see",   "him",    "two",     "has",    "look",  "more",   "day",  "could", "go",   "come",
    "did",   "number", "sound",   "no",     "most",  "people", "my",   "over",  "know", "water",
    "than",  "call",   "first",   "who",    "may",   "down",   "side", "been",  "now",  "find",
    "don't", "it's",   "process", "thread", "queue", "lock",   "data", "file",  "2024", "mp3",
};
constexpr std::size_t kVocabulary = 30000;
constexpr double kZipfS = 1.05; // exponent
constexpr double kZipfQ = 2.7;  // Mandelbrot's shift: flattens the very top

std::string invented_word(Rng& rng) {
    static constexpr char kOnset[] = "bcdfghjklmnprstvwz";
    static constexpr char kVowel[] = "aeiou";
    static constexpr char kCoda[] = "nrstlmk";
    std::string w;
    const std::uint64_t syllables = 1 + rng.below(4);
    for (std::uint64_t i = 0; i < syllables; ++i) {
        w += kOnset[rng.below(sizeof kOnset - 1)];
        w += kVowel[rng.below(sizeof kVowel - 1)];
        if (rng.below(3) == 0)
            w += kCoda[rng.below(sizeof kCoda - 1)];
    }
    if (rng.below(50) == 0) // now and then a word with digits: "tak3", "rom2000"
        w += std::to_string(rng.below(3000));
    return w;
}

// Samples ranks by a Zipf-Mandelbrot law: a cumulative table plus a guide
// table (bucket -> first candidate), so a draw takes about two probes.
class ZipfSampler {
public:
    explicit ZipfSampler(std::size_t n) : cdf_(n), guide_(n + 1) {
        double sum = 0;
        for (std::size_t r = 0; r < n; ++r)
            cdf_[r] = sum += 1.0 / std::pow(double(r) + kZipfQ, kZipfS);
        for (double& c : cdf_)
            c /= sum;
        cdf_.back() = 1.0;
        std::size_t r = 0;
        for (std::size_t k = 0; k <= n; ++k) {
            const double u = double(k) / double(n);
            while (r + 1 < n && cdf_[r] <= u)
                ++r;
            guide_[k] = r;
        }
    }
    std::size_t draw(Rng& rng) const {
        const double u = rng.unit();
        std::size_t r = guide_[std::size_t(u * double(cdf_.size()))];
        while (cdf_[r] <= u)
            ++r;
        return r;
    }

private:
    std::vector<double> cdf_;
    std::vector<std::size_t> guide_;
};

// Prose: sentences of 4..24 words, capitalised, commas now and then, lines
// wrapped near 72 columns, paragraphs of 3..8 sentences.
class Writer {
public:
    Writer(const std::vector<std::string>& vocabulary, const ZipfSampler& zipf, Rng& rng)
        : vocabulary_(vocabulary), zipf_(zipf), rng_(rng) {}

    std::string text(std::uint64_t size) {
        std::string out;
        out.reserve(size + 128);
        while (out.size() < size) {
            const std::uint64_t sentences = 3 + rng_.below(6);
            for (std::uint64_t s = 0; s < sentences && out.size() < size; ++s)
                sentence(out);
            out += "\n\n";
            column_ = 0;
        }
        return out;
    }

private:
    void sentence(std::string& out) {
        const std::uint64_t words = 4 + rng_.below(21);
        for (std::uint64_t i = 0; i < words; ++i) {
            std::string w = vocabulary_[zipf_.draw(rng_)];
            if (i == 0 && w[0] >= 'a' && w[0] <= 'z')
                w[0] = char(w[0] - 'a' + 'A');
            if (column_ > 0) {
                if (column_ + 1 + w.size() > 72) {
                    out += '\n';
                    column_ = 0;
                } else {
                    out += ' ';
                    ++column_;
                }
            }
            out += w;
            column_ += w.size();
            if (i + 1 < words && rng_.below(10) == 0) {
                out += ',';
                ++column_;
            }
        }
        static constexpr char kEnd[] = "...!?";
        out += kEnd[rng_.below(sizeof kEnd - 1)];
        ++column_;
    }

    const std::vector<std::string>& vocabulary_;
    const ZipfSampler& zipf_;
    Rng& rng_;
    std::size_t column_ = 0;
};

void write_whole(const std::string& path, const std::string& text) {
    const std::string part = path + ".part";
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = fd < 0 ? errno : 0;
    for (std::size_t done = 0; err == 0 && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0)
            done += std::size_t(n);
    }
    if (fd >= 0 && ::close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0 && ::rename(part.c_str(), path.c_str()) != 0)
        err = errno;
    if (err != 0) {
        ::unlink(part.c_str());
        throw std::runtime_error("cannot write '" + path +
                                 "': " + std::system_category().message(err));
    }
}

} // namespace

std::vector<std::string> corpus_vocabulary(std::uint64_t seed) {
    Rng rng(seed ^ 0x5eedc0ffee);
    std::vector<std::string> words;
    std::unordered_set<std::string> seen;
    for (const char* w : kCommon) {
        words.emplace_back(w);
        seen.emplace(w);
    }
    while (words.size() < kVocabulary) {
        std::string w = invented_word(rng);
        if (seen.insert(w).second)
            words.push_back(std::move(w));
    }
    return words;
}

CorpusFiles write_corpus(const std::string& folder, std::uint64_t seed, std::uint64_t bytes,
                         const std::function<void()>& before_each) {
    const std::vector<std::string> vocabulary = corpus_vocabulary(seed);
    const ZipfSampler zipf(vocabulary.size());
    Rng rng(seed);
    Writer writer(vocabulary, zipf, rng);
    // About 64 files whatever the size, each 4 KiB .. 1 MiB, sizes varied.
    const std::uint64_t mean = std::clamp<std::uint64_t>(bytes / 64, 4096, 1 << 20);
    CorpusFiles out;
    for (int index = 1; out.bytes < bytes; ++index) {
        if (before_each)
            before_each();
        std::uint64_t size = mean / 2 + rng.below(mean + 1);
        size = std::min(size, bytes - out.bytes);
        char name[32];
        std::snprintf(name, sizeof name, "/text-%04d.txt", index);
        const std::string text = writer.text(size);
        out.files.push_back(folder + name);
        write_whole(out.files.back(), text);
        out.bytes += text.size();
    }
    return out;
}

TempCorpus make_temp_corpus(std::uint64_t seed, std::uint64_t bytes,
                            const std::function<void()>& before_each) {
    TempCorpus c{TempDir("interleave-corpus"), {}};
    c.files = write_corpus(c.dir.path(), seed, bytes, before_each);
    return c;
}

} // namespace il::wordcount
