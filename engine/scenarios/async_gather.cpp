// `async-gather`: three fetches that mostly wait run together on one event
// loop; the total is close to the longest, not the sum.
#include "scenarios/all.h"

#include "coro/coro.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace il::scenarios {

namespace {

using namespace il::scenario;

coro::Task<double> fetch(std::chrono::nanoseconds delay) {
    co_await coro::sleep(delay); // waiting for the "server": the loop runs the others
    co_return static_cast<double>(delay.count()) / 1e9;
}

class AsyncGather final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "async-gather",
            "asyncio.gather: waiting together",
            "Asyncio",
            "A coroutine that awaits gives the event loop back, so while one fetch waits for "
            "its answer the loop runs the others. asyncio.gather starts several coroutines as "
            "tasks and waits for all of them: when the work is mostly waiting, the total time "
            "is about the longest wait, not the sum — with one thread and no locks.",
            "The three task lanes sleep side by side, not one after another; the loop lane "
            "only briefly resumes each task (the short Resume..Suspend spans). main waits on "
            "the gather and is woken by the last task to finish (the arrow from its end). "
            "Compare the outcome's total with the sum.",
            "import asyncio, time\n"
            "\n"
            "async def fetch(delay):\n"
            "    await asyncio.sleep(delay)      # waiting: the loop runs the other tasks\n"
            "    return delay\n"
            "\n"
            "async def main():\n"
            "    t0 = time.perf_counter()\n"
            "    delays = await asyncio.gather(fetch(0.1), fetch(0.2), fetch(0.15))\n"
            "    total = time.perf_counter() - t0\n"
            "    print(delays, f\"total {total:.2f} s, sum {sum(delays):.2f} s\")\n"
            "\n"
            "asyncio.run(main())   # total ~0.2 s, not 0.45 s\n",
            {
                ParamSpec::real("time_scale", 0.1, 0.001, 2.0,
                                "seconds per delay unit (the delays are 1, 2 and 1.5 units)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const double scale = params.real("time_scale");
        const std::array<double, 3> units{1.0, 2.0, 1.5};
        auto delay = [&](double u) {
            return std::chrono::nanoseconds(static_cast<std::int64_t>(u * scale * 1e9));
        };
        coro::Loop loop(session);
        auto main = [&]() -> coro::Task<std::array<double, 4>> {
            const auto t0 = std::chrono::steady_clock::now();
            auto [a, b, c] = co_await coro::gather(fetch(delay(units[0])).named("fetch-1"),
                                                   fetch(delay(units[1])).named("fetch-2"),
                                                   fetch(delay(units[2])).named("fetch-3"));
            const double total =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            co_return std::array<double, 4>{a, b, c, total};
        };
        const auto r = loop.run(main().named("async main"));
        const double sum = r[0] + r[1] + r[2];
        const double longest = std::max({r[0], r[1], r[2]});
        const double total = r[3];
        Outcome o;
        o.values["delay_1"] = r[0];
        o.values["delay_2"] = r[1];
        o.values["delay_3"] = r[2];
        o.values["total"] = total;
        o.values["sum"] = sum;
        o.values["longest"] = longest;
        // Closer to the longest than to the sum: the waits overlapped.
        o.ok = total >= longest && total < longest + (sum - longest) / 2;
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "the three fetches took %.3f s together: close to the longest (%.3f s), "
                      "not the sum (%.3f s)",
                      total, longest, sum);
        o.message = buf;
        if (!o.ok)
            o.message += "; expected the total to be nearer the longest than the sum";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_async_gather() {
    return std::make_unique<AsyncGather>();
}

} // namespace il::scenarios
