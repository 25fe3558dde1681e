// `isolation`: a global changed by a thread is seen by its sibling threads;
// changed in a child process it is not — unless it lives in shared memory.
#include "scenarios/all.h"

#include "process/connection.h"
#include "process/process.h"
#include "process/task_registry.h"
#include "process/value.h"
#include "process/wire.h"
#include "scenarios/lanes.h"
#include "scenarios/multiprocessing_tasks.h"

#include <atomic>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using trace::Kind;

constexpr const char* kTask = "scenario.isolation.child";

// A real global of the program. Each process has its own copy: the parent's
// (in the CLI or GUI) and the child's (in interleave-worker, which starts
// fresh, as a spawned Python child re-imports its module).
std::atomic<std::int64_t> g_value{0};

class IsolationScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "isolation",
            "Isolation: threads share memory, processes do not",
            "Multiprocessing",
            "Threads of one process share its memory: a global one thread sets is what its "
            "siblings read. A child process has its own memory — with \"spawn\" it even starts "
            "as a fresh program — so setting the same global there changes only the child's "
            "copy, and the parent never sees it. To share data, processes must use shared "
            "memory (multiprocessing.Value/Array) or send messages.",
            "The two copies of the global are two variables in the trace: the writer thread's "
            "write is read by its sibling, while the child's write lands on the child's own "
            "copy and the parent's next read still returns the thread's value. Only the "
            "shared Value carries the child's number back.",
            "import threading, multiprocessing as mp\n"
            "\n"
            "value = 0\n"
            "\n"
            "def set_value(v):\n"
            "    global value\n"
            "    value = v\n"
            "\n"
            "def set_shared(shared, v):\n"
            "    set_value(v)\n"
            "    shared.value = v\n"
            "\n"
            "if __name__ == \"__main__\":\n"
            "    t = threading.Thread(target=set_value, args=(42,)); t.start(); t.join()\n"
            "    print(value)         # 42: threads share the process's memory\n"
            "    shared = mp.Value('i', 0)\n"
            "    p = mp.Process(target=set_shared, args=(shared, 99)); p.start(); p.join()\n"
            "    print(value)         # still 42: the child changed its own copy\n"
            "    print(shared.value)  # 99: shared memory is seen by both\n",
            {
                ParamSpec::integer("thread_value", 42, 1, 1'000'000,
                                   "what the writer thread stores in the global"),
                ParamSpec::integer("child_value", 99, 1, 1'000'000,
                                   "what the child process stores in its global and the Value"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::int64_t thread_value = params.integer("thread_value");
        const std::int64_t child_value = params.integer("child_value");
        trace::Registry& reg = session.registry();
        trace::Recorder& rec = session.recorder();
        const trace::ObjectId parent_copy =
            reg.add_object(trace::ObjectKind::Variable, "value (parent's copy)");
        const trace::ObjectId child_copy =
            reg.add_object(trace::ObjectKind::Variable, "value (child's copy)");
        g_value = 0;

        // 1. Threads: one writes, a sibling reads.
        std::int64_t sibling_saw = -1;
        {
            LaneGroup writer(session);
            writer.start("writer-thread", [&] {
                g_value = thread_value;
                rec.record(Kind::Write, parent_copy, thread_value);
            });
            writer.join_all();
            LaneGroup reader(session);
            reader.start("reader-thread", [&] {
                sibling_saw = g_value;
                rec.record(Kind::Read, parent_copy, sibling_saw);
            });
            reader.join_all();
        }

        // 2. A child process sets its global and a shared Value.
        process::Value<std::int64_t> shared(session, "shared value", 0);
        auto [mine, theirs] = process::Pipe(session, "report");
        process::Process child(session, "child-process", kTask,
                               {std::to_string(child_value), std::to_string(child_copy)},
                               {shared.share(), theirs.share()});
        child.start();
        theirs.close();
        const std::string message = mine.recv();
        process::Reader report(message);
        const std::int64_t child_saw_at_start = report.i64();
        const std::int64_t child_saw_after = report.i64();
        child.join();
        if (child.exitcode() != 0)
            throw RuntimeError("the child process failed: " + child.error());

        const std::int64_t parent_after = g_value;
        rec.record(Kind::Read, parent_copy, parent_after);
        const std::int64_t shared_after = shared.get();

        Outcome o;
        o.values["thread_sibling_saw"] = sibling_saw;
        o.values["child_saw_at_start"] = child_saw_at_start;
        o.values["child_saw_after_setting"] = child_saw_after;
        o.values["parent_saw_after_child"] = parent_after;
        o.values["shared_value_seen_by_parent"] = shared_after;
        o.ok = sibling_saw == thread_value && child_saw_at_start == 0 &&
               child_saw_after == child_value && parent_after == thread_value &&
               shared_after == child_value;
        o.message = "sibling thread saw " + std::to_string(sibling_saw) +
                    "; the child started with " + std::to_string(child_saw_at_start) + " and set " +
                    std::to_string(child_value) + ", yet the parent still sees " +
                    std::to_string(parent_after) + "; through shared memory it sees " +
                    std::to_string(shared_after);
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_isolation() {
    return std::make_unique<IsolationScenario>();
}

void register_isolation_tasks(process::TaskRegistry& registry) {
    registry.add(
        kTask,
        [](process::TaskContext& ctx) {
            const std::int64_t v = ctx.int_arg(0);
            const auto copy = static_cast<trace::ObjectId>(ctx.int_arg(1));
            trace::Recorder& rec = ctx.session().recorder();
            const std::int64_t at_start = g_value;
            rec.record(Kind::Read, copy, at_start);
            g_value = v;
            rec.record(Kind::Write, copy, v);
            ctx.object<process::Value<std::int64_t>>(0).set(v);
            process::Writer w;
            w.i64(at_start).i64(g_value.load());
            ctx.object<process::Connection>(1).send(w.str());
            return 0;
        },
        "isolation: reads/sets this process's global to ARG0 (variable ARG1), sets Value 0, "
        "reports through Connection 1");
}

} // namespace il::scenarios
