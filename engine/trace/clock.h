// The shared monotonic clock.
//
// Hot paths store raw ticks (the invariant TSC when the CPU has one, else
// CLOCK_MONOTONIC nanoseconds); ticks become CLOCK_MONOTONIC nanoseconds only
// when a snapshot is taken. The TSC is one counter for every process on the
// machine, so traces recorded by child processes line up with the parent's.
// Stateless after start-up; every function is thread-safe.
#pragma once

#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace il::trace::clock {

// True when raw() reads the TSC; false when it reads CLOCK_MONOTONIC.
bool uses_tsc();

// CLOCK_MONOTONIC in nanoseconds.
std::int64_t monotonic_ns();

namespace detail {
extern const bool g_tsc;
std::int64_t monotonic_raw_fallback();
} // namespace detail

// A raw tick: cheap enough for every recorded step (about 10 ns with the TSC).
inline std::int64_t raw() {
#if defined(__x86_64__)
    if (detail::g_tsc) [[likely]]
        return static_cast<std::int64_t>(__rdtsc());
#endif
    return detail::monotonic_raw_fallback();
}

// Maps raw ticks to CLOCK_MONOTONIC nanoseconds. Built from two (tick, ns)
// anchors: one taken when the process started, one taken now, so accuracy
// grows with the process's age (reading error ~50 ns over the whole span).
class Calibration {
public:
    // Anchored at process start and at the moment of the call.
    static Calibration now();
    std::int64_t to_ns(std::int64_t raw_tick) const;
    double ns_per_tick() const { return ns_per_tick_; }

private:
    std::int64_t tick0_ = 0;
    std::int64_t ns0_ = 0;
    double ns_per_tick_ = 1.0;
};

} // namespace il::trace::clock
