// Byte packing for what crosses a process boundary: task arguments, boot
// data, messages. Little-endian fixed-width integers and length-prefixed
// byte strings. Writer appends to a std::string; Reader throws
// il::process::WireError on truncated or malformed input. Thread-compatible.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace il::process {

struct WireError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Writer {
public:
    Writer& i64(std::int64_t v) {
        char b[8];
        std::memcpy(b, &v, 8); // the only targets are little-endian x86-64 / aarch64
        out_.append(b, 8);
        return *this;
    }
    Writer& f64(double v) {
        std::int64_t bits;
        std::memcpy(&bits, &v, 8);
        return i64(bits);
    }
    Writer& bytes(std::string_view s) {
        i64(static_cast<std::int64_t>(s.size()));
        out_.append(s);
        return *this;
    }
    Writer& strings(const std::vector<std::string>& v) {
        i64(static_cast<std::int64_t>(v.size()));
        for (const auto& s : v)
            bytes(s);
        return *this;
    }
    const std::string& str() const& { return out_; }
    std::string str() && { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    // Reads from `in`, which must outlive the Reader (no temporaries).
    explicit Reader(std::string_view in) : in_(in) {}
    explicit Reader(std::string&&) = delete;
    std::int64_t i64() {
        need(8);
        std::int64_t v;
        std::memcpy(&v, in_.data(), 8);
        in_.remove_prefix(8);
        return v;
    }
    double f64() {
        std::int64_t bits = i64();
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }
    std::string bytes() {
        const std::int64_t n = i64();
        if (n < 0)
            throw WireError("malformed message: negative length");
        need(static_cast<std::size_t>(n));
        std::string s(in_.substr(0, static_cast<std::size_t>(n)));
        in_.remove_prefix(static_cast<std::size_t>(n));
        return s;
    }
    std::vector<std::string> strings() {
        const std::int64_t n = i64();
        if (n < 0 || static_cast<std::uint64_t>(n) > in_.size() / 8)
            throw WireError("malformed message: bad element count");
        std::vector<std::string> v;
        v.reserve(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            v.push_back(bytes());
        return v;
    }
    bool done() const { return in_.empty(); }

private:
    void need(std::size_t n) const {
        if (in_.size() < n)
            throw WireError("malformed message: " + std::to_string(n) + " bytes needed, " +
                            std::to_string(in_.size()) + " left");
    }
    std::string_view in_;
};

} // namespace il::process
