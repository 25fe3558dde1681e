// `shared-counter`: processes increment a multiprocessing Value, first under
// its lock, then without it; the unlocked run loses updates, and the trace
// counts every one of them.
#include "scenarios/all.h"

#include "process/event.h"
#include "process/process.h"
#include "process/queue.h"
#include "process/task_registry.h"
#include "process/value.h"
#include "scenarios/multiprocessing_tasks.h"

#include <memory>
#include <mutex>

namespace il::scenarios {

namespace {

using namespace il::scenario;

constexpr const char* kTask = "scenario.shared_counter.add";

struct Phase {
    std::int64_t final = 0;
    std::int64_t lost = 0; // updates erased by stale writes, as the writes counted them
};

Phase run_phase(Session& session, const std::string& name, bool locked, std::int64_t procs,
                std::int64_t increments) {
    process::Value<std::int64_t> counter(session, name, 0, locked);
    // Each child says it is ready, then waits for `go`: so they all increment
    // at the same time (starting one takes longer than its whole loop).
    process::Queue ready(session, name + " ready");
    process::Event go(session, name + " go");
    std::vector<std::unique_ptr<process::Process>> children;
    for (std::int64_t i = 0; i < procs; ++i)
        children.push_back(std::make_unique<process::Process>(
            session, name + "-" + std::to_string(i + 1), kTask,
            std::vector<std::string>{std::to_string(increments), locked ? "lock" : "nolock"},
            std::vector{counter.share(), go.share(), ready.share()}));
    for (auto& c : children)
        c->start();
    for (std::int64_t i = 0; i < procs; ++i)
        ready.get();
    go.set();
    for (auto& c : children) {
        c->join();
        if (c->exitcode() != 0) {
            // A child killed or crashed raised nothing: say how it ended instead.
            const std::string why =
                c->error().empty() ? process::describe_exit(c->exitcode()) : c->error();
            throw RuntimeError("process '" + c->name() + "' (pid " + std::to_string(c->pid()) +
                               ") failed: " + why);
        }
    }
    Phase p;
    p.final = counter.load();
    p.lost = counter.lost_updates();
    return p;
}

class SharedCounterScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "shared-counter",
            "Shared counter across processes: Value with and without its lock",
            "Multiprocessing",
            "multiprocessing.Value puts a number in shared memory that every process maps, so "
            "processes really share it. `counter.value += 1` is still a read followed by a "
            "write: two processes that read the same value both write value + 1, and one "
            "increment is lost. The Value's own lock (get_lock()) makes read-and-write one "
            "step; lock=False gives a raw value with no protection at all.",
            "The first group of processes takes the lock around every increment: the lock's "
            "arrows hop between processes and the total is exact. The second group runs "
            "without it: look for writes that erased updates (each write records how many) — "
            "their sum is exactly the shortfall of the final value. The children wait at a start "
            "event so that they really run at the same time.",
            "from multiprocessing import Process, Value\n"
            "\n"
            "def add(counter, n, locked):\n"
            "    for _ in range(n):\n"
            "        if locked:\n"
            "            with counter.get_lock():\n"
            "                counter.value += 1\n"
            "        else:\n"
            "            counter.value += 1      # read, then write: not atomic\n"
            "\n"
            "if __name__ == \"__main__\":\n"
            "    for locked in (True, False):\n"
            "        counter = Value('i', 0, lock=locked)\n"
            "        ps = [Process(target=add, args=(counter, 10000, locked)) for _ in range(4)]\n"
            "        for p in ps: p.start()\n"
            "        for p in ps: p.join()\n"
            "        print(locked, counter.value)   # True 40000, False: usually less\n",
            {
                ParamSpec::integer("processes", 4, 1, 8, "processes incrementing the counter"),
                ParamSpec::integer("increments", 10000, 1, 100'000, "increments per process"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::int64_t procs = params.integer("processes");
        const std::int64_t n = params.integer("increments");
        const std::int64_t expected = procs * n;
        const Phase locked = run_phase(session, "with-lock", true, procs, n);
        const Phase raw = run_phase(session, "no-lock", false, procs, n);

        Outcome o;
        o.values["expected"] = expected;
        o.values["with_lock"] = locked.final;
        o.values["without_lock"] = raw.final;
        o.values["lost_updates"] = expected - raw.final;
        o.values["lost_updates_recorded"] = raw.lost;
        o.ok = locked.final == expected && locked.lost == 0 && raw.final + raw.lost == expected;
        o.message = "with the lock: " + std::to_string(locked.final) + " of " +
                    std::to_string(expected) + "; without it: " + std::to_string(raw.final) + " (" +
                    std::to_string(expected - raw.final) + " updates lost)";
        if (raw.final == expected)
            o.message += " — the race did not strike this time; raise increments";
        if (!o.ok)
            o.message += "; the recorded lost updates (" + std::to_string(raw.lost) +
                         ") do not explain the shortfall";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_shared_counter() {
    return std::make_unique<SharedCounterScenario>();
}

void register_shared_counter_tasks(process::TaskRegistry& registry) {
    registry.add(
        kTask,
        [](process::TaskContext& ctx) {
            auto& counter = ctx.object<process::Value<std::int64_t>>(0);
            ctx.object<process::Queue>(2).put("ready");
            if (!ctx.object<process::Event>(1).wait(std::chrono::seconds(30)))
                return 4;
            const bool locked = ctx.arg(1) == "lock";
            for (std::int64_t i = 0, n = ctx.int_arg(0); i < n; ++i) {
                if (locked) {
                    std::lock_guard g(counter.get_lock());
                    counter.set(counter.get() + 1);
                } else {
                    counter.set(counter.get() + 1);
                }
            }
            return 0;
        },
        "shared-counter: puts on Queue 2, waits for Event 1, then adds 1 to Value 0, ARG0 times, "
        "ARG1 'lock' or "
        "'nolock'");
}

} // namespace il::scenarios
