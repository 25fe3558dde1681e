// `dining-philosophers`: N philosophers, N forks (Locks); the naive order
// deadlocks, and three classic fixes finish every meal.
#include "scenarios/all.h"

#include "scenarios/deadlock_judge.h"
#include "scenarios/lanes.h"
#include "sync/barrier.h"
#include "sync/lock.h"
#include "sync/semaphore.h"
#include "thread/sleep.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;

std::chrono::nanoseconds ms(double v) {
    return std::chrono::nanoseconds(static_cast<std::int64_t>(v * 1e6));
}

class DiningPhilosophers final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "dining-philosophers",
            "Dining philosophers: deadlock and three fixes",
            "Classic problems",
            "N philosophers sit around a table with one fork between neighbours; to eat, a "
            "philosopher needs both forks. If each one picks up the left fork and then waits "
            "for the right one, every fork is held and every philosopher waits for a "
            "neighbour: a cycle of waits, a deadlock, and nobody ever eats. Three fixes break "
            "the cycle: take the lower-numbered fork first (a global lock order), let a butler "
            "seat at most N-1 at once, or give the left fork back when the right one is taken "
            "and try again later.",
            "naive: every philosopher holds its left fork (a Barrier makes sure all of them do "
            "before anyone reaches right, so the worst interleaving happens every time), then "
            "each one waits for the fork its neighbour holds. The engine finds the wait-for "
            "cycle — philosopher-1 -> fork-2 -> philosopher-2 -> ... -> fork-1 -> "
            "philosopher-1 — reports it and stops the run. ordered: the last philosopher "
            "reaches for fork-1 first, so one fork stays free and the cycle cannot close. "
            "butler: the butler semaphore's permits never all go out. trylock: failed tries "
            "and backing off show up as short holds of a single fork.",
            "import threading, time, random\n"
            "\n"
            "N, MEALS = 5, 3\n"
            "forks = [threading.Lock() for _ in range(N)]\n"
            "butler = threading.Semaphore(N - 1)\n"
            "\n"
            "def philosopher(i, variant):\n"
            "    left, right = forks[i], forks[(i + 1) % N]\n"
            "    if variant == 'ordered' and i == N - 1:\n"
            "        left, right = right, left   # lower-numbered fork first\n"
            "    for _ in range(MEALS):\n"
            "        time.sleep(0.005)           # think\n"
            "        if variant == 'butler':\n"
            "            butler.acquire()\n"
            "        while True:\n"
            "            left.acquire()\n"
            "            time.sleep(0.01)        # everyone has time to grab a fork\n"
            "            if variant != 'trylock':\n"
            "                right.acquire()     # naive: waits forever\n"
            "                break\n"
            "            if right.acquire(blocking=False):\n"
            "                break\n"
            "            left.release()          # give it back, retry later\n"
            "            time.sleep(random.uniform(0.005, 0.015))\n"
            "        time.sleep(0.005)           # eat\n"
            "        right.release()\n"
            "        left.release()\n"
            "        if variant == 'butler':\n"
            "            butler.release()\n"
            "\n"
            "variant = 'ordered'   # 'naive' hangs: every philosopher holds one fork\n"
            "threads = [threading.Thread(target=philosopher, args=(i, variant))\n"
            "           for i in range(N)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n",
            {
                ParamSpec::integer("philosophers", 5, 2, 32, "philosophers (and forks)"),
                ParamSpec::integer("meals", 3, 1, 10000, "meals each philosopher eats"),
                ParamSpec::choice("variant", "naive", {"naive", "ordered", "butler", "trylock"},
                                  "naive deadlocks; ordered, butler and trylock are the fixes"),
                ParamSpec::real("think_ms", 5, 0, 1000, "thinking time before each meal (ms)"),
                ParamSpec::real("eat_ms", 5, 0, 1000, "eating time, holding both forks (ms)"),
                ParamSpec::real("pause_ms", 10, 0, 1000,
                                "pause between picking up the first and the second fork (ms)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000,
                                   "seed of the thinking and back-off jitter"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto n = params.integer("philosophers");
        const auto meals = params.integer("meals");
        const std::string& variant = params.text("variant");
        const double think_ms = params.real("think_ms");
        const auto eat = ms(params.real("eat_ms"));
        const double pause_ms = params.real("pause_ms");
        const auto seed = params.integer("seed");

        std::vector<std::unique_ptr<sync::Lock>> forks;
        for (std::int64_t f = 0; f < n; ++f)
            forks.push_back(std::make_unique<sync::Lock>(session, "fork-" + std::to_string(f + 1)));
        // Only the variants that use them get them, so the trace shows no idle objects.
        std::optional<sync::Semaphore> butler;
        if (variant == "butler")
            butler.emplace(session, "butler", n - 1);
        std::optional<sync::Barrier> all_hold_left;
        if (variant == "naive")
            all_hold_left.emplace(session, "all-hold-left", static_cast<int>(n));

        std::vector<std::int64_t> eaten(static_cast<std::size_t>(n), 0); // slot i: lane i only
        std::atomic<std::int64_t> retries{0};

        auto philosopher = [&](std::int64_t i) {
            std::mt19937 rng(static_cast<std::uint32_t>(seed * 7919 + i));
            std::uniform_real_distribution<double> jitter(0.5, 1.5);
            sync::Lock* left = forks[static_cast<std::size_t>(i)].get();
            sync::Lock* right = forks[static_cast<std::size_t>((i + 1) % n)].get();
            sync::Lock* first = left;
            sync::Lock* second = right;
            if (variant == "ordered" && i == n - 1)
                std::swap(first, second); // fork-1 before fork-N
            for (std::int64_t m = 0; m < meals; ++m) {
                thread::sleep(session, ms(think_ms * jitter(rng)));
                std::unique_lock<sync::Semaphore> seat;
                if (butler)
                    seat = std::unique_lock<sync::Semaphore>(*butler);
                if (variant == "trylock") {
                    for (;;) {
                        std::unique_lock<sync::Lock> a(*left);
                        thread::sleep(session, ms(pause_ms));
                        std::unique_lock<sync::Lock> b(*right, std::try_to_lock);
                        if (b.owns_lock()) {
                            thread::sleep(session, eat);
                            break;
                        }
                        a.unlock();
                        ++retries;
                        // Random back-off: neighbours that retry in step would fail forever.
                        thread::sleep(session, ms(std::max(pause_ms, 1.0) * jitter(rng)));
                    }
                } else {
                    std::unique_lock<sync::Lock> a(*first);
                    if (all_hold_left && m == 0)
                        all_hold_left->wait();
                    thread::sleep(session, ms(pause_ms));
                    std::unique_lock<sync::Lock> b(*second);
                    thread::sleep(session, eat);
                }
                ++eaten[static_cast<std::size_t>(i)];
            }
        };
        LaneGroup lanes(session);
        for (std::int64_t i = 0; i < n; ++i)
            lanes.start("philosopher-" + std::to_string(i + 1),
                        [&philosopher, i] { philosopher(i); });
        lanes.join_all();

        std::int64_t total = 0;
        bool everyone = true;
        for (std::int64_t e : eaten) {
            total += e;
            everyone = everyone && e == meals;
        }
        Outcome o;
        o.values["variant"] = variant;
        o.values["meals_eaten"] = total;
        o.values["expected"] = n * meals;
        o.values["retries"] = retries.load();
        o.values["per_philosopher"] = eaten;
        o.ok = total == n * meals && everyone;
        if (variant == "naive") {
            // The naive order can only finish if the engine failed to stop it.
            o.ok = false;
            o.message = "the naive variant finished, but it should have deadlocked";
        } else if (o.ok) {
            o.message = "all " + std::to_string(n) + " philosophers ate " + std::to_string(meals) +
                        " meals each (" + variant + ", no deadlock" +
                        (variant == "trylock" ? ", " + std::to_string(retries.load()) + " retries"
                                              : std::string()) +
                        ")";
        } else {
            o.message = std::to_string(total) + " of " + std::to_string(n * meals) + " meals eaten";
        }
        return o;
    }

    Outcome judge_stopped(const Params& params,
                          const std::vector<analysis::Diagnostic>& found) const override {
        const std::string& variant = params.text("variant");
        if (variant != "naive")
            return judge_unexpected_stop(found, variant);
        // Only philosophers wait for forks, so a cycle of N lanes over N
        // locks is every philosopher and every fork.
        const auto n = static_cast<std::size_t>(params.integer("philosophers"));
        Outcome o = judge_expected_cycle(found, n, n,
                                         "all " + std::to_string(n) + " philosophers and all " +
                                             std::to_string(n) + " forks");
        o.values["variant"] = variant;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_dining_philosophers() {
    return std::make_unique<DiningPhilosophers>();
}

} // namespace il::scenarios
