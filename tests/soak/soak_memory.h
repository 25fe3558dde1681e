// How the soak suites judge memory over many runs: the heap bytes malloc
// has handed out and not had back (a leak in the engine shows here exactly),
// and the resident set (a leak outside malloc too: thread stacks, mappings).
// Each is compared between the median of the second quarter of the measured
// runs and the median of the last quarter: medians, so a sample taken while
// one scenario's caches are full (a process pool, a 3 MB corpus) does not
// count, and quarters, so a cycle's mix is in both. Test-only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace soak {

// The sanitizers keep freed memory in quarantine and shadow it, so RSS and
// malloc's figures say nothing there; those builds check descriptors,
// threads, /dev/shm and children only (and LeakSanitizer reports leaks).
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
inline constexpr bool kMemoryChecked = false;
#else
inline constexpr bool kMemoryChecked = true;
#endif

// Bytes malloc has handed out and not had back, every arena and mmapped
// block included, in KiB.
inline long heap_in_use_kib() {
#if defined(__GLIBC__)
    const struct mallinfo2 mi = mallinfo2();
    return static_cast<long>((mi.uordblks + mi.hblkhd) / 1024);
#else
    return 0;
#endif
}

// The GUI gives freed heap pages back after each run (release_unused_memory).
inline void release_unused_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

inline long median_of(std::vector<long>::const_iterator first,
                      std::vector<long>::const_iterator last) {
    std::vector<long> v(first, last);
    if (v.empty())
        return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// One series (KiB after each measured run) and its verdict.
struct Growth {
    long second_quarter = 0; // median
    long last_quarter = 0;   // median
    double runs_between = 0; // runs between the two medians
    double allowed = 0;      // KiB

    long grown() const { return last_quarter - second_quarter; }
    double per_run() const { return runs_between > 0 ? grown() / runs_between : 0; }
    bool ok() const { return grown() <= allowed; }
    // Why it failed, for QVERIFY2: "<what> grew 688 KiB in 34.5 runs (allowed 529 KiB)".
    std::string complaint(const char* what) const {
        char text[160];
        std::snprintf(text, sizeof text, "%s grew %ld KiB in %.1f runs (allowed %.0f KiB)", what,
                      grown(), runs_between, allowed);
        return text;
    }
};

// `slack_kib`: what the allocator does that is no leak; `per_run_kib`: the
// growth per run a leak is allowed before it fails.
inline Growth growth(const std::vector<long>& series, double slack_kib, double per_run_kib) {
    Growth g;
    const auto m = static_cast<std::ptrdiff_t>(series.size());
    g.second_quarter = median_of(series.begin() + m / 4, series.begin() + m / 2);
    g.last_quarter = median_of(series.begin() + 3 * m / 4, series.end());
    g.runs_between = static_cast<double>(m) / 2;
    g.allowed = slack_kib + per_run_kib * g.runs_between;
    return g;
}

} // namespace soak
