#include "runfile/detail/bytes.h"

#include "runfile/detail/format.h"

#include <cstring>

namespace il::runfile::detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

} // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_length(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

void ByteWriter::le(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void ByteWriter::f64(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
}

void ByteWriter::str(std::string_view s) {
    if (valid_utf8(s)) {
        u32(static_cast<std::uint32_t>(s.size()));
        raw(s);
        return;
    }
    std::string clean;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_length(s, i);
        if (n == 0) {
            clean += kReplacement;
            ++i;
        } else {
            clean.append(s.substr(i, n));
            i += n;
        }
    }
    u32(static_cast<std::uint32_t>(clean.size()));
    raw(clean);
}

void ByteReader::fail(const std::string& what) const {
    throw Damage(what + " (in the " + where_ + ")");
}

std::uint64_t ByteReader::le(int bytes, std::string_view field) {
    if (left() < static_cast<std::size_t>(bytes))
        fail("truncated: " + std::string(field) + " needs " + std::to_string(bytes) + " bytes, " +
             std::to_string(left()) + " left");
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= std::uint64_t(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
    pos_ += static_cast<std::size_t>(bytes);
    return v;
}

double ByteReader::f64(std::string_view field) {
    const std::uint64_t bits = u64(field);
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

bool ByteReader::boolean(std::string_view field) {
    const std::uint8_t v = u8(field);
    if (v > 1)
        fail(std::string(field) + " is " + std::to_string(v) + ", not 0 or 1");
    return v == 1;
}

std::string_view ByteReader::raw(std::size_t n, std::string_view field) {
    if (n > left())
        fail("truncated: " + std::string(field) + " needs " + std::to_string(n) + " bytes, " +
             std::to_string(left()) + " left");
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
}

std::string ByteReader::str(std::string_view field) {
    const std::uint32_t n = u32(field);
    std::string_view s = raw(n, field);
    if (!valid_utf8(s))
        fail(std::string(field) + " is not valid UTF-8 text");
    return std::string(s);
}

std::size_t ByteReader::count(std::string_view field, std::size_t min_bytes) {
    const std::uint32_t n = u32(field);
    if (min_bytes > 0 && n > left() / min_bytes)
        fail(std::string(field) + " says " + std::to_string(n) + ", but only " +
             std::to_string(left()) + " bytes are left for them");
    return n;
}

std::int64_t ByteReader::time(std::string_view field) {
    const std::int64_t t = i64(field);
    if (t < 0 || t > kMaxTime)
        fail(std::string(field) + " is " + std::to_string(t) + " ns, outside 0.." +
             std::to_string(kMaxTime));
    return t;
}

void ByteReader::expect_end() const {
    if (left() != 0)
        fail(std::to_string(left()) + " unexpected bytes after its last field");
}

} // namespace il::runfile::detail
