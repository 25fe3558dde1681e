#include "trace/clock.h"

#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

namespace il::trace::clock {

namespace {

// The TSC is only a clock when it ticks at a constant rate in every power
// state and the kernel itself trusts it as its clocksource (which implies the
// counters of all CPUs are synchronised).
bool detect_tsc() {
#if defined(__x86_64__)
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    bool constant = false, nonstop = false;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) == 0) {
            constant = line.find(" constant_tsc") != std::string::npos;
            nonstop = line.find(" nonstop_tsc") != std::string::npos;
            break;
        }
    }
    std::ifstream source("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string current;
    source >> current;
    return constant && nonstop && current == "tsc";
#else
    return false;
#endif
}

struct Anchor {
    std::int64_t tick;
    std::int64_t ns;
};

// Reads a (tick, ns) pair as close together as possible: the tightest of a
// few tries bounds the reading error.
Anchor read_anchor() {
    Anchor best{0, 0};
    std::int64_t best_width = INT64_MAX;
    for (int i = 0; i < 5; ++i) {
        std::int64_t before = raw();
        std::int64_t ns = monotonic_ns();
        std::int64_t after = raw();
        if (after - before < best_width) {
            best_width = after - before;
            best = {before + (after - before) / 2, ns};
        }
    }
    return best;
}

const Anchor& start_anchor() {
    static const Anchor a = read_anchor();
    return a;
}

} // namespace

namespace detail {
// Defined before the start anchor below: in one file, statics initialise in order.
const bool g_tsc = detect_tsc();

std::int64_t monotonic_raw_fallback() {
    return monotonic_ns();
}
} // namespace detail

namespace {
// Taken during static initialisation so the first anchor is as old as the process.
[[maybe_unused]] const Anchor& g_force_start = start_anchor();
} // namespace

bool uses_tsc() {
    return detail::g_tsc;
}

std::int64_t monotonic_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

Calibration Calibration::now() {
    Calibration c;
    const Anchor& a0 = start_anchor();
    c.tick0_ = a0.tick;
    c.ns0_ = a0.ns;
    if (!detail::g_tsc) {
        c.ns_per_tick_ = 1.0;
        return c;
    }
    Anchor a1 = read_anchor();
    // A span too short to measure a rate (a process younger than 1 ms) gets
    // one: wait out the millisecond once, which only a brand-new process pays.
    if (a1.ns - a0.ns < 1'000'000) {
        std::this_thread::sleep_for(std::chrono::nanoseconds(1'000'000 - (a1.ns - a0.ns)));
        a1 = read_anchor();
    }
    c.ns_per_tick_ = double(a1.ns - a0.ns) / double(a1.tick - a0.tick);
    return c;
}

std::int64_t Calibration::to_ns(std::int64_t raw_tick) const {
    return ns0_ + static_cast<std::int64_t>(double(raw_tick - tick0_) * ns_per_tick_);
}

} // namespace il::trace::clock
