// Every built-in pool function (pool_functions.h): the scenarios' work and
// the small ones tests and benchmarks call. Each is a plain function of its
// arguments, as Python's would be at a module's top level.
#include "process/pool_functions.h"

#include "run/errors.h"
#include "wordcount/codec.h"
#include "wordcount/count.h"

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace il::process {

namespace {

struct CustomError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string raise(CallContext& c) {
    const std::string& kind = c.arg(0);
    const std::string message = c.args().size() > 1 ? c.arg(1) : "raised on purpose";
    if (kind == "ValueError")
        throw ValueError(message);
    if (kind == "runtime_error")
        throw std::runtime_error(message);
    if (kind == "custom")
        throw CustomError(message);
    throw ValueError("pool.raise: unknown kind '" + kind + "'");
}

// 1^2 + 2^2 + ... + n^2, the long way: the CPU-bound work of `process-pool`.
std::string sum_squares(CallContext& c) {
    const std::int64_t n = c.int_arg(0);
    if (n < 0 || n > 3'000'000)
        throw ValueError("sum_squares: n must be in 0..3000000 (the sum must fit 64 bits), not " +
                         std::to_string(n));
    std::uint64_t sum = 0;
    for (std::uint64_t i = 1; i <= std::uint64_t(n); ++i)
        sum += i * i;
    return int_result(static_cast<std::int64_t>(sum));
}

} // namespace

void register_pool_functions(PoolFunctions& f) {
    // ---- scenarios ----
    f.add("pool.sum_squares", sum_squares, "1^2 + ... + ARG0^2, computed with a loop");
    f.add(
        "pool.count_words",
        [](CallContext& c) { return wordcount::encode_result(wordcount::count_files(c.args())); },
        "counts the words of the files ARG0.. (the data processor's map step)");

    // ---- tests and benchmarks ----
    f.add(
        "pool.square", [](CallContext& c) { return int_result(c.int_arg(0) * c.int_arg(0)); },
        "ARG0 * ARG0");
    f.add(
        "pool.echo", [](CallContext& c) { return c.args().empty() ? std::string() : c.arg(0); },
        "returns ARG0");
    f.add("pool.raise", raise,
          "throws ARG0 (ValueError, runtime_error or custom) with message ARG1");
    f.add(
        "pool.sleep_ms",
        [](CallContext& c) {
            std::this_thread::sleep_for(std::chrono::milliseconds(c.int_arg(0)));
            return c.arg(0);
        },
        "sleeps ARG0 ms, returns ARG0");
    f.add(
        "pool.pid", [](CallContext&) { return int_result(::getpid()); }, "the worker's process id");
    f.add(
        "pool.exit", [](CallContext& c) -> std::string { ::_exit(static_cast<int>(c.int_arg(0))); },
        "ends the worker at once with exit status ARG0 (a crash)");
    f.add(
        "pool.kill_self",
        [](CallContext&) -> std::string {
            ::kill(::getpid(), SIGKILL);
            ::pause();
            return {};
        },
        "the worker kills itself with SIGKILL");
}

} // namespace il::process
