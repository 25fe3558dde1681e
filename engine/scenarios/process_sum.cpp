// `process-sum`: processes sum parts of 1..n and send their parts through a
// multiprocessing Queue; the parent adds them up.
#include "scenarios/all.h"

#include "process/process.h"
#include "process/queue.h"
#include "process/task_registry.h"
#include "process/wire.h"
#include "scenarios/multiprocessing_tasks.h"

#include <memory>

namespace il::scenarios {

namespace {

using namespace il::scenario;

constexpr const char* kTask = "scenario.process_sum.part";

class ProcessSumScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "process-sum",
            "Processes: split a sum, collect through a Queue",
            "Multiprocessing",
            "Each process is a separate program with its own memory, so processes cannot add "
            "into one shared total the way threads can. Instead each child computes its part "
            "of 1..n and sends it back through a multiprocessing Queue — a pipe between the "
            "processes — and the parent adds the parts up. With the \"spawn\" start method a "
            "child is a fresh program that runs one named function, and only its arguments "
            "and the queue are handed to it.",
            "Each child is its own group of lanes with its own pid. Every part travels as an "
            "arrow from the child's put to the parent's get, and the queue gauge shows the "
            "parts piling up until the parent takes them. The parent gets before it joins: "
            "joining first could wait forever on a child still writing into a full pipe.",
            "from multiprocessing import Process, Queue\n"
            "\n"
            "def part_sum(lo, hi, q):\n"
            "    q.put(sum(range(lo, hi + 1)))\n"
            "\n"
            "if __name__ == \"__main__\":\n"
            "    q = Queue()\n"
            "    ranges = [(1, 2500), (2501, 5000), (5001, 7500), (7501, 10000)]\n"
            "    ps = [Process(target=part_sum, args=(lo, hi, q)) for lo, hi in ranges]\n"
            "    for p in ps: p.start()\n"
            "    total = sum(q.get() for _ in ps)   # get before join\n"
            "    for p in ps: p.join()\n"
            "    print(total)                       # 50005000\n",
            {
                ParamSpec::integer("n", 10000, 1, 100'000'000, "sum the numbers 1..n"),
                ParamSpec::integer("processes", 4, 1, 16, "child processes, each sums one part"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::int64_t n = params.integer("n");
        const std::int64_t procs = params.integer("processes");
        process::Queue results(session, "results");
        std::vector<std::unique_ptr<process::Process>> children;
        std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
        for (std::int64_t i = 0; i < procs; ++i) {
            const std::int64_t lo = i * n / procs + 1, hi = (i + 1) * n / procs;
            ranges.emplace_back(lo, hi);
            children.push_back(std::make_unique<process::Process>(
                session, "part-" + std::to_string(i + 1), kTask,
                std::vector<std::string>{std::to_string(i), std::to_string(lo), std::to_string(hi)},
                std::vector{results.share()}));
        }
        for (auto& c : children)
            c->start();
        std::vector<std::int64_t> parts(static_cast<std::size_t>(procs), 0);
        for (std::int64_t k = 0; k < procs; ++k) {
            const std::string msg = results.get();
            process::Reader r(msg);
            const std::int64_t index = r.i64();
            parts.at(static_cast<std::size_t>(index)) = r.i64();
        }
        for (auto& c : children)
            c->join();

        std::int64_t total = 0;
        for (std::int64_t p : parts)
            total += p;
        const std::int64_t expected = n * (n + 1) / 2;
        Outcome o;
        o.values["total"] = total;
        o.values["expected"] = expected;
        o.values["parts"] = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < parts.size(); ++i)
            o.values["parts"].push_back({{"from", ranges[i].first},
                                         {"to", ranges[i].second},
                                         {"sum", parts[i]},
                                         {"pid", children[i]->pid()}});
        bool exits_ok = true;
        for (auto& c : children)
            exits_ok = exits_ok && c->exitcode() == 0;
        o.ok = total == expected && exits_ok;
        o.message = std::to_string(procs) + " processes summed 1.." + std::to_string(n) + " to " +
                    std::to_string(total) +
                    (o.ok ? " (correct)" : "; expected " + std::to_string(expected));
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_process_sum() {
    return std::make_unique<ProcessSumScenario>();
}

void register_process_sum_tasks(process::TaskRegistry& registry) {
    registry.add(
        kTask,
        [](process::TaskContext& ctx) {
            const std::int64_t lo = ctx.int_arg(1), hi = ctx.int_arg(2);
            std::int64_t sum = 0;
            for (std::int64_t x = lo; x <= hi; ++x)
                sum += x;
            process::Writer w;
            w.i64(ctx.int_arg(0)).i64(sum);
            ctx.object<process::Queue>(0).put(w.str());
            return 0;
        },
        "process-sum: ARG0 = part index, sums ARG1..ARG2, puts (index, sum) on queue 0");
}

} // namespace il::scenarios
