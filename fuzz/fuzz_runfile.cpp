// fuzz_runfile: il::runfile::decode_run, the saved-run reader, on arbitrary
// bytes. RunFileError is the expected answer to anything that is not a
// valid run; a crash, another exception or UB is a finding. A run that
// decodes must survive a round trip: encode it, decode that (the reader
// must accept what the writer wrote), encode again: the same bytes.
//
// Input: one mode byte, then the file. Mutated files almost never carry a
// matching SHA-256, so the reader would stop at the checksum and the
// fuzzer would never reach the sections' checks; with the mode byte's low
// bit set, the last 32 bytes are replaced by the SHA-256 of everything
// before the SUMS section (as the writer computes it) before decoding.
#include "fuzz_check.h"

#include "runfile/detail/digest.h"
#include "runfile/detail/format.h"
#include "runfile/runfile.h"

#include <algorithm>

namespace il::fuzz::runfile_target {

// The file with its checksum made to match (when it is long enough to have one).
std::string with_digest(std::string_view file) {
    namespace d = il::runfile::detail;
    std::string out(file);
    constexpr std::size_t sums = d::kSectionHeaderBytes + d::kDigestBytes;
    if (out.size() < sums)
        return out;
    const auto digest = d::sha256(std::string_view(out).substr(0, out.size() - sums));
    std::copy(digest.begin(), digest.end(), out.end() - d::kDigestBytes);
    return out;
}

} // namespace il::fuzz::runfile_target

extern "C" int FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
    using namespace il;
    fuzz::Input in(data, size);
    const bool fix_digest = in.byte() & 1;
    const std::string file =
        fix_digest ? fuzz::runfile_target::with_digest(in.rest()) : std::string(in.rest());
    scenario::RunResult run;
    try {
        run = runfile::decode_run(file, "fuzz.ilrun");
    } catch (const runfile::RunFileError& e) {
        fuzz::require(std::string_view(e.what()).find("fuzz.ilrun") != std::string_view::npos,
                      std::string("a RunFileError that does not name the file: ") + e.what());
        return 0;
    }
    const std::string once = runfile::encode_run(run);
    scenario::RunResult again;
    try {
        again = runfile::decode_run(once, "re-encoded.ilrun");
    } catch (const runfile::RunFileError& e) {
        fuzz::finding(std::string("the reader refuses what the writer wrote: ") + e.what());
    }
    fuzz::require(runfile::encode_run(again) == once,
                  "a decoded run does not encode to the same bytes twice");
    return 0;
}
