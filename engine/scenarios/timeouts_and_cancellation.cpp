// `timeouts-and-cancellation`: wait_for times out slow jobs (cancelling
// what they await), and task.cancel() reaches tasks stuck on an Event and a
// Queue at their await.
#include "scenarios/all.h"

#include "coro/coro.h"

#include <chrono>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class TimeoutsAndCancellation final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "timeouts-and-cancellation",
            "Timeouts and cancellation",
            "Asyncio",
            "asyncio.wait_for(aw, timeout) gives up on an awaitable that takes too long: it "
            "cancels the operation being awaited — a CancelledError is raised at that await, "
            "so cleanup code runs — and raises TimeoutError. task.cancel() does the same to "
            "a whole task, wherever it is waiting: on a sleep, a lock, an event, a queue or a "
            "socket.",
            "The fast jobs' sleeps end normally; the slow jobs' sleeps end early, exactly at "
            "the timeout. The two stuck tasks wait on an event and a queue nobody feeds until "
            "main cancels them: their waits end cancelled, and main's awaits of them end "
            "with the arrows from their ends.",
            "import asyncio\n"
            "\n"
            "async def job(seconds):\n"
            "    await asyncio.sleep(seconds)\n"
            "    return seconds\n"
            "\n"
            "async def stuck(awaitable):\n"
            "    try:\n"
            "        await awaitable                 # nobody will ever answer\n"
            "    except asyncio.CancelledError:\n"
            "        print(\"cancelled at the await, cleaning up\")\n"
            "        raise\n"
            "\n"
            "async def main():\n"
            "    jobs = [asyncio.wait_for(job(0.1 * (i + 0.5) / 3), timeout=0.1) for i in "
            "range(6)]\n"
            "    results = await asyncio.gather(*jobs, return_exceptions=True)\n"
            "    print(sum(isinstance(r, asyncio.TimeoutError) for r in results), \"timed out\")\n"
            "    tasks = [asyncio.create_task(stuck(asyncio.Event().wait())),\n"
            "             asyncio.create_task(stuck(asyncio.Queue().get()))]\n"
            "    await asyncio.sleep(0.05)\n"
            "    for t in tasks: t.cancel()\n"
            "    await asyncio.gather(*tasks, return_exceptions=True)\n"
            "\n"
            "asyncio.run(main())\n",
            {
                ParamSpec::integer("jobs", 6, 1, 100,
                                   "jobs under wait_for; their lengths spread from 1/6 to "
                                   "11/6 of the timeout"),
                ParamSpec::real("timeout_ms", 100, 5, 10000, "wait_for's timeout (ms)"),
                ParamSpec::real("cancel_after_ms", 50, 0, 10000,
                                "when main cancels the two stuck tasks (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto jobs = params.integer("jobs");
        const double timeout_ms = params.real("timeout_ms");
        auto ms = [](double v) {
            return std::chrono::nanoseconds(static_cast<std::int64_t>(v * 1e6));
        };
        // Lengths (k + 0.5) / (jobs / 2) of the timeout: half of them beat it.
        std::vector<double> lengths;
        std::int64_t expected_timeouts = 0;
        for (std::int64_t k = 0; k < jobs; ++k) {
            lengths.push_back(timeout_ms * (static_cast<double>(k) + 0.5) /
                              (static_cast<double>(jobs) / 2));
            expected_timeouts += lengths.back() > timeout_ms;
        }

        coro::Loop loop(session);
        coro::Event never_set(session, "never set");
        coro::Queue<int> never_fed(session, "never fed");
        std::int64_t finished = 0, timed_out = 0, cancelled = 0, cleanups = 0;
        auto job = [&](double length) -> coro::Task<double> {
            co_await coro::sleep(ms(length));
            co_return length;
        };
        auto stuck_on_event = [&]() -> coro::Task<void> {
            try {
                co_await never_set.wait();
            } catch (const CancelledError&) {
                ++cleanups;
                throw;
            }
        };
        auto stuck_on_queue = [&]() -> coro::Task<void> {
            try {
                co_await never_fed.get();
            } catch (const CancelledError&) {
                ++cleanups;
                throw;
            }
        };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::Task<double>> limited;
            for (std::int64_t k = 0; k < jobs; ++k)
                limited.push_back(
                    coro::wait_for(job(lengths[static_cast<std::size_t>(k)]), ms(timeout_ms))
                        .named("job-" + std::to_string(k + 1)));
            for (const auto& r : co_await coro::gather_return_exceptions(std::move(limited))) {
                if (std::holds_alternative<double>(r)) {
                    ++finished;
                    continue;
                }
                try {
                    std::rethrow_exception(std::get<std::exception_ptr>(r));
                } catch (const TimeoutError&) {
                    ++timed_out;
                }
            }
            std::vector<coro::TaskHandle<void>> stuck{
                coro::create_task(stuck_on_event(), "stuck-on-event"),
                coro::create_task(stuck_on_queue(), "stuck-on-queue")};
            co_await coro::sleep(ms(params.real("cancel_after_ms")));
            for (auto& t : stuck)
                t.cancel();
            for (auto& t : stuck) {
                try {
                    co_await t;
                } catch (const CancelledError&) {
                    ++cancelled;
                }
            }
        };
        loop.run(main().named("async main"));

        Outcome o;
        o.values["jobs"] = jobs;
        o.values["finished"] = finished;
        o.values["timed_out"] = timed_out;
        o.values["expected_timeouts"] = expected_timeouts;
        o.values["cancelled"] = cancelled;
        o.values["cleanups_run"] = cleanups;
        o.ok = finished + timed_out == jobs && timed_out == expected_timeouts && cancelled == 2 &&
               cleanups == 2;
        o.message = std::to_string(finished) + " jobs finished in time, " +
                    std::to_string(timed_out) + " timed out (their sleeps were cancelled), and " +
                    std::to_string(cancelled) +
                    " stuck tasks were cancelled at their awaits (cleanup ran in " +
                    std::to_string(cleanups) + ")";
        if (!o.ok)
            o.message += "; expected " + std::to_string(jobs - expected_timeouts) + " / " +
                         std::to_string(expected_timeouts) + " / 2";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_timeouts_and_cancellation() {
    return std::make_unique<TimeoutsAndCancellation>();
}

} // namespace il::scenarios
