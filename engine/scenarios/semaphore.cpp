// `semaphore`: many workers share a few permits; the trace proves the limit.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/semaphore.h"
#include "thread/sleep.h"

#include <algorithm>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class SemaphoreScenario final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "semaphore",
            "Semaphore: at most N at once",
            "Primitives",
            "A Semaphore holds a number of permits. acquire() takes one, waiting while none is "
            "free; release() gives one back. It limits how many lanes are inside a section at "
            "once — a connection pool, a download limit — without serialising them to one.",
            "The semaphore's free permits drop to zero and stay there while the remaining "
            "workers queue up; each release hands its permit to the next waiter (the arrows). "
            "Never more than `permits` workers are inside at once, and that many are.",
            "import threading, time\n"
            "\n"
            "permits = threading.Semaphore(3)\n"
            "\n"
            "def worker(i):\n"
            "    with permits:          # at most 3 threads in here\n"
            "        time.sleep(0.03)   # use the scarce resource\n"
            "\n"
            "threads = [threading.Thread(target=worker, args=(i,)) for i in range(10)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n",
            {
                ParamSpec::integer("workers", 10, 1, 64, "worker threads"),
                ParamSpec::integer("permits", 3, 1, 64, "the semaphore's initial value"),
                ParamSpec::real("hold_ms", 30, 1, 1000, "how long a worker holds its permit (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto workers = params.integer("workers");
        const auto permits = params.integer("permits");
        const auto hold =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("hold_ms") * 1e6));

        sync::Semaphore sem(session, "permits", permits);
        LaneGroup lanes(session);
        for (std::int64_t w = 0; w < workers; ++w)
            lanes.start("worker-" + std::to_string(w + 1), [&] {
                sem.acquire();
                try {
                    thread::sleep(session, hold);
                } catch (...) {
                    sem.release();
                    throw;
                }
                sem.release();
            });
        lanes.join_all();

        // The proof comes from the trace: after each Acquire, b holds the
        // permits left free, so permits - b lanes were inside at that instant.
        trace::Snapshot snap = session.recorder().snapshot();
        std::int64_t max_inside = 0;
        std::int64_t acquisitions = 0;
        for (const trace::Record& r : snap.records)
            if (r.object == sem.id() && r.kind == trace::Kind::Acquire) {
                ++acquisitions;
                max_inside = std::max<std::int64_t>(max_inside, permits - r.b);
            }
        const std::int64_t expected_max = std::min(workers, permits);
        Outcome o;
        o.values["max_inside"] = max_inside;
        o.values["permits"] = permits;
        o.values["acquisitions"] = acquisitions;
        o.ok = max_inside == expected_max && acquisitions == workers;
        o.message = "at most " + std::to_string(max_inside) + " of " + std::to_string(workers) +
                    " workers were inside at once (permits: " + std::to_string(permits) + ")";
        if (!o.ok)
            o.message += "; expected exactly " + std::to_string(expected_max) +
                         " inside at the peak and " + std::to_string(workers) + " acquisitions";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_semaphore() {
    return std::make_unique<SemaphoreScenario>();
}

} // namespace il::scenarios
