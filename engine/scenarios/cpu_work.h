// The CPU-bound work of the Concepts scenarios (performance-comparison,
// concurrency-vs-parallelism): the sum of the squares of 1..n, split into
// parts, computed the long way, in chunks short enough for a GIL
// checkpoint or a stop check between two of them. Plain functions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <sched.h>
#include <thread>
#include <utility>

namespace il::scenarios::cpu_work {

// Numbers per chunk: about a microsecond of work (0.3 ns a number here), as
// CPython's eval loop checks its "eval breaker" every few bytecodes.
inline constexpr std::uint64_t kChunk = 4096;

// i*i summed over [lo, hi), modulo 2^64, one multiply-add per number, as an
// interpreter does it: the loop is written so that the compiler can neither
// vectorise it nor replace it by the closed form (cpu_work.cpp). One
// out-of-line copy that every model (and the child processes) runs: the
// speed of so tight a loop depends on where it lies in memory, so copies
// inlined in different places could differ by a factor of two.
std::uint64_t sum_squares(std::uint64_t lo, std::uint64_t hi);

// The same, calling between() after every chunk (a GIL checkpoint, a stop
// check, a clock read).
template <class Between>
std::uint64_t sum_squares(std::uint64_t lo, std::uint64_t hi, Between between) {
    std::uint64_t sum = 0;
    while (lo < hi) {
        const std::uint64_t end = lo + std::min(kChunk, hi - lo);
        sum += sum_squares(lo, end);
        lo = end;
        between();
    }
    return sum;
}

// 1^2 + ... + n^2 modulo 2^64 from the closed form n(n+1)(2n+1)/6, exact in
// 128 bits for n < 2^40: what every way of computing it must get.
inline std::uint64_t expected_sum_squares(std::uint64_t n) {
    const unsigned __int128 m = n;
    return static_cast<std::uint64_t>(m * (m + 1) * (2 * m + 1) / 6);
}

// Part k of `parts` of the numbers 1..n, as [lo, hi): sizes differ by at most one.
inline std::pair<std::uint64_t, std::uint64_t> part(std::uint64_t n, std::uint64_t parts,
                                                    std::uint64_t k) {
    return {k * n / parts + 1, (k + 1) * n / parts + 1};
}

// CPUs this process may run on (its affinity mask, which a container or
// taskset may narrow), at least 1.
inline int usable_cpus() {
    cpu_set_t set;
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        return std::max(1, CPU_COUNT(&set));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

} // namespace il::scenarios::cpu_work
