// An index into Snapshot::records, as analysis results hold millions of
// them. 32 bits: a session records at most 2^32 - 1 events (the CLI's
// --max-events bound), so every index fits and the all-ones value is free
// to mean "none". Plain type; no state.
#pragma once

#include <cstdint>

namespace il::analysis {

using RecordIndex = std::uint32_t;
inline constexpr RecordIndex kNoRecordIndex = UINT32_MAX;

} // namespace il::analysis
