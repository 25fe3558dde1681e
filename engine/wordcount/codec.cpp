#include "wordcount/codec.h"

#include <cstring>
#include <stdexcept>

namespace il::wordcount {

namespace {

class Out {
public:
    void u64(std::uint64_t v) {
        char b[8];
        for (int i = 0; i < 8; ++i)
            b[i] = char((v >> (8 * i)) & 0xff);
        s.append(b, 8);
    }
    void str(std::string_view v) {
        u64(v.size());
        s.append(v);
    }
    std::string s;
};

class In {
public:
    In(std::string_view bytes, const char* what) : b_(bytes), what_(what) {}
    std::uint64_t u64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= std::uint64_t(static_cast<unsigned char>(b_[pos_ + std::size_t(i)])) << (8 * i);
        pos_ += 8;
        return v;
    }
    // A count of things each at least `min_size` bytes long: bounded by what is left.
    std::uint64_t count(std::size_t min_size) {
        const std::uint64_t n = u64();
        if (n > (b_.size() - pos_) / min_size)
            fail();
        return n;
    }
    std::string_view str() {
        const std::uint64_t n = u64();
        need(n);
        std::string_view v = b_.substr(pos_, n);
        pos_ += n;
        return v;
    }
    void end() const {
        if (pos_ != b_.size())
            fail();
    }

private:
    void need(std::uint64_t n) const {
        if (n > b_.size() - pos_)
            fail();
    }
    [[noreturn]] void fail() const {
        throw std::runtime_error(std::string("malformed ") + what_ + " message (" +
                                 std::to_string(b_.size()) + " bytes)");
    }
    std::string_view b_;
    const char* what_;
    std::size_t pos_ = 0;
};

} // namespace

std::string encode_paths(const std::vector<std::string>& paths) {
    Out o;
    o.u64(paths.size());
    for (const std::string& p : paths)
        o.str(p);
    return std::move(o.s);
}

std::vector<std::string> decode_paths(std::string_view bytes) {
    In in(bytes, "paths");
    std::vector<std::string> out(in.count(8));
    for (std::string& p : out)
        p = in.str();
    in.end();
    return out;
}

std::string encode_result(const CountResult& r) {
    Out o;
    o.s.reserve(32 + r.words.distinct() * 20);
    o.u64(std::uint64_t(r.files_read));
    o.u64(std::uint64_t(r.bytes));
    o.u64(r.skipped.size());
    for (const std::string& p : r.skipped)
        o.str(p);
    o.u64(r.failed.size());
    for (const FileProblem& f : r.failed) {
        o.str(f.path);
        o.str(f.reason);
    }
    o.u64(r.words.distinct());
    r.words.for_each([&](std::string_view w, std::int64_t c) {
        o.str(w);
        o.u64(std::uint64_t(c));
    });
    return std::move(o.s);
}

CountResult decode_result(std::string_view bytes) {
    In in(bytes, "word count");
    CountResult r;
    r.files_read = std::int64_t(in.u64());
    r.bytes = std::int64_t(in.u64());
    r.skipped.resize(in.count(8));
    for (std::string& p : r.skipped)
        p = in.str();
    r.failed.resize(in.count(16));
    for (FileProblem& f : r.failed) {
        f.path = in.str();
        f.reason = in.str();
    }
    const std::uint64_t words = in.count(16);
    for (std::uint64_t i = 0; i < words; ++i) {
        const std::string_view w = in.str();
        r.words.add(w, std::int64_t(in.u64()));
    }
    in.end();
    return r;
}

} // namespace il::wordcount
