// What every fuzz target shares: its entry point's name and how it reports
// a finding (a broken property, as opposed to a crash the sanitizers catch).
//
// Under libFuzzer each target defines LLVMFuzzerTestOneInput and a finding
// aborts, which libFuzzer reports with the input that caused it. The
// regression test (tests/fuzz/tst_fuzz_regressions.cpp) compiles all four
// targets into one gcc-built program: it defines FUZZ_ENTRY to a different
// name before including each target and INTERLEAVE_FUZZ_REPLAY, so a finding
// throws Finding and the test fails naming the input file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace il::fuzz {

struct Finding : std::logic_error {
    using std::logic_error::logic_error;
};

[[noreturn]] inline void finding(const std::string& what) {
#ifdef INTERLEAVE_FUZZ_REPLAY
    throw Finding(what);
#else
    std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
    std::abort();
#endif
}

inline void require(bool ok, const std::string& what) {
    if (!ok)
        finding(what);
}

// Reads an input front to back: a few bytes steer the target (which
// scenario, where to split), the rest is the text under test.
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size)
        : rest_(reinterpret_cast<const char*>(data), size) {}
    bool empty() const { return rest_.empty(); }
    std::uint8_t byte() {
        if (rest_.empty())
            return 0;
        const auto b = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return b;
    }
    std::string_view rest() const { return rest_; }

private:
    std::string_view rest_;
};

// Splits text at every `sep` (empty pieces kept: "a\n\nb" is 3 pieces).
inline std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    while (true) {
        const auto at = text.find(sep);
        out.emplace_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return out;
        text.remove_prefix(at + 1);
    }
}

} // namespace il::fuzz
