// `sleeping-barber`: one barber, a waiting room of `chairs`, customers at random times.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/lock.h"
#include "sync/semaphore.h"
#include "thread/sleep.h"

#include <algorithm>
#include <mutex>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class SleepingBarber final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "sleeping-barber",
            "The sleeping barber",
            "Classic problems",
            "A barber sleeps until a customer arrives; customers who find every waiting chair "
            "taken leave. Dijkstra's solution counts waiting customers under a Lock and uses "
            "Semaphores as signals: `customer_ready` wakes the barber (its count is the queue), "
            "`barber_ready` calls the next customer to the chair, and two more make the cut a "
            "rendezvous, so the barber never starts a new haircut before the last customer sat "
            "down and never lets two share the chair. Without the lock, two customers could "
            "both take the last chair, or the barber could fall asleep with a customer waiting.",
            "The barber's lane alternates between blocked on `customer_ready` (asleep) and "
            "cutting; customers arrive at random moments, some block on `barber_ready` in the "
            "waiting room, and when the room is full newcomers end at once (turned away). Each "
            "release -> acquire arrow on `barber_ready` is the barber calling one customer.",
            "import threading, time, random\n"
            "\n"
            "CHAIRS = 3\n"
            "mutex = threading.Lock()\n"
            "customer_ready = threading.Semaphore(0)  # counts customers waiting\n"
            "barber_ready = threading.Semaphore(0)    # 'next, please'\n"
            "seated = threading.Semaphore(0)\n"
            "haircut_done = threading.Semaphore(0)\n"
            "waiting, served, turned_away, closing = 0, 0, 0, False\n"
            "\n"
            "def barber():\n"
            "    global waiting\n"
            "    while True:\n"
            "        customer_ready.acquire()          # sleep until someone waits\n"
            "        with mutex:\n"
            "            if closing and waiting == 0:\n"
            "                return\n"
            "            waiting -= 1\n"
            "        barber_ready.release()            # call the next customer\n"
            "        seated.acquire()\n"
            "        time.sleep(0.01)                  # cut hair\n"
            "        haircut_done.release()\n"
            "\n"
            "def customer():\n"
            "    global waiting, served, turned_away\n"
            "    with mutex:\n"
            "        if waiting == CHAIRS:\n"
            "            turned_away += 1\n"
            "            return                        # the waiting room is full\n"
            "        waiting += 1\n"
            "    customer_ready.release()              # wake the barber if asleep\n"
            "    barber_ready.acquire()                # wait for my turn\n"
            "    seated.release()\n"
            "    haircut_done.acquire()\n"
            "    with mutex:\n"
            "        served += 1\n"
            "\n"
            "shop = threading.Thread(target=barber)\n"
            "shop.start()\n"
            "rng, customers = random.Random(1), []\n"
            "for _ in range(20):\n"
            "    time.sleep(rng.uniform(0, 0.012))     # customers arrive at random\n"
            "    customers.append(threading.Thread(target=customer))\n"
            "    customers[-1].start()\n"
            "for c in customers: c.join()\n"
            "with mutex:\n"
            "    closing = True\n"
            "customer_ready.release()                  # wake the barber to close\n"
            "shop.join()\n"
            "print(served, 'served,', turned_away, 'turned away')  # they add up to 20\n",
            {
                ParamSpec::integer("customers", 20, 1, 500, "customers who come in"),
                ParamSpec::integer("chairs", 3, 1, 100, "chairs in the waiting room"),
                ParamSpec::real("cut_ms", 10, 0, 1000, "time one haircut takes (ms)"),
                ParamSpec::real("arrival_ms", 6, 0, 1000,
                                "mean time between arrivals (ms; uniform in 0..2x)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000, "seeds the arrival times"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto customers = params.integer("customers");
        const auto chairs = params.integer("chairs");
        const auto cut =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("cut_ms") * 1e6));
        const double arrival_ns = params.real("arrival_ms") * 1e6;
        std::mt19937_64 rng(static_cast<std::uint64_t>(params.integer("seed")));

        sync::Lock mutex(session, "waiting_room");
        sync::Semaphore customer_ready(session, "customer_ready", 0);
        sync::Semaphore barber_ready(session, "barber_ready", 0);
        sync::Semaphore seated(session, "seated", 0);
        sync::Semaphore haircut_done(session, "haircut_done", 0);
        std::int64_t waiting = 0;     // guarded by `mutex`
        std::int64_t max_waiting = 0; // guarded by `mutex`
        std::int64_t turned_away = 0; // guarded by `mutex`
        bool closing = false;         // guarded by `mutex`
        // Plain bookkeeping for the outcome check, not part of the lesson:
        // who sits in the barber's chair, and how often each customer was cut.
        std::mutex book;
        std::int64_t in_chair = 0; // customer number, 0: empty
        std::int64_t shared_chair = 0, served = 0, haircuts = 0;
        std::vector<std::int64_t> cuts(static_cast<std::size_t>(customers) + 1, 0);

        // Declared after every primitive it uses: its lanes are joined first.
        LaneGroup barber_lane(session);
        barber_lane.start("barber", [&] {
            for (;;) {
                customer_ready.acquire();
                {
                    std::lock_guard<sync::Lock> g(mutex);
                    if (closing && waiting == 0)
                        return;
                    --waiting;
                }
                barber_ready.release();
                seated.acquire();
                thread::sleep(session, cut);
                {
                    std::lock_guard g(book);
                    ++cuts[static_cast<std::size_t>(in_chair)];
                    ++haircuts;
                    in_chair = 0;
                }
                haircut_done.release();
            }
        });

        LaneGroup customer_lanes(session);
        for (std::int64_t c = 1; c <= customers; ++c) {
            const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
            thread::sleep(session,
                          std::chrono::nanoseconds(static_cast<std::int64_t>(2 * u * arrival_ns)));
            customer_lanes.start("customer-" + std::to_string(c), [&, c] {
                {
                    std::lock_guard<sync::Lock> g(mutex);
                    if (waiting == chairs) {
                        ++turned_away;
                        return;
                    }
                    ++waiting;
                    max_waiting = std::max(max_waiting, waiting);
                }
                customer_ready.release();
                barber_ready.acquire();
                {
                    std::lock_guard g(book);
                    shared_chair += in_chair != 0;
                    in_chair = c;
                }
                seated.release();
                haircut_done.acquire();
                std::lock_guard g(book);
                ++served;
            });
        }
        customer_lanes.join_all();
        {
            std::lock_guard<sync::Lock> g(mutex);
            closing = true;
        }
        customer_ready.release();
        barber_lane.join_all();

        const auto cut_once = std::count(cuts.begin() + 1, cuts.end(), 1);
        const auto cut_twice =
            std::count_if(cuts.begin() + 1, cuts.end(), [](std::int64_t n) { return n > 1; });
        std::int64_t naps = 0, calls = 0;
        for (const trace::Record& r : session.recorder().snapshot().records) {
            naps += r.kind == trace::Kind::WaitBegin && r.object == customer_ready.id();
            calls += r.kind == trace::Kind::Release && r.object == barber_ready.id();
        }

        Outcome o;
        o.values["customers"] = customers;
        o.values["served"] = served;
        o.values["turned_away"] = turned_away;
        o.values["haircuts"] = haircuts;
        o.values["max_waiting"] = max_waiting;
        o.values["chairs"] = chairs;
        o.values["shared_chair"] = shared_chair;
        o.values["barber_naps"] = naps;
        // Served customers, the barber's haircuts and its recorded calls are
        // three independent counts of the same thing.
        o.ok = served + turned_away == customers && haircuts == served && calls == served &&
               cut_once == served && cut_twice == 0 && shared_chair == 0 && max_waiting <= chairs &&
               cuts[0] == 0;
        if (o.ok) {
            o.message = std::to_string(served) + " customers had a haircut and " +
                        std::to_string(turned_away) + " left because all " +
                        std::to_string(chairs) +
                        " chairs were taken; one at a time in the "
                        "barber's chair, and the barber fell asleep " +
                        (naps == 1 ? std::string("once") : std::to_string(naps) + " times");
        } else {
            o.message =
                "the shop broke its rules: " + std::to_string(served) + " served + " +
                std::to_string(turned_away) + " turned away of " + std::to_string(customers) +
                ", " + std::to_string(haircuts) + " haircuts, " + std::to_string(shared_chair) +
                " times the chair was taken, waiting room peaked at " + std::to_string(max_waiting);
        }
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_sleeping_barber() {
    return std::make_unique<SleepingBarber>();
}

} // namespace il::scenarios
