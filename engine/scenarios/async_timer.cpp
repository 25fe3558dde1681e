// `async-timer`: an async scope (an async context manager) timing a block,
// once with the steps awaited one after another and once gathered.
#include "scenarios/all.h"

#include "coro/coro.h"

#include <chrono>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;

coro::Task<void> step(std::chrono::nanoseconds d) {
    co_await coro::sleep(d);
}

class AsyncTimer final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "async-timer",
            "An async context manager that times a block",
            "Asyncio",
            "`async with` runs code on entering and leaving a block, and the block may await. "
            "A timer scope notes the time on entry and reports the elapsed time on exit — "
            "whatever the block awaited in between. Timing the same steps awaited one by one "
            "and gathered shows what awaiting in sequence costs.",
            "The two timer marks on main's lane bracket each block; the 'sequential' block "
            "holds the steps one after another on main's lane, the 'gathered' block runs them "
            "as parallel task lanes and lasts about one step.",
            "import asyncio, time\n"
            "\n"
            "class Timer:\n"
            "    def __init__(self, name): self.name = name\n"
            "    async def __aenter__(self):\n"
            "        self.t0 = time.perf_counter()\n"
            "        return self\n"
            "    async def __aexit__(self, *exc):\n"
            "        self.elapsed = time.perf_counter() - self.t0\n"
            "        print(f\"{self.name}: {self.elapsed:.3f} s\")\n"
            "\n"
            "async def step():\n"
            "    await asyncio.sleep(0.05)\n"
            "\n"
            "async def main():\n"
            "    async with Timer(\"sequential\"):\n"
            "        for _ in range(3):\n"
            "            await step()\n"
            "    async with Timer(\"gathered\"):\n"
            "        await asyncio.gather(*(step() for _ in range(3)))\n"
            "\n"
            "asyncio.run(main())\n",
            {
                ParamSpec::integer("steps", 3, 1, 100, "awaited steps in each timed block"),
                ParamSpec::real("step_ms", 50, 1, 2000, "how long each step waits (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto steps = params.integer("steps");
        const auto d =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("step_ms") * 1e6));
        coro::Loop loop(session);
        double seq_ms = 0, par_ms = 0;
        auto main = [&]() -> coro::Task<void> {
            {
                coro::TimerScope t(session, "sequential");
                for (std::int64_t k = 0; k < steps; ++k)
                    co_await step(d);
                seq_ms = static_cast<double>(t.stop().count()) / 1e6;
            }
            {
                coro::TimerScope t(session, "gathered");
                std::vector<coro::Task<void>> ts;
                for (std::int64_t k = 0; k < steps; ++k)
                    ts.push_back(step(d).named("step-" + std::to_string(k + 1)));
                co_await coro::gather(std::move(ts));
                par_ms = static_cast<double>(t.stop().count()) / 1e6;
            }
        };
        loop.run(main().named("async main"));
        const double expected = static_cast<double>(steps) * params.real("step_ms");
        Outcome o;
        o.values["sequential_ms"] = seq_ms;
        o.values["gathered_ms"] = par_ms;
        o.values["expected_sequential_ms"] = expected;
        o.values["steps"] = steps;
        o.ok = seq_ms >= expected && par_ms >= params.real("step_ms") &&
               (steps == 1 || par_ms < seq_ms);
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "the timer scope measured %.1f ms for %lld steps awaited in sequence and "
                      "%.1f ms for the same steps gathered",
                      seq_ms, static_cast<long long>(steps), par_ms);
        o.message = buf;
        if (!o.ok)
            o.message += "; expected the sequence to take at least the sum of the steps and "
                         "the gathered block less";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_async_timer() {
    return std::make_unique<AsyncTimer>();
}

} // namespace il::scenarios
