// `condition-buffer`: a bounded buffer built by hand from a Lock and two Conditions.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/condition.h"
#include "sync/lock.h"
#include "sync/shared_variable.h"
#include "thread/sleep.h"

#include <deque>
#include <mutex>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class ConditionBuffer final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "condition-buffer",
            "Condition: a bounded buffer by hand",
            "Primitives",
            "A Condition lets a lane sleep until another lane changes shared state and "
            "notifies it. The producer waits on `not_full` while the buffer is full; the "
            "consumer waits on `not_empty` while it is empty. Each wait sits in a `while` "
            "loop, because being woken does not mean the state is what you need.",
            "The consumer is slower, so the buffer fills up to its capacity and the producer "
            "blocks on not_full; every get notifies it (notify -> wake arrows). wait() gives "
            "the lock up while it sleeps and takes it back before returning: watch the lock's "
            "owner change around each wait.",
            "import threading, collections, time\n"
            "\n"
            "buf, CAP = collections.deque(), 5\n"
            "lock = threading.Lock()\n"
            "not_full = threading.Condition(lock)\n"
            "not_empty = threading.Condition(lock)\n"
            "\n"
            "def producer(n):\n"
            "    for i in range(n):\n"
            "        with not_full:\n"
            "            while len(buf) == CAP:\n"
            "                not_full.wait()\n"
            "            buf.append(i)\n"
            "            not_empty.notify()\n"
            "\n"
            "def consumer(n):\n"
            "    for _ in range(n):\n"
            "        with not_empty:\n"
            "            while not buf:\n"
            "                not_empty.wait()\n"
            "            item = buf.popleft()\n"
            "            not_full.notify()\n"
            "        time.sleep(0.002)  # the consumer is slower\n",
            {
                ParamSpec::integer("capacity", 5, 1, 1000, "the buffer's capacity"),
                ParamSpec::integer("items", 40, 1, 100000, "items the producer makes"),
                ParamSpec::real("consume_ms", 2, 0, 1000, "time the consumer spends per item (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto capacity = params.integer("capacity");
        const auto items = params.integer("items");
        const auto consume =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("consume_ms") * 1e6));

        sync::Lock lock(session, "buffer_lock");
        sync::Condition not_full(session, "not_full", lock);
        sync::Condition not_empty(session, "not_empty", lock);
        sync::SharedVariable level(session, "items_in_buffer");
        std::deque<std::int64_t> buf; // guarded by `lock`
        std::int64_t max_level = 0;   // guarded by `lock`
        std::vector<std::int64_t> consumed;

        LaneGroup lanes(session);
        lanes.start("producer", [&] {
            for (std::int64_t i = 0; i < items; ++i) {
                std::unique_lock<sync::Lock> g(lock);
                while (static_cast<std::int64_t>(buf.size()) == capacity)
                    not_full.wait();
                buf.push_back(i);
                max_level = std::max<std::int64_t>(max_level, buf.size());
                level.write(static_cast<std::int64_t>(buf.size()));
                not_empty.notify();
            }
        });
        lanes.start("consumer", [&] {
            for (std::int64_t n = 0; n < items; ++n) {
                {
                    std::unique_lock<sync::Lock> g(lock);
                    while (buf.empty())
                        not_empty.wait();
                    consumed.push_back(buf.front());
                    buf.pop_front();
                    level.write(static_cast<std::int64_t>(buf.size()));
                    not_full.notify();
                }
                thread::sleep(session, consume);
            }
        });
        lanes.join_all();

        bool in_order = static_cast<std::int64_t>(consumed.size()) == items;
        for (std::size_t i = 0; in_order && i < consumed.size(); ++i)
            in_order = consumed[i] == static_cast<std::int64_t>(i);
        Outcome o;
        o.values["produced"] = items;
        o.values["consumed"] = consumed.size();
        o.values["capacity"] = capacity;
        o.values["max_level"] = max_level;
        o.values["in_order"] = in_order;
        o.ok = in_order && max_level <= capacity;
        o.message = o.ok ? "all " + std::to_string(items) +
                               " items consumed once, in order; the buffer peaked at " +
                               std::to_string(max_level) + " of " + std::to_string(capacity)
                         : "buffer broke its contract: peak " + std::to_string(max_level) + " of " +
                               std::to_string(capacity) + ", consumed " +
                               std::to_string(consumed.size()) + " of " + std::to_string(items) +
                               (in_order ? "" : ", out of order");
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_condition_buffer() {
    return std::make_unique<ConditionBuffer>();
}

} // namespace il::scenarios
