#include "scenarios/cpu_work.h"

namespace il::scenarios::cpu_work {

// A loop this short runs at one number per cycle only when it lies within
// one 32-byte window of the decoded-instruction cache; straddling two, it
// took twice as long here (AMD EPYC). So the function is 64-byte aligned and
// its loop 32-byte aligned: the same speed in every build and every process.
// (gcc only: clang has no per-function loop alignment and warns about it.)
#if defined(__clang__)
__attribute__((noinline, aligned(64)))
#else
__attribute__((noinline, aligned(64), optimize("align-loops=32")))
#endif
std::uint64_t
sum_squares(std::uint64_t lo, std::uint64_t hi) {
    std::uint64_t sum = 0;
    for (std::uint64_t i = lo; i < hi; ++i) {
        sum += i * i;
        // The sum is a value the compiler must hold in a register after every
        // number: no vector lanes, no closed form.
        asm volatile("" : "+r"(sum));
    }
    return sum;
}

} // namespace il::scenarios::cpu_work
