// `thread-pool`: squares on a ThreadPoolExecutor, collected with as_completed.
#include "scenarios/all.h"

#include "executor/as_completed.h"
#include "executor/thread_pool_executor.h"
#include "thread/sleep.h"

#include <map>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class ThreadPool final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "thread-pool",
            "ThreadPoolExecutor and as_completed",
            "concurrent.futures",
            "An executor keeps a few worker threads and a work queue. submit() puts a call on "
            "the queue and returns a Future at once; a worker runs the call and fills the "
            "future; as_completed() hands the futures back in the order they finish, not the "
            "order they were submitted.",
            "The work queue fills as all tasks are submitted at once, then drains as the "
            "workers — started lazily, one per submit until max_workers — take them. Each "
            "put -> get arrow runs from the submitter to the worker that ran the task; each "
            "set -> wake arrow from a worker to the collector waiting in as_completed.",
            "from concurrent.futures import ThreadPoolExecutor, as_completed\n"
            "import time\n"
            "\n"
            "def square(x):\n"
            "    time.sleep(0.01)  # pretend to work\n"
            "    return x * x\n"
            "\n"
            "with ThreadPoolExecutor(max_workers=4) as pool:\n"
            "    futures = {pool.submit(square, x): x for x in range(20)}\n"
            "    for f in as_completed(futures):\n"
            "        print(futures[f], '->', f.result())\n",
            {
                ParamSpec::integer("tasks", 20, 1, 100000, "calls submitted"),
                ParamSpec::integer("workers", 4, 1, 64, "max_workers of the pool"),
                ParamSpec::real("work_ms", 10, 0, 1000, "time each call takes (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto tasks = params.integer("tasks");
        const auto workers = params.integer("workers");
        const auto work =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("work_ms") * 1e6));

        executor::ThreadPoolExecutor pool(session, static_cast<std::size_t>(workers), "pool");
        std::vector<executor::Future<std::int64_t>> futures;
        std::map<trace::ObjectId, std::int64_t> input_of;
        for (std::int64_t x = 0; x < tasks; ++x) {
            futures.push_back(pool.submit(
                [&session, work](std::int64_t v) {
                    if (work.count() > 0)
                        thread::sleep(session, work);
                    return v * v;
                },
                x));
            input_of[futures.back().id()] = x;
        }

        std::int64_t collected = 0, wrong = 0, out_of_order = 0, previous = -1;
        for (auto& f : executor::as_completed(futures)) {
            const std::int64_t x = input_of.at(f.id());
            wrong += f.result() != x * x;
            out_of_order += x < previous;
            previous = x;
            ++collected;
        }
        pool.shutdown(true);

        Outcome o;
        o.values["tasks"] = tasks;
        o.values["collected"] = collected;
        o.values["wrong"] = wrong;
        o.values["workers_started"] = pool.worker_count();
        o.values["finished_out_of_submit_order"] = out_of_order;
        o.ok = collected == tasks && wrong == 0 &&
               pool.worker_count() <= static_cast<std::size_t>(workers);
        o.message = o.ok ? "all " + std::to_string(tasks) + " squares collected as completed, on " +
                               std::to_string(pool.worker_count()) + " worker(s)"
                         : std::to_string(wrong) + " wrong results, " + std::to_string(collected) +
                               " of " + std::to_string(tasks) + " collected";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_thread_pool() {
    return std::make_unique<ThreadPool>();
}

} // namespace il::scenarios
