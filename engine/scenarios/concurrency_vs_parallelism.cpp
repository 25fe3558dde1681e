// `concurrency-vs-parallelism`: the same CPU-bound work on two threads pinned
// to one core (they take turns: concurrent, not parallel), then on two
// threads pinned to two cores (parallel).
#include "scenarios/all.h"

#include "run/cpu_time.h"
#include "scenarios/cpu_work.h"
#include "scenarios/lanes.h"

#include <pthread.h>
#include <sched.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using Clock = std::chrono::steady_clock;

// A thread whose loop stalls this long between two chunks (a few
// microseconds each) was not running meanwhile: the OS gave its CPU to
// someone else.
constexpr auto kDescheduled = std::chrono::milliseconds(1);
constexpr double kParallelSpeedup = 1.5;

std::vector<int> allowed_cpus() {
    std::vector<int> cpus;
    cpu_set_t set;
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set))
                cpus.push_back(c);
    return cpus;
}

bool pin_to(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return ::pthread_setaffinity_np(::pthread_self(), sizeof set, &set) == 0;
}

struct RunStats {
    std::int64_t wall_ns = 0;
    std::int64_t cpu_ns = 0;
    std::uint64_t total = 0;
    std::int64_t deschedules = 0;    // stalls the threads noticed
    std::int64_t descheduled_ns = 0; // and how long they lasted, summed
    bool pinned = true;
};

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

