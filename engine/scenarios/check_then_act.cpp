// `check-then-act`: "if key not in cache: cache[key] = expensive(key)" raced by
// several lanes, and the fix that makes check and insert one critical section.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/event.h"
#include "sync/lock.h"
#include "thread/sleep.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class CheckThenAct final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "check-then-act",
            "Check-then-act: a race on a cache",
            "Classic problems",
            "`if key not in cache: cache[key] = expensive(key)` is two steps: a check and an "
            "act. Each may be locked on its own, but between them another lane can make the "
            "same check, see the same miss, and start the same expensive computation: the "
            "work is done twice and one result overwrites the other. The fix makes check and "
            "insert one critical section, so the first lane to miss computes while the "
            "others wait and then find the value.",
            "Racy: the lock is held only for an instant; the lanes' `expensive` sleeps for "
            "the same key overlap, and every 'computed again' mark is wasted work (with more "
            "threads than keys it happens in the first round already). Locked: the lock is "
            "held for the whole computation, so lanes queue on it and each key is computed "
            "exactly once; but misses of different keys are serialised too (a lock or a "
            "Future per key would keep them parallel).",
            "import threading, time, random\n"
            "\n"
            "cache, lock = {}, threading.Lock()\n"
            "computed = []                       # every call of expensive()\n"
            "go = threading.Event()\n"
            "\n"
            "def expensive(key):\n"
            "    time.sleep(0.005)               # a slow query, a download...\n"
            "    computed.append(key)\n"
            "    return key * key\n"
            "\n"
            "def get_racy(key):\n"
            "    with lock:\n"
            "        present = key in cache      # check ...\n"
            "    if not present:\n"
            "        value = expensive(key)      # ... others may be computing it too\n"
            "        with lock:\n"
            "            cache[key] = value      # ... act\n"
            "\n"
            "def get_locked(key):\n"
            "    with lock:                      # check and act in one critical section\n"
            "        if key not in cache:\n"
            "            cache[key] = expensive(key)\n"
            "\n"
            "def handler(seed, get):\n"
            "    keys = list(range(4))\n"
            "    random.Random(seed).shuffle(keys)\n"
            "    go.wait()                       # all handlers start together\n"
            "    for key in keys:\n"
            "        get(key)\n"
            "\n"
            "threads = [threading.Thread(target=handler, args=(s, get_racy)) for s in range(6)]\n"
            "for t in threads: t.start()\n"
            "go.set()\n"
            "for t in threads: t.join()\n"
            "print(len(computed) - len(cache), 'duplicate computations')  # 0 with get_locked\n",
            {
                ParamSpec::choice("variant", "racy", {"racy", "locked"},
                                  "racy: check and insert in separate critical sections; "
                                  "locked: both in one"),
                ParamSpec::integer("threads", 6, 2, 64, "lanes looking keys up"),
                ParamSpec::integer("keys", 4, 1, 1000, "distinct keys; each lane asks for each"),
                ParamSpec::real("compute_ms", 5, 0.1, 1000, "time expensive(key) takes (ms)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000, "seeds each lane's key order"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const bool racy = params.text("variant") == "racy";
        const auto threads = params.integer("threads");
        const auto keys = params.integer("keys");
        const auto compute =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("compute_ms") * 1e6));
        const auto seed = static_cast<std::uint64_t>(params.integer("seed"));

        trace::Registry& reg = session.registry();
        const trace::ObjectId computed_mark =
            reg.add_object(trace::ObjectKind::Annotation, "expensive(key) computed");
        const trace::ObjectId duplicate_mark =
            reg.add_object(trace::ObjectKind::Annotation, "computed again: wasted work");

        sync::Lock lock(session, "cache_lock");
        sync::Event go(session, "go");
        std::map<std::int64_t, std::int64_t> cache; // guarded by `lock`
        std::int64_t hits = 0, misses = 0;          // guarded by `lock`
        std::int64_t overwrites = 0;                // inserts that found the key: guarded by `lock`
        // Plain bookkeeping for the outcome check, not part of the lesson.
        std::mutex book;
        std::vector<std::int64_t> computations(static_cast<std::size_t>(keys), 0);

        auto expensive = [&](std::int64_t key) {
            thread::sleep(session, compute);
            std::int64_t n = 0;
            {
                std::lock_guard g(book);
                n = ++computations[static_cast<std::size_t>(key)];
            }
            session.recorder().record(trace::Kind::Mark, computed_mark, key);
            if (n > 1)
                session.recorder().record(trace::Kind::Mark, duplicate_mark, key);
            return key * key;
        };
        auto get_racy = [&](std::int64_t key) {
            bool present = false;
            {
                std::lock_guard<sync::Lock> g(lock);
                present = cache.contains(key);
                ++(present ? hits : misses);
            }
            if (present)
                return;
            // The gap: another lane may check the same key now and miss too.
            const std::int64_t value = expensive(key);
            std::lock_guard<sync::Lock> g(lock);
            overwrites += cache.contains(key);
            cache[key] = value;
        };
        auto get_locked = [&](std::int64_t key) {
            std::lock_guard<sync::Lock> g(lock);
            if (cache.contains(key)) {
                ++hits;
                return;
            }
            ++misses;
            cache[key] = expensive(key);
        };

        LaneGroup lanes(session);
        for (std::int64_t t = 0; t < threads; ++t) {
            // Every lane asks for every key once, in its own seeded order.
            std::vector<std::int64_t> order(static_cast<std::size_t>(keys));
            std::iota(order.begin(), order.end(), 0);
            std::mt19937_64 rng(seed * 1'000'003 + static_cast<std::uint64_t>(t));
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[rng() % i]);
            lanes.start("handler-" + std::to_string(t + 1), [&, order = std::move(order)] {
                go.wait(); // a burst: all handlers start together
                for (std::int64_t key : order)
                    racy ? get_racy(key) : get_locked(key);
            });
        }
        go.set();
        lanes.join_all();

        const std::int64_t total =
            std::accumulate(computations.begin(), computations.end(), std::int64_t(0));
        const auto missing = std::count(computations.begin(), computations.end(), 0);
        const std::int64_t duplicates = total - (keys - missing);
        std::int64_t marks = 0;
        for (const trace::Record& r : session.recorder().snapshot().records)
            marks += r.kind == trace::Kind::Mark && r.object == computed_mark;

        Outcome o;
        o.values["variant"] = racy ? "racy" : "locked";
        o.values["lookups"] = threads * keys;
        o.values["keys"] = keys;
        o.values["computations"] = total;
        o.values["duplicates"] = duplicates;
        o.values["overwrites"] = overwrites;
        o.values["hits"] = hits;
        o.values["misses"] = misses;
        o.values["cached"] = cache.size();
        // Every count is checked against another one that was made independently:
        // the computations against the misses and the trace's marks, and in the
        // racy variant the duplicates against the inserts that found the key.
        const bool consistent = missing == 0 && static_cast<std::int64_t>(cache.size()) == keys &&
                                hits + misses == threads * keys && misses == total &&
                                marks == total;
        if (!consistent) {
            o.ok = false;
            o.message = "the counts do not add up: " + std::to_string(total) + " computations, " +
                        std::to_string(misses) + " misses, " + std::to_string(marks) + " marks, " +
                        std::to_string(cache.size()) + " of " + std::to_string(keys) +
                        " keys cached";
        } else if (racy) {
            o.ok = duplicates > 0 && duplicates == overwrites;
            o.message = std::to_string(duplicates) + " of " + std::to_string(total) +
                        " computations were wasted: a key another lane was already computing";
            if (duplicates == 0)
                o.message = "no lane happened to miss a key another lane was computing; use "
                            "more threads than keys to make the race certain";
            else if (duplicates != overwrites)
                o.message += ", but " + std::to_string(overwrites) + " inserts overwrote a value";
        } else {
            o.ok = duplicates == 0 && total == keys;
            o.message =
                o.ok ? "each of " + std::to_string(keys) +
                           " keys was computed exactly "
                           "once for " +
                           std::to_string(threads * keys) + " lookups"
                     : std::to_string(duplicates) + " duplicate computations despite the lock";
        }
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_check_then_act() {
    return std::make_unique<CheckThenAct>();
}

} // namespace il::scenarios
