// `blocking-in-loop`: one coroutine calls a blocking sleep and every other
// coroutine on the loop stalls; the fix off-loads the call to a thread.
#include "scenarios/all.h"

#include "analysis/loop_stalls.h"
#include "coro/coro.h"
#include "thread/sleep.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;
using Clock = std::chrono::steady_clock;

class BlockingInLoop final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "blocking-in-loop",
            "A blocking call stalls the event loop",
            "Asyncio",
            "An event loop runs one coroutine at a time on one thread and switches only at an "
            "await. A coroutine that calls something blocking (time.sleep, a synchronous "
            "download, heavy computing) keeps the thread, so no other coroutine runs until it "
            "returns. The fix is to off-load the blocking call to a worker thread "
            "(asyncio.to_thread) and await that.",
            "Without the fix, the loop lane shows one long Resume..Suspend span for the "
            "blocker while the tickers are ready but do not run: their ticks come late all at "
            "once, and the run is diagnosed 'loop_blocked'. With fix=true the sleep runs on a "
            "worker thread lane, the blocker awaits it, and the tickers keep their beat.",
            "import asyncio, time\n"
            "\n"
            "async def ticker():\n"
            "    for _ in range(15):\n"
            "        await asyncio.sleep(0.02)          # should tick every 20 ms\n"
            "\n"
            "async def blocker(fix):\n"
            "    await asyncio.sleep(0.05)\n"
            "    if fix:\n"
            "        await asyncio.to_thread(time.sleep, 0.3)   # the loop keeps running\n"
            "    else:\n"
            "        time.sleep(0.3)       # blocks the event loop: every task stalls\n"
            "\n"
            "async def main(fix=False):\n"
            "    await asyncio.gather(blocker(fix), *(ticker() for _ in range(3)))\n"
            "\n"
            "asyncio.run(main())\n",
            {
                ParamSpec::boolean("fix", false,
                                   "off-load the blocking call to a thread (asyncio.to_thread)"),
                ParamSpec::real("block_ms", 300, 60, 5000, "how long the blocking call takes (ms)"),
                ParamSpec::integer("tickers", 3, 1, 20, "coroutines that tick meanwhile"),
                ParamSpec::real("tick_ms", 20, 1, 500, "a ticker's period (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const bool fix = params.boolean("fix");
        const double block_ms = params.real("block_ms");
        const auto block = std::chrono::nanoseconds(static_cast<std::int64_t>(block_ms * 1e6));
        const auto tick =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("tick_ms") * 1e6));
        const auto ticks = static_cast<int>(2 * (block + 2 * tick) / tick) + 2;
        double worst_late_ms = 0;

        coro::Loop loop(session);
        auto ticker = [&]() -> coro::Task<void> {
            for (int k = 0; k < ticks; ++k) {
                const auto due = Clock::now() + tick;
                co_await coro::sleep(tick);
                const double late =
                    std::chrono::duration<double, std::milli>(Clock::now() - due).count();
                worst_late_ms = std::max(worst_late_ms, late);
            }
        };
        auto blocker = [&]() -> coro::Task<void> {
            co_await coro::sleep(2 * tick);
            if (fix)
                co_await coro::to_thread([&] { thread::sleep(session, block); });
            else
                thread::sleep(session, block); // time.sleep inside a coroutine
        };
        trace::LaneId blocker_lane = 0;
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::TaskHandle<void>> hs;
            hs.push_back(coro::create_task(blocker(), "blocker"));
            blocker_lane = hs.back().lane();
            for (std::int64_t k = 0; k < params.integer("tickers"); ++k)
                hs.push_back(coro::create_task(ticker(), "ticker-" + std::to_string(k + 1)));
            co_await coro::gather(std::move(hs));
        };
        loop.run(main().named("async main"));

        // The engine's own diagnosis of this run's trace.
        std::size_t blocked_by_blocker = 0;
        for (const auto& d : analysis::find_loop_issues(session.recorder().snapshot()))
            if (d.kind == "loop_blocked" && !d.lanes.empty() && d.lanes[0] == blocker_lane)
                ++blocked_by_blocker;

        Outcome o;
        o.values["fix"] = fix;
        o.values["block_ms"] = block_ms;
        o.values["worst_tick_delay_ms"] = worst_late_ms;
        o.values["loop_blocked_diagnosed"] = blocked_by_blocker > 0;
        char buf[200];
        if (!fix) {
            o.ok = blocked_by_blocker == 1 && worst_late_ms >= block_ms / 2;
            std::snprintf(buf, sizeof buf,
                          "the blocking call held the loop: ticks came up to %.0f ms late, and "
                          "the run was%s diagnosed loop_blocked",
                          worst_late_ms, blocked_by_blocker ? "" : " NOT");
        } else {
            o.ok = blocked_by_blocker == 0;
            std::snprintf(buf, sizeof buf,
                          "the blocking call ran on a worker thread: the loop kept running "
                          "(worst tick delay %.0f ms) and nothing was diagnosed%s",
                          worst_late_ms, blocked_by_blocker ? " — but the loop WAS blocked" : "");
        }
        o.message = buf;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_blocking_in_loop() {
    return std::make_unique<BlockingInLoop>();
}

} // namespace il::scenarios
