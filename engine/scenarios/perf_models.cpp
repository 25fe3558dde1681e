#include "scenarios/perf_models.h"

#include "coro/gather.h"
#include "coro/loop.h"
#include "coro/sleep.h"
#include "process/builtin_tasks.h"
#include "process/process.h"
#include "process/queue.h"
#include "process/task_registry.h"
#include "process/wire.h"
#include "run/cpu_time.h"
#include "run/errors.h"
#include "scenarios/cpu_work.h"
#include "scenarios/lanes.h"
#include "thread/sleep.h"

#include <memory>
#include <string>
#include <vector>

namespace il::scenarios::perf {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kTask = "scenario.performance_comparison.part";
// A coroutine gives the loop back after this many chunks (about a
// millisecond): the loop lane then shows the tasks taking turns.
constexpr std::uint64_t kChunksPerTurn = 256;

std::string lane_name(const Workload& w, const char* model, std::uint64_t k) {
    return std::string(w.io ? "io " : "cpu ") + model + " " + std::to_string(k + 1);
}

// Part k on the calling thread: the wait (I/O-bound), then the sum, with
// between() after every chunk.
template <class Between>
std::uint64_t do_part(Session& session, const Workload& w, std::uint64_t k, Between between) {
    if (w.io)
        thread::sleep(session, w.io_wait); // under the GIL, lets it go meanwhile
    const auto [lo, hi] = cpu_work::part(w.n, w.workers, k);
    return cpu_work::sum_squares(lo, hi, between);
}

std::uint64_t sum_of(const std::vector<std::uint64_t>& parts) {
    std::uint64_t total = 0;
    for (std::uint64_t p : parts)
        total += p;
    return total;
}

std::uint64_t run_sequential(Session& session, const Workload& w) {
    std::uint64_t total = 0;
    LaneGroup lanes(session);
    lanes.start(w.io ? "io sequential" : "cpu sequential", [&] {
        for (std::uint64_t k = 0; k < w.workers; ++k)
            total += do_part(session, w, k, [&] { session.check_stop(); });
    });
    lanes.join_all();
    return total;
}

std::uint64_t run_threads(Session& session, const Workload& w, bool gil) {
    std::vector<std::uint64_t> parts(w.workers, 0);
    LaneGroup lanes(session);
    for (std::uint64_t k = 0; k < w.workers; ++k) {
        if (gil)
            lanes.start(lane_name(w, "GIL threads", k), [&, k] {
                // Python-style: hold the GIL while running, offer it at
                // every checkpoint, let it go while waiting.
                sync::GilHold hold(*w.gil);
                parts[k] = do_part(session, w, k, [&] { w.gil->checkpoint(); });
            });
        else
            lanes.start(lane_name(w, "threads", k), [&, k] {
                parts[k] = do_part(session, w, k, [&] { session.check_stop(); });
            });
    }
    lanes.join_all();
    return sum_of(parts);
}

std::uint64_t run_processes(Session& session, const Workload& w) {
    process::Queue results(session, w.io ? "io results" : "cpu results");
    std::vector<std::unique_ptr<process::Process>> children;
    for (std::uint64_t k = 0; k < w.workers; ++k) {
        const auto [lo, hi] = cpu_work::part(w.n, w.workers, k);
        children.push_back(std::make_unique<process::Process>(
            session, lane_name(w, "process", k), kTask,
            std::vector<std::string>{std::to_string(k), std::to_string(lo), std::to_string(hi),
                                     std::to_string(w.io ? w.io_wait.count() : 0)},
            std::vector{results.share()}));
    }
    for (auto& c : children)
        c->start();
    std::vector<std::uint64_t> parts(w.workers, 0);
    for (std::uint64_t k = 0; k < w.workers; ++k) {
        const std::string msg = results.get(); // before join: a child may block on a full pipe
        process::Reader r(msg);
        const auto index = static_cast<std::size_t>(r.i64());
        parts.at(index) = static_cast<std::uint64_t>(r.i64());
    }
    for (auto& c : children)
        c->join();
    for (std::uint64_t k = 0; k < w.workers; ++k)
        if (children[k]->exitcode() != 0)
            throw RuntimeError("process '" + lane_name(w, "process", k) + "' ended with status " +
                               std::to_string(children[k]->exitcode().value_or(-1)));
    return sum_of(parts);
}

coro::Task<std::uint64_t> part_task(Workload w, std::uint64_t k) {
    if (w.io)
        co_await coro::sleep(w.io_wait);
    auto [lo, hi] = cpu_work::part(w.n, w.workers, k);
    std::uint64_t sum = 0;
    // CPU work never awaits by itself: without these yields one task would
    // run to its end before the next started. With them they take turns,
    // and still only one runs at a time: the loop has one thread.
    while (lo < hi) {
        const std::uint64_t end = lo + std::min(hi - lo, kChunksPerTurn * cpu_work::kChunk);
        sum += cpu_work::sum_squares(lo, end);
        lo = end;
        if (lo < hi)
            co_await coro::yield();
    }
    co_return sum;
}

coro::Task<std::vector<std::uint64_t>> all_parts(Workload w) {
    std::vector<coro::Task<std::uint64_t>> tasks;
    for (std::uint64_t k = 0; k < w.workers; ++k)
        tasks.push_back(part_task(w, k).named(lane_name(w, "coroutine", k)));
    co_return co_await coro::gather(std::move(tasks));
}

std::uint64_t run_coroutines(Session& session, const Workload& w) {
    coro::Loop loop(session, w.io ? "io event loop" : "cpu event loop");
    std::vector<std::uint64_t> parts = loop.run(all_parts(w).named(w.io ? "io main" : "cpu main"));
    loop.close();
    return sum_of(parts);
}

} // namespace

