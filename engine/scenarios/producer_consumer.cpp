// `producer-consumer`: producers and consumers on a bounded Queue, poison-pill shutdown.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/queue.h"
#include "thread/sleep.h"

#include <mutex>

namespace il::scenarios {

namespace {

using namespace il::scenario;

constexpr std::int64_t kPoisonPill = -1;

class ProducerConsumer final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "producer-consumer",
            "Producer-consumer with a bounded Queue",
            "Practice projects",
            "A bounded queue decouples lanes that make work from lanes that do it: producers "
            "block when it is full (back-pressure), consumers block when it is empty. The "
            "queue does all the locking. To shut down, each consumer is sent one poison pill.",
            "The queue's fill level rises to its capacity while consumers are slower, and "
            "producers then block on put; each put -> get arrow follows one item from the "
            "lane that made it to the lane that used it. At the end the pills arrive and "
            "every consumer ends.",
            "import threading, queue, time\n"
            "\n"
            "q = queue.Queue(maxsize=5)\n"
            "PILL = None\n"
            "\n"
            "def producer(start, n):\n"
            "    for i in range(start, start + n):\n"
            "        q.put(i)              # blocks while the queue is full\n"
            "\n"
            "def consumer(seen):\n"
            "    while (item := q.get()) is not PILL:\n"
            "        time.sleep(0.001)     # work on the item\n"
            "        seen.append(item)\n"
            "\n"
            "seen = []\n"
            "producers = [threading.Thread(target=producer, args=(k * 50, 50)) for k in range(2)]\n"
            "consumers = [threading.Thread(target=consumer, args=(seen,)) for _ in range(3)]\n"
            "for t in producers + consumers: t.start()\n"
            "for t in producers: t.join()\n"
            "for _ in consumers: q.put(PILL)   # one pill per consumer\n"
            "for t in consumers: t.join()\n"
            "assert sorted(seen) == list(range(100))\n",
            {
                ParamSpec::integer("producers", 2, 1, 32, "producer threads"),
                ParamSpec::integer("consumers", 3, 1, 32, "consumer threads"),
                ParamSpec::integer("capacity", 5, 1, 10000, "the queue's maxsize"),
                ParamSpec::integer("items", 100, 1, 1000000, "items made, in all"),
                ParamSpec::real("work_ms", 1, 0, 1000, "time a consumer spends per item (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto producers = params.integer("producers");
        const auto consumers = params.integer("consumers");
        const auto capacity = params.integer("capacity");
        const auto items = params.integer("items");
        const auto work =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("work_ms") * 1e6));

        sync::Queue<std::int64_t> q(session, "queue", static_cast<std::size_t>(capacity));
        std::mutex seen_mutex; // plain bookkeeping for the outcome check, not part of the lesson
        std::vector<std::int64_t> times_seen(static_cast<std::size_t>(items), 0);
        std::int64_t pills = 0;

        LaneGroup producer_lanes(session);
        LaneGroup consumer_lanes(session);
        for (std::int64_t c = 0; c < consumers; ++c)
            consumer_lanes.start("consumer-" + std::to_string(c + 1), [&] {
                for (;;) {
                    std::int64_t item = q.get();
                    if (item == kPoisonPill) {
                        std::lock_guard g(seen_mutex);
                        ++pills;
                        return;
                    }
                    thread::sleep(session, work);
                    std::lock_guard g(seen_mutex);
                    ++times_seen[static_cast<std::size_t>(item)];
                }
            });
        // Items are split as evenly as possible among the producers.
        for (std::int64_t p = 0; p < producers; ++p) {
            const std::int64_t begin = items * p / producers;
            const std::int64_t end = items * (p + 1) / producers;
            producer_lanes.start("producer-" + std::to_string(p + 1), [&q, begin, end] {
                for (std::int64_t i = begin; i < end; ++i)
                    q.put(i);
            });
        }
        producer_lanes.join_all();
        for (std::int64_t c = 0; c < consumers; ++c)
            q.put(kPoisonPill);
        consumer_lanes.join_all();

        std::int64_t once = 0, missing = 0, duplicated = 0;
        for (std::int64_t n : times_seen) {
            once += n == 1;
            missing += n == 0;
            duplicated += n > 1;
        }
        Outcome o;
        o.values["produced"] = items;
        o.values["consumed_once"] = once;
        o.values["missing"] = missing;
        o.values["duplicated"] = duplicated;
        o.values["pills"] = pills;
        o.ok = once == items && pills == consumers;
        o.message = o.ok ? "every one of " + std::to_string(items) +
                               " items was consumed exactly once; all " +
                               std::to_string(consumers) + " consumers stopped on their pill"
                         : std::to_string(missing) + " items never consumed, " +
                               std::to_string(duplicated) + " consumed more than once";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_producer_consumer() {
    return std::make_unique<ProducerConsumer>();
}

} // namespace il::scenarios