class ConcurrencyVsParallelism final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "concurrency-vs-parallelism",
            "Concurrency vs parallelism: one core or two",
            "Concepts",
            "Concurrency is having several tasks in progress at once; parallelism is running "
            "several at the same instant. Two threads pinned to one core are concurrent: the "
            "operating system lets them take turns, a few milliseconds each, so both progress "
            "but together they take as long as doing the work one after the other. Pinned to "
            "two cores they run in parallel and finish in about half the time. Parallelism "
            "needs several cores; concurrency does not.",
            "The recorder cannot see the operating system's scheduler, so a thread that was "
            "taken off its CPU still looks running. Each thread therefore watches its own "
            "loop: when the time between two steps (a few microseconds of work) jumps past "
            "1 ms, it was not running meanwhile, and it records a Mark \"descheduled\" with "
            "how long (in microseconds). On one core the two lanes' Marks alternate, every "
            "few milliseconds: they take turns. On two cores there are almost none. Compare "
            "the two wall times, and the CPU times, which stay about the same.",
            "import os, time\n"
            "from multiprocessing import Process\n"
            "\n"
            "# Processes, not threads: the GIL would keep Python threads from\n"
            "# running in parallel even on two cores.\n"
            "def work(n, cpus):\n"
            "    os.sched_setaffinity(0, cpus)   # run on these CPUs only\n"
            "    return sum(i * i for i in range(n))\n"
            "\n"
            "def run(cpus_a, cpus_b, n=10_000_000):\n"
            "    t = time.perf_counter()\n"
            "    ps = [Process(target=work, args=(n, c)) for c in (cpus_a, cpus_b)]\n"
            "    for p in ps: p.start()\n"
            "    for p in ps: p.join()\n"
            "    return time.perf_counter() - t\n"
            "\n"
            "if __name__ == '__main__':\n"
            "    one = run({0}, {0})   # concurrent: both take turns on CPU 0\n"
            "    two = run({0}, {1})   # parallel: one CPU each\n"
            "    print(f'one core {one:.2f} s, two cores {two:.2f} s, {one / two:.1f}x')\n",
            {
                ParamSpec::integer("n", 1'000'000'000, 1000, 4'000'000'000,
                                   "sum the squares of 1..n, half on each thread (a third of a "
                                   "nanosecond or so per number on one core)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto n = static_cast<std::uint64_t>(params.integer("n"));
        const std::vector<int> cpus = allowed_cpus();
        const int first = cpus.empty() ? 0 : cpus[0];
        const int second = cpus.size() >= 2 ? cpus[1] : first;
        const trace::ObjectId mark = session.registry().add_object(
            trace::ObjectKind::Annotation, "descheduled (microseconds off the CPU)");

        const RunStats one = run_pair(session, n, {first, first}, "one core", mark);
        const RunStats two = run_pair(session, n, {first, second}, "two cores", mark);

        const std::uint64_t expected = cpu_work::expected_sum_squares(n);
        const bool correct = one.total == expected && two.total == expected;
        const bool pinned = one.pinned && two.pinned;
        const double speedup = static_cast<double>(one.wall_ns) /
                               static_cast<double>(std::max<std::int64_t>(1, two.wall_ns));
        auto entry = [](const RunStats& r, double sp, double cores) {
            return nlohmann::ordered_json{{"wall_ns", r.wall_ns},
                                          {"cpu_ns", r.cpu_ns},
                                          {"speedup", std::round(sp * 1000) / 1000},
                                          {"efficiency", std::round(sp / cores * 1000) / 1000},
                                          {"deschedules", r.deschedules},
                                          {"descheduled_ns", r.descheduled_ns}};
        };
        Outcome o;
        o.values["runs"]["one_core"] = entry(one, 1.0, 1.0);
        o.values["runs"]["two_cores"] = entry(two, speedup, 2.0);
        o.values["cpus"] = {first, second};
        o.values["pinned"] = pinned;
        o.values["correct"] = correct;

        auto ms = [](std::int64_t ns) { return fixed(static_cast<double>(ns) / 1e6, 0) + " ms"; };
        std::string msg = "one core " + ms(one.wall_ns) + " (" + std::to_string(one.deschedules) +
                          " turns off the CPU seen), two cores " + ms(two.wall_ns) + " (" +
                          std::to_string(two.deschedules) + "): parallel " + fixed(speedup, 2) +
                          "x faster";
        bool ok = correct;
        if (!pinned)
            msg += "; the threads could not be pinned to CPUs (pthread_setaffinity_np failed), "
                   "so the OS placed them: the comparison shows nothing";
        else if (cpus.size() < 2)
            msg += "; this process may use only one CPU, so both runs were on one core and "
                   "cannot differ";
        else if (speedup < kParallelSpeedup) {
            ok = false;
            msg += "; expected two cores at least " + fixed(kParallelSpeedup, 1) +
                   "x faster than one (is the machine busy?)";
        }
        if (!correct)
            msg += "; a thread computed a wrong sum";
        o.ok = ok;
        o.message = std::move(msg);
        return o;
    }

private:
    // Two threads, each summing half of 1..n pinned to its CPU.
    static RunStats run_pair(Session& session, std::uint64_t n, std::array<int, 2> cpu,
                             const std::string& label, trace::ObjectId mark) {
        std::array<Half, 2> halves;
        const std::int64_t cpu0 = process_cpu_ns();
        const Clock::time_point t0 = Clock::now();
        {
            LaneGroup lanes(session);
            for (std::size_t k = 0; k < 2; ++k)
                lanes.start(label + ": thread " + std::to_string(k + 1) + " on CPU " +
                                std::to_string(cpu[k]),
                            [&, k] { halves[k] = half(session, n, k, cpu[k], mark); });
            lanes.join_all();
        }
        RunStats stats;
        stats.wall_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
        stats.cpu_ns = process_cpu_ns() - cpu0;
        for (const Half& h : halves) {
            stats.total += h.sum;
            stats.deschedules += h.stalls;
            stats.descheduled_ns += h.stalled_ns;
            stats.pinned = stats.pinned && h.pinned;
        }
        return stats;
    }

    struct Half {
        std::uint64_t sum = 0;
        std::int64_t stalls = 0, stalled_ns = 0;
        bool pinned = false;
    };

    // Part k of 2 on the calling thread, pinned to `cpu`. Between two chunks
    // it reads the clock: a gap over kDescheduled is a time it was not
    // running, recorded as a Mark with the gap in microseconds.
    static Half half(Session& session, std::uint64_t n, std::uint64_t k, int cpu,
                     trace::ObjectId mark) {
        Half h;
        h.pinned = pin_to(cpu);
        trace::Recorder& rec = session.recorder();
        const auto [lo, hi] = cpu_work::part(n, 2, k);
        Clock::time_point last = Clock::now();
        h.sum = cpu_work::sum_squares(lo, hi, [&] {
            const Clock::time_point now = Clock::now();
            if (now - last > kDescheduled) {
                const std::int64_t gap =
                    std::chrono::duration_cast<std::chrono::nanoseconds>(now - last).count();
                rec.record(trace::Kind::Mark, mark, gap / 1000);
                ++h.stalls;
                h.stalled_ns += gap;
            }
            last = now;
            session.check_stop();
        });
        return h;
    }
};

} // namespace

std::unique_ptr<Scenario> make_concurrency_vs_parallelism() {
    return std::make_unique<ConcurrencyVsParallelism>();
}

} // namespace il::scenarios
