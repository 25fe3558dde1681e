// `counter`: N threads increment one shared counter, with or without a Lock.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/lock.h"
#include "sync/shared_variable.h"

#include <memory>
#include <mutex>
#include <thread>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class Counter final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "counter",
            "Shared counter: Lock vs race",
            "Threading",
            "`counter += 1` is three steps: read, add, write. When threads interleave those "
            "steps, one thread's write erases another's, and updates are lost. A Lock makes the "
            "three steps one indivisible critical section.",
            "Unlocked: reads and writes of the counter interleave across lanes; every write "
            "marked 'lost' erased updates its lane never saw. Locked: the lock's owner changes "
            "hands and each lane waits its turn; the final count is exact.",
            "import threading, time\n"
            "\n"
            "counter = 0\n"
            "lock = threading.Lock()\n"
            "\n"
            "def work(n, locked):\n"
            "    global counter\n"
            "    for _ in range(n):\n"
            "        if locked:\n"
            "            with lock:\n"
            "                counter += 1\n"
            "        else:\n"
            "            value = counter      # read\n"
            "            time.sleep(0)        # let another thread run\n"
            "            counter = value + 1  # write: may erase an update\n"
            "\n"
            "threads = [threading.Thread(target=work, args=(1000, True)) for _ in range(5)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n"
            "print(counter)  # 5000 with the lock; less without it\n",
            {
                ParamSpec::integer("threads", 5, 1, 64, "threads incrementing the counter"),
                ParamSpec::integer("increments", 1000, 1, 1'000'000, "increments per thread"),
                ParamSpec::boolean("locked", true, "hold a Lock around each read-modify-write"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto threads = params.integer("threads");
        const auto increments = params.integer("increments");
        const bool locked = params.boolean("locked");

        sync::SharedVariable counter(session, "counter");
        sync::Lock lock(session, "counter_lock");

        auto work = [&] {
            for (std::int64_t i = 0; i < increments; ++i) {
                session.check_stop();
                std::unique_lock<sync::Lock> guard(lock, std::defer_lock);
                if (locked)
                    guard.lock();
                std::int64_t value = counter.read();
                // The pause between read and write that Python's bytecode
                // boundaries give: another thread may run here.
                std::this_thread::yield();
                counter.write(value + 1);
            }
        };
        LaneGroup lanes(session);
        for (std::int64_t t = 0; t < threads; ++t)
            lanes.start("worker-" + std::to_string(t + 1), work);
        lanes.join_all();

        const std::int64_t expected = threads * increments;
        const std::int64_t final_value = counter.value();
        const std::int64_t lost = counter.lost_updates();
        Outcome o;
        o.values["final"] = final_value;
        o.values["expected"] = expected;
        o.values["lost_updates"] = lost;
        o.values["locked"] = locked;
        if (locked) {
            o.ok = final_value == expected;
            o.message = o.ok ? "counter reached " + std::to_string(expected) + " exactly"
                             : "counter is " + std::to_string(final_value) + ", expected " +
                                   std::to_string(expected);
        } else {
            // The check for the racy variant: the trace accounts for every lost update.
            o.ok = expected - final_value == lost;
            o.message = std::to_string(lost) + " of " + std::to_string(expected) +
                        " updates were lost to the race (final " + std::to_string(final_value) +
                        ")";
        }
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_counter() {
    return std::make_unique<Counter>();
}

} // namespace il::scenarios
