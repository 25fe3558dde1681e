#include "net/message.h"

#include <http_parser.h>

#include <algorithm>
#include <cstring>

namespace il::net {

namespace {

class StringBody final : public Body {
public:
    explicit StringBody(std::string bytes) : bytes_(std::move(bytes)) {}
    std::uint64_t size() const override { return bytes_.size(); }
    void read(std::uint64_t offset, char* out, std::size_t n) const override {
        std::memcpy(out, bytes_.data() + offset, n);
    }

private:
    std::string bytes_;
};

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// splitmix64's finaliser: a good mix of (seed, block) in a few operations.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

} // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
    for (const auto& [k, v] : headers)
        if (iequals(k, name))
            return std::string_view(v);
    return std::nullopt;
}

std::shared_ptr<const Body> string_body(std::string bytes) {
    return std::make_shared<StringBody>(std::move(bytes));
}

char GeneratedBody::byte_at(std::uint64_t seed, std::uint64_t offset) {
    // One 64-bit word per 8 bytes: cheap, and any offset is computable alone.
    const std::uint64_t word = mix(seed * 0x100000001b3ull ^ (offset / 8));
    return static_cast<char>(word >> (8 * (offset % 8)));
}

void GeneratedBody::read(std::uint64_t offset, char* out, std::size_t n) const {
    std::size_t i = 0;
    while (i < n) {
        const std::uint64_t at = offset + i;
        const std::uint64_t word = mix(seed_ * 0x100000001b3ull ^ (at / 8));
        for (unsigned k = static_cast<unsigned>(at % 8); k < 8 && i < n; ++k, ++i)
            out[i] = static_cast<char>(word >> (8 * k));
    }
}

Response Response::text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", std::move(content_type));
    r.body = string_body(std::move(body));
    return r;
}

std::string_view reason_phrase(int status) {
    const char* s = http_status_str(static_cast<enum http_status>(status));
    return (s && std::strcmp(s, "<unknown>") != 0) ? std::string_view(s) : "Unknown";
}

} // namespace il::net
