// `async-producer-consumer`: producer and consumer tasks on a bounded
// asyncio.Queue; join() waits until every item is processed, then the
// consumers are cancelled.
#include "scenarios/all.h"

#include "coro/coro.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class AsyncProducerConsumer final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "async-producer-consumer",
            "Producer-consumer with an asyncio.Queue",
            "Asyncio",
            "asyncio.Queue is the coroutine version of queue.Queue: put() waits while it is "
            "full, get() while it is empty, and both give the loop to other tasks meanwhile. "
            "task_done() and join() tell when every item has been processed, after which the "
            "idle consumers are simply cancelled — their pending get() ends with "
            "CancelledError.",
            "The queue's level rises to maxsize and producers wait on put; every put -> get "
            "arrow follows one item to the consumer task that took it. When main's join "
            "returns, each consumer's last wait (a get) ends cancelled.",
            "import asyncio\n"
            "\n"
            "async def producer(q, start, n):\n"
            "    for i in range(start, start + n):\n"
            "        await q.put(i)                # waits while the queue is full\n"
            "        await asyncio.sleep(0.005)\n"
            "\n"
            "async def consumer(q, seen):\n"
            "    while True:\n"
            "        item = await q.get()\n"
            "        await asyncio.sleep(0.01)     # work on it\n"
            "        seen.append(item)\n"
            "        q.task_done()\n"
            "\n"
            "async def main():\n"
            "    q, seen = asyncio.Queue(maxsize=4), []\n"
            "    consumers = [asyncio.create_task(consumer(q, seen)) for _ in range(3)]\n"
            "    await asyncio.gather(*(producer(q, k * 20, 20) for k in range(2)))\n"
            "    await q.join()                    # every item processed\n"
            "    for c in consumers: c.cancel()\n"
            "    await asyncio.gather(*consumers, return_exceptions=True)\n"
            "    assert sorted(seen) == list(range(40))\n"
            "\n"
            "asyncio.run(main())\n",
            {
                ParamSpec::integer("producers", 2, 1, 32, "producer tasks"),
                ParamSpec::integer("consumers", 3, 1, 32, "consumer tasks"),
                ParamSpec::integer("items", 20, 1, 100000, "items per producer"),
                ParamSpec::integer("maxsize", 4, 0, 10000, "the queue's maxsize (0: unbounded)"),
                ParamSpec::real("produce_ms", 5, 0, 1000, "a producer's pause after each put (ms)"),
                ParamSpec::real("consume_ms", 10, 0, 1000, "a consumer's work per item (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto producers = params.integer("producers");
        const auto items = params.integer("items");
        auto ms = [](double v) {
            return std::chrono::nanoseconds(static_cast<std::int64_t>(v * 1e6));
        };
        const auto produce = ms(params.real("produce_ms"));
        const auto consume = ms(params.real("consume_ms"));

        coro::Loop loop(session);
        coro::Queue<std::int64_t> q(session, "queue",
                                    static_cast<std::size_t>(params.integer("maxsize")));
        std::vector<std::int64_t> seen;
        auto producer = [&](std::int64_t start) -> coro::Task<void> {
            for (std::int64_t i = start; i < start + items; ++i) {
                co_await q.put(i);
                co_await coro::sleep(produce);
            }
        };
        auto consumer = [&]() -> coro::Task<void> {
            for (;;) {
                std::int64_t item = co_await q.get();
                co_await coro::sleep(consume);
                seen.push_back(item);
                q.task_done();
            }
        };
        std::size_t cancelled = 0;
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::TaskHandle<void>> cs;
            for (std::int64_t k = 0; k < params.integer("consumers"); ++k)
                cs.push_back(coro::create_task(consumer(), "consumer-" + std::to_string(k + 1)));
            std::vector<coro::Task<void>> ps;
            for (std::int64_t k = 0; k < producers; ++k)
                ps.push_back(producer(k * items).named("producer-" + std::to_string(k + 1)));
            co_await coro::gather(std::move(ps));
            co_await q.join();
            for (auto& c : cs)
                c.cancel();
            for (const auto& r : co_await coro::gather_return_exceptions(cs))
                cancelled += std::holds_alternative<std::exception_ptr>(r);
        };
        loop.run(main().named("async main"));

        const std::int64_t produced = producers * items;
        std::vector<std::int64_t> sorted = seen;
        std::sort(sorted.begin(), sorted.end());
        std::int64_t duplicates = 0, missing = 0;
        for (std::size_t k = 1; k < sorted.size(); ++k)
            duplicates += sorted[k] == sorted[k - 1];
        for (std::int64_t v = 0; v < produced; ++v)
            missing += !std::binary_search(sorted.begin(), sorted.end(), v);
        std::int64_t peak = 0;
        for (const trace::Record& r : session.recorder().snapshot().records)
            if (r.object == q.id() && r.kind == trace::Kind::Put)
                peak = std::max<std::int64_t>(peak, r.b);

        Outcome o;
        o.values["produced"] = produced;
        o.values["consumed"] = static_cast<std::int64_t>(seen.size());
        o.values["duplicates"] = duplicates;
        o.values["missing"] = missing;
        o.values["peak_size"] = peak;
        o.values["consumers_cancelled"] = static_cast<std::int64_t>(cancelled);
        o.ok = static_cast<std::int64_t>(seen.size()) == produced && duplicates == 0 &&
               missing == 0 && cancelled == static_cast<std::size_t>(params.integer("consumers"));
        o.message = "every one of the " + std::to_string(produced) +
                    " items was consumed exactly once (peak queue size " + std::to_string(peak) +
                    "), then the idle consumers were cancelled";
        if (!o.ok)
            o.message = "consumed " + std::to_string(seen.size()) + " of " +
                        std::to_string(produced) + " items (" + std::to_string(duplicates) +
                        " duplicates, " + std::to_string(missing) + " missing)";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_async_producer_consumer() {
    return std::make_unique<AsyncProducerConsumer>();
}

} // namespace il::scenarios
