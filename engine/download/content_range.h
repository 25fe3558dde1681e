// The response headers a downloader reads, parsed with care because any
// server may send them: Content-Range ("bytes 0-99/1000", "bytes 0-99/*",
// "bytes */1000"), Accept-Ranges (a list that may name "bytes" or "none")
// and Content-Length. Malformed values are "absent", never a guess; numbers
// that overflow 64 bits are malformed. Pure functions, thread-safe.
#pragma once

#include "net/message.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace il::download {

struct ContentRange {
    enum class Kind {
        Range,         // bytes first-last/total (total may be unknown: "*")
        Unsatisfiable, // bytes */total: what a 416 carries
    };
    Kind kind = Kind::Range;
    std::uint64_t first = 0;            // Range only: first byte sent
    std::uint64_t last = 0;             // Range only: last byte sent (inclusive)
    std::optional<std::uint64_t> total; // the whole representation's size, if the server knows it

    std::uint64_t length() const { return last - first + 1; }
};

// RFC 9110 section 14.4: unit "bytes" (any case), first <= last, and
// last < total when the total is known. nullopt for anything else.
std::optional<ContentRange> parse_content_range(std::string_view value);

// True when an Accept-Ranges header lists the "bytes" unit.
bool accepts_byte_ranges(const net::Headers& headers);

// The Content-Length header as a number; nullopt when absent or malformed
// (values that differ count as malformed; a list of equal ones is fine).
std::optional<std::uint64_t> content_length(const net::Headers& headers);

} // namespace il::download
