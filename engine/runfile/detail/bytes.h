// Little-endian fields in and out of a byte string. The reader is bounded by
// the bytes it was given: every read checks what is left first and throws
// Damage with the field's name, so no read goes past the end and no
// allocation is sized by a number the file made up. Not thread-safe (locals).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace il::runfile::detail {

// What is wrong with the content; decode_run adds the file's name.
struct Damage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ByteWriter {
public:
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u16(std::uint16_t v) { le(v, 2); }
    void u32(std::uint32_t v) { le(v, 4); }
    void u64(std::uint64_t v) { le(v, 8); }
    void i32(std::int32_t v) { le(static_cast<std::uint32_t>(v), 4); }
    void i64(std::int64_t v) { le(static_cast<std::uint64_t>(v), 8); }
    void f64(double v);
    void boolean(bool v) { u8(v ? 1 : 0); }
    // Length-prefixed; invalid UTF-8 is replaced (U+FFFD) so the reader's
    // UTF-8 check never refuses a file this build wrote.
    void str(std::string_view s);
    void raw(std::string_view s) { out_.append(s); }

    std::string& data() { return out_; }

private:
    void le(std::uint64_t v, int bytes);
    std::string out_;
};

class ByteReader {
public:
    // `where` names the part for messages ("the lanes section").
    ByteReader(std::string_view bytes, std::string where)
        : bytes_(bytes), where_(std::move(where)) {}

    std::uint8_t u8(std::string_view field) { return static_cast<std::uint8_t>(le(1, field)); }
    std::uint16_t u16(std::string_view field) { return static_cast<std::uint16_t>(le(2, field)); }
    std::uint32_t u32(std::string_view field) { return static_cast<std::uint32_t>(le(4, field)); }
    std::uint64_t u64(std::string_view field) { return le(8, field); }
    std::int32_t i32(std::string_view field) { return static_cast<std::int32_t>(u32(field)); }
    std::int64_t i64(std::string_view field) { return static_cast<std::int64_t>(u64(field)); }
    double f64(std::string_view field);
    bool boolean(std::string_view field);    // 0 or 1, anything else is damage
    std::string str(std::string_view field); // valid UTF-8, at most what is left
    std::string_view raw(std::size_t n, std::string_view field);
    // A u32 count of items that take at least `min_bytes` each: more than
    // what is left could hold is damage, before anything is reserved.
    std::size_t count(std::string_view field, std::size_t min_bytes);
    // A time or duration in 0..kMaxTime.
    std::int64_t time(std::string_view field);

    std::size_t left() const { return bytes_.size() - pos_; }
    std::size_t offset() const { return pos_; }
    const std::string& where() const { return where_; }
    // Damage unless every byte was read.
    void expect_end() const;
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::uint64_t le(int bytes, std::string_view field);
    std::string_view bytes_;
    std::size_t pos_ = 0;
    std::string where_;
};

bool valid_utf8(std::string_view s);

} // namespace il::runfile::detail
