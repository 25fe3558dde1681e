// The five ways `performance-comparison` runs one workload — sequentially,
// with threads, with threads under the emulated GIL, with processes and with
// coroutines — and what each took. A workload is the sum of the squares of
// 1..n split into `workers` parts; an I/O-bound one first waits a while in
// every part (a recorded sleep: the "request"), then sums its small part
// (the "reply"). Each model runs on lanes named after it ("cpu threads 1").
#pragma once

#include "run/session.h"
#include "sync/gil.h"

#include <chrono>
#include <cstdint>
#include <string_view>

namespace il::scenarios::perf {

enum class Model { Sequential, Threads, GilThreads, Processes, Coroutines };
inline constexpr Model kModels[] = {Model::Sequential, Model::Threads, Model::GilThreads,
                                    Model::Processes, Model::Coroutines};

// "sequential", "threads", "gil_threads", "processes", "coroutines": the
// keys of the outcome's values.
std::string_view model_key(Model m);

struct Workload {
    bool io = false;     // false: CPU-bound
    std::uint64_t n = 0; // sum the squares of 1..n
    std::uint64_t workers = 1;
    std::chrono::nanoseconds io_wait{0}; // I/O-bound: each part waits this long first
    sync::Gil* gil = nullptr;            // the GIL the GIL threads share
};

struct Measurement {
    std::int64_t wall_ns =
        0; // monotonic clock, from before the first lane starts to after the last ends
    std::int64_t cpu_ns = 0; // this process and the children it reaped meanwhile
    std::uint64_t total = 0; // the sum the model computed (mod 2^64)
};

// Runs the workload as `model` on new lanes and waits for them. Throws
// il::Cancelled when the session stops, and what the lanes threw.
Measurement run_model(Session& session, const Workload& w, Model model);

// The Processes model's child task is registered by
// process::register_perf_tasks (process/builtin_tasks.h), defined in perf_models.cpp.

} // namespace il::scenarios::perf
