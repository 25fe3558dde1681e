// The run file's layout (format 1), shared by the writer and the reader.
//
//   magic     8 bytes  "\x89ILRUN\r\n" (the high byte and CR LF catch text-mode
//                      and 7-bit copies, as PNG's signature does)
//   version   u32      kFormatVersion
//   sections, each:  tag u32 (4 ASCII letters) | length u64 | payload
//     META  scenario id, status, error, duration_ns, cpu_ns
//     PARA  the parameters with their types
//     OUTC  ok, message, values (JSON text)
//     DIAG  the live monitor's diagnostics
//     LANE  trace::LaneInfo entries (index == id, [0] the placeholder)
//     OBJS  trace::ObjectInfo entries (the same)
//     SNAP  start_ns, end_ns, dropped, budget, finished
//     RECS  record count u64, then 32 bytes per record
//     SUMS  SHA-256 of every byte before this section's tag
//   and nothing after SUMS.
//
// All integers little-endian; a string is a u32 byte count and UTF-8 bytes; a
// bool one byte, 0 or 1. The sections come in this order, all of them. A
// later format raises kFormatVersion; this build refuses versions it does not
// know, naming them.
#pragma once

#include "trace/record.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace il::runfile::detail {

inline constexpr std::string_view kMagic{"\x89ILRUN\r\n", 8};
inline constexpr std::uint32_t kFormatVersion = 1;

constexpr std::uint32_t tag(const char (&s)[5]) {
    return std::uint32_t(std::uint8_t(s[0])) | std::uint32_t(std::uint8_t(s[1])) << 8 |
           std::uint32_t(std::uint8_t(s[2])) << 16 | std::uint32_t(std::uint8_t(s[3])) << 24;
}

struct SectionName {
    std::uint32_t tag;
    const char* name; // for messages: "the parameters"
};

inline constexpr std::array<SectionName, 9> kSections{{
    {tag("META"), "run header"},
    {tag("PARA"), "parameters"},
    {tag("OUTC"), "outcome"},
    {tag("DIAG"), "diagnostics"},
    {tag("LANE"), "lanes"},
    {tag("OBJS"), "objects"},
    {tag("SNAP"), "trace header"},
    {tag("RECS"), "records"},
    {tag("SUMS"), "checksum"},
}};

inline constexpr std::size_t kSectionHeaderBytes = 4 + 8;
inline constexpr std::size_t kRecordBytes = 32;

// A record's bytes in the file are its fields in order, little-endian, with
// no padding: on a little-endian machine exactly trace::Record's memory, so
// records are copied whole (they are most of the file).
inline constexpr bool kRecordsAsMemory =
    std::endian::native == std::endian::little && sizeof(trace::Record) == kRecordBytes &&
    offsetof(trace::Record, t_ns) == 0 && offsetof(trace::Record, lane) == 8 &&
    offsetof(trace::Record, object) == 12 && offsetof(trace::Record, kind) == 16 &&
    offsetof(trace::Record, c) == 18 && offsetof(trace::Record, b) == 20 &&
    offsetof(trace::Record, a) == 24 && std::is_trivially_copyable_v<trace::Record>;
inline constexpr std::size_t kDigestBytes = 32;

// Times and durations in a file lie in 0..kMaxTime (2^62 ns, 146 years), so
// that analysis may add or subtract any two of them without overflow.
inline constexpr std::int64_t kMaxTime = std::int64_t(1) << 62;
// Outcome values nest at most this deep (JSON printing recurses).
inline constexpr int kMaxJsonDepth = 64;

} // namespace il::runfile::detail
