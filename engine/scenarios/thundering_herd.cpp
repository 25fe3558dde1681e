// `thundering-herd`: one item at a time, and notify_all() wakes every waiter for it.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/condition.h"
#include "sync/lock.h"
#include "thread/sleep.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class ThunderingHerd final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "thundering-herd",
            "Thundering herd: notify_all vs notify",
            "Classic problems",
            "Idle workers wait on a Condition for work. If the producer wakes all of them with "
            "notify_all() for every single item, they all wake up, queue for the lock, and all "
            "but one find the queue already empty and go back to sleep: a thundering herd of "
            "wasted wake-ups, each a context switch. notify() wakes one waiter per item, which "
            "is all the work there is. The `while` loop around wait() is what keeps the herd "
            "correct, just wasteful.",
            "Herd: each Notify fans out into a Wake on every waiting lane (many arrows from one "
            "point), the lanes then take the lock one after the other, and most go straight "
            "back to waiting. Single: one arrow per item, and the other workers stay blocked. "
            "The outcome counts wake-ups and the wasted ones.",
            "import threading, time, collections\n"
            "\n"
            "WAITERS, ITEMS, HERD = 8, 40, True\n"
            "work = collections.deque()\n"
            "cond = threading.Condition()\n"
            "done = False\n"
            "wakeups = wasted = 0\n"
            "\n"
            "def worker():\n"
            "    global wakeups, wasted\n"
            "    while True:\n"
            "        with cond:\n"
            "            while not work and not done:\n"
            "                cond.wait()\n"
            "                if not done:\n"
            "                    wakeups += 1\n"
            "                    if not work:\n"
            "                        wasted += 1     # woken for nothing: back to sleep\n"
            "            if not work:\n"
            "                return                  # done, and nothing left\n"
            "            item = work.popleft()\n"
            "        time.sleep(0.0002)              # process the item\n"
            "\n"
            "threads = [threading.Thread(target=worker) for _ in range(WAITERS)]\n"
            "for t in threads: t.start()\n"
            "for i in range(ITEMS):\n"
            "    time.sleep(0.002)\n"
            "    with cond:\n"
            "        work.append(i)                  # ONE item ...\n"
            "        if HERD:\n"
            "            cond.notify_all()           # ... wakes everybody\n"
            "        else:\n"
            "            cond.notify()               # ... wakes one\n"
            "with cond:\n"
            "    done = True\n"
            "    cond.notify_all()\n"
            "for t in threads: t.join()\n"
            "print(wakeups, 'wake-ups,', wasted, 'wasted')\n",
            {
                ParamSpec::choice("variant", "herd", {"herd", "single"},
                                  "herd: notify_all() per item; single: notify() per item"),
                ParamSpec::integer("waiters", 8, 2, 64, "worker threads waiting for work"),
                ParamSpec::integer("items", 40, 1, 100000,
                                   "items the producer adds, one at a time"),
                ParamSpec::real("gap_ms", 2, 0, 1000,
                                "mean pause between items (ms; uniform in 0.5..1.5x)"),
                ParamSpec::real("work_ms", 0.2, 0, 1000, "time a worker spends per item (ms)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000, "seeds the pauses"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const bool herd = params.text("variant") == "herd";
        const auto waiters = params.integer("waiters");
        const auto items = params.integer("items");
        const double gap_ns = params.real("gap_ms") * 1e6;
        const auto work =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("work_ms") * 1e6));
        std::mt19937_64 rng(static_cast<std::uint64_t>(params.integer("seed")));

        sync::Lock lock(session, "work_lock");
        sync::Condition work_ready(session, "work_ready", lock);
        sync::Condition drained(session, "drained", lock);
        // Everything below is guarded by `lock`.
        std::deque<std::int64_t> queue;
        bool done = false;
        std::int64_t taken = 0;
        std::int64_t wakeups = 0;      // returns from wait() before shutdown
        std::int64_t wasted = 0;       // ... that found nothing to do
        std::int64_t shutdown = 0;     // returns from wait() that found the producer done
        std::int64_t without_wait = 0; // items taken by a lane that did not wait for them
        std::vector<std::int64_t> times_taken(static_cast<std::size_t>(items), 0);

        LaneGroup lanes(session);
        for (std::int64_t w = 0; w < waiters; ++w)
            lanes.start("worker-" + std::to_string(w + 1), [&] {
                for (;;) {
                    std::unique_lock<sync::Condition> g(work_ready);
                    bool waited = false;
                    while (queue.empty() && !done) {
                        work_ready.wait();
                        waited = true;
                        if (done) {
                            ++shutdown;
                        } else {
                            ++wakeups;
                            wasted += queue.empty();
                        }
                    }
                    if (queue.empty())
                        return; // done, and nothing left
                    ++times_taken[static_cast<std::size_t>(queue.front())];
                    queue.pop_front();
                    without_wait += !waited;
                    if (++taken == items)
                        drained.notify();
                    g.unlock();
                    thread::sleep(session, work);
                }
            });

        for (std::int64_t i = 0; i < items; ++i) {
            const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
            thread::sleep(session,
                          std::chrono::nanoseconds(static_cast<std::int64_t>((0.5 + u) * gap_ns)));
            std::lock_guard<sync::Condition> g(work_ready);
            queue.push_back(i);
            if (herd)
                work_ready.notify_all();
            else
                work_ready.notify();
        }
        {
            // Close only once every item is taken, so that no wake-up after
            // the close can still find work: shutdown and work stay apart.
            std::unique_lock<sync::Condition> g(work_ready);
            while (taken < items)
                drained.wait();
            done = true;
            work_ready.notify_all();
        }
        lanes.join_all();

        std::int64_t once = 0;
        for (std::int64_t n : times_taken)
            once += n == 1;
        std::int64_t notified = 0, wakes = 0, max_per_item = 0;
        std::int64_t item_notifies = 0;
        for (const trace::Record& r : session.recorder().snapshot().records) {
            if (r.object != work_ready.id())
                continue;
            if (r.kind == trace::Kind::Notify) {
                notified += r.c;
                // Every notify but the closing one is for one item.
                if (item_notifies++ < items)
                    max_per_item = std::max<std::int64_t>(max_per_item, r.c);
            }
            wakes += r.kind == trace::Kind::Wake;
        }
        const double wasted_ratio =
            wakeups ? static_cast<double>(wasted) / static_cast<double>(wakeups) : 0.0;

        Outcome o;
        o.values["variant"] = herd ? "herd" : "single";
        o.values["items"] = items;
        o.values["processed_once"] = once;
        o.values["wakeups"] = wakeups;
        o.values["wasted"] = wasted;
        o.values["wasted_pct"] = std::round(wasted_ratio * 1000) / 10;
        o.values["shutdown_wakeups"] = shutdown;
        o.values["taken_without_waiting"] = without_wait;
        o.values["max_woken_per_item"] = max_per_item;
        // The trace's Notify records say how many each woke, and every return
        // from wait() recorded a Wake: both must match the lanes' own count.
        const bool exact = once == items && notified == wakeups + shutdown &&
                           wakes == wakeups + shutdown && item_notifies == items + 1;
        if (herd) {
            // Each item wakes everyone waiting and one of them gets it, so with
            // k lanes waiting k-1 wake-ups are wasted: at least half once two
            // or more wait, which the defaults (8 waiters, work far shorter
            // than the gap between items) make the rule.
            o.ok = exact && wasted > 0 && 2 * wasted >= wakeups;
        } else {
            // notify() wakes at most one lane per item, so a wake-up can only
            // find nothing if a lane that was not waiting took the item first:
            // wasted <= taken_without_waiting always, both usually 0.
            o.ok = exact && max_per_item <= 1 && wasted <= without_wait;
        }
        const std::string counts = std::to_string(wakeups) + " wake-ups for " +
                                   std::to_string(items) + " items, " + std::to_string(wasted) +
                                   " wasted";
        if (!exact)
            o.message = "the counts do not add up: " + std::to_string(once) + " of " +
                        std::to_string(items) + " items taken once, " + std::to_string(wakes) +
                        " Wake records for " + std::to_string(wakeups + shutdown) +
                        " returns from wait()";
        else if (herd)
            o.message = counts +
                        (o.ok ? ": notify_all() woke the herd for every item"
                              : ": too few lanes were waiting to make a herd") +
                        "; every item processed once";
        else
            o.message = counts +
                        (o.ok ? ": notify() woke one lane per item"
                              : ": more wasted wake-ups than notify() can explain") +
                        "; every item processed once";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_thundering_herd() {
    return std::make_unique<ThunderingHerd>();
}

} // namespace il::scenarios