std::string_view model_key(Model m) {
    switch (m) {
    case Model::Sequential:
        return "sequential";
    case Model::Threads:
        return "threads";
    case Model::GilThreads:
        return "gil_threads";
    case Model::Processes:
        return "processes";
    case Model::Coroutines:
        return "coroutines";
    }
    return "?";
}

Measurement run_model(Session& session, const Workload& w, Model model) {
    Measurement m;
    const std::int64_t cpu0 = process_cpu_ns();
    const Clock::time_point t0 = Clock::now();
    switch (model) {
    case Model::Sequential:
        m.total = run_sequential(session, w);
        break;
    case Model::Threads:
        m.total = run_threads(session, w, false);
        break;
    case Model::GilThreads:
        if (!w.gil)
            throw ValueError("the GIL threads model needs a GIL");
        m.total = run_threads(session, w, true);
        break;
    case Model::Processes:
        m.total = run_processes(session, w);
        break;
    case Model::Coroutines:
        m.total = run_coroutines(session, w);
        break;
    }
    m.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    m.cpu_ns = process_cpu_ns() - cpu0;
    return m;
}

} // namespace il::scenarios::perf

namespace il::process {

// -- perf --
void register_perf_tasks(TaskRegistry& registry) {
    using namespace il::scenarios;
    using scenarios::perf::kTask;
    registry.add(
        kTask,
        [](process::TaskContext& ctx) {
            Session& session = ctx.session();
            const std::int64_t index = ctx.int_arg(0), lo = ctx.int_arg(1), hi = ctx.int_arg(2);
            const std::int64_t wait_ns = ctx.int_arg(3);
            if (lo < 1 || hi < lo || wait_ns < 0)
                throw ValueError("performance-comparison part: bad range or wait");
            if (wait_ns > 0)
                thread::sleep(session, std::chrono::nanoseconds(wait_ns));
            const std::uint64_t sum = cpu_work::sum_squares(static_cast<std::uint64_t>(lo),
                                                            static_cast<std::uint64_t>(hi),
                                                            [&] { session.check_stop(); });
            process::Writer out;
            out.i64(index).i64(static_cast<std::int64_t>(sum));
            ctx.object<process::Queue>(0).put(out.str());
            return 0;
        },
        "performance-comparison: ARG0 = part index; waits ARG3 ns, sums the squares of "
        "[ARG1, ARG2), puts (index, sum) on queue 0");
}

} // namespace il::process
