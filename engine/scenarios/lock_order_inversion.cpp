// `lock-order-inversion`: two transfers lock two accounts in opposite orders
// and deadlock; one global lock order fixes it.
#include "scenarios/all.h"

#include "scenarios/deadlock_judge.h"
#include "scenarios/lanes.h"
#include "sync/barrier.h"
#include "sync/lock.h"
#include "sync/shared_variable.h"
#include "thread/sleep.h"

#include <mutex>
#include <optional>

namespace il::scenarios {

namespace {

using namespace il::scenario;

constexpr std::int64_t kOpening = 1000; // each account's opening balance
constexpr std::int64_t kAtoB = 10;      // moved per transfer from account_a to account_b
constexpr std::int64_t kBtoA = 7;       // moved per transfer back

class LockOrderInversion final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "lock-order-inversion",
            "Lock order inversion: two locks, two threads",
            "Classic problems",
            "A transfer locks both accounts it touches. If one thread locks account_a then "
            "account_b while another locks account_b then account_a, each can end up holding "
            "the lock the other needs: a deadlock of two. The fix is one global order — every "
            "thread takes account_a before account_b, whichever way the money moves — so no "
            "thread ever holds the second lock while waiting for the first.",
            "inverted: each transfer holds its first account (a Barrier makes sure both do "
            "before either reaches for its second, so it happens every run) and then waits for "
            "the other's: the engine reports the two-lane cycle transfer-a-to-b -> account_b "
            "-> transfer-b-to-a -> account_a and stops the run. ordered: the second transfer "
            "waits for account_a while the first finishes; the balances come out exact.",
            "import threading, time\n"
            "\n"
            "balance = {'a': 1000, 'b': 1000}\n"
            "locks = {'a': threading.Lock(), 'b': threading.Lock()}\n"
            "\n"
            "def transfer(src, dst, amount, n, ordered):\n"
            "    for _ in range(n):\n"
            "        first, second = (sorted((src, dst)) if ordered else (src, dst))\n"
            "        with locks[first]:\n"
            "            time.sleep(0.01)   # the other thread takes its first lock here\n"
            "            with locks[second]:\n"
            "                balance[src] -= amount\n"
            "                balance[dst] += amount\n"
            "\n"
            "ordered = True   # False: both threads hang, each holding one lock\n"
            "t1 = threading.Thread(target=transfer, args=('a', 'b', 10, 3, ordered))\n"
            "t2 = threading.Thread(target=transfer, args=('b', 'a', 7, 3, ordered))\n"
            "t1.start(); t2.start(); t1.join(); t2.join()\n"
            "print(balance)   # {'a': 991, 'b': 1009}\n",
            {
                ParamSpec::choice("variant", "inverted", {"inverted", "ordered"},
                                  "inverted deadlocks; ordered takes account_a first always"),
                ParamSpec::integer("transfers", 3, 1, 100000, "transfers each thread makes"),
                ParamSpec::real("pause_ms", 10, 0, 1000,
                                "pause between taking the first and the second lock (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string& variant = params.text("variant");
        const bool inverted = variant == "inverted";
        const auto transfers = params.integer("transfers");
        const auto pause =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("pause_ms") * 1e6));

        sync::Lock lock_a(session, "account_a");
        sync::Lock lock_b(session, "account_b");
        sync::SharedVariable balance_a(session, "balance_a", kOpening);
        sync::SharedVariable balance_b(session, "balance_b", kOpening);
        std::optional<sync::Barrier> both_hold_first;
        if (inverted)
            both_hold_first.emplace(session, "both-hold-first", 2);

        auto transfer = [&](sync::Lock& src_lock, sync::SharedVariable& src, sync::Lock& dst_lock,
                            sync::SharedVariable& dst, std::int64_t amount) {
            // Ordered: account_a first, whichever way the money moves.
            sync::Lock& first = inverted || &src_lock == &lock_a ? src_lock : dst_lock;
            sync::Lock& second = &first == &src_lock ? dst_lock : src_lock;
            for (std::int64_t t = 0; t < transfers; ++t) {
                std::unique_lock<sync::Lock> g1(first);
                if (both_hold_first && t == 0)
                    both_hold_first->wait();
                thread::sleep(session, pause);
                std::unique_lock<sync::Lock> g2(second);
                src.write(src.read() - amount);
                dst.write(dst.read() + amount);
            }
        };
        LaneGroup lanes(session);
        lanes.start("transfer-a-to-b",
                    [&] { transfer(lock_a, balance_a, lock_b, balance_b, kAtoB); });
        lanes.start("transfer-b-to-a",
                    [&] { transfer(lock_b, balance_b, lock_a, balance_a, kBtoA); });
        lanes.join_all();

        const std::int64_t want_a = kOpening - transfers * kAtoB + transfers * kBtoA;
        const std::int64_t want_b = kOpening + transfers * kAtoB - transfers * kBtoA;
        Outcome o;
        o.values["variant"] = variant;
        o.values["balance_a"] = balance_a.value();
        o.values["balance_b"] = balance_b.value();
        o.values["expected_a"] = want_a;
        o.values["expected_b"] = want_b;
        o.values["lost_updates"] = balance_a.lost_updates() + balance_b.lost_updates();
        if (inverted) {
            o.ok = false;
            o.message = "the inverted variant finished, but it should have deadlocked";
            return o;
        }
        o.ok = balance_a.value() == want_a && balance_b.value() == want_b;
        o.message = (o.ok ? "no deadlock; balances exact: a = " : "balances wrong: a = ") +
                    std::to_string(balance_a.value()) +
                    ", b = " + std::to_string(balance_b.value()) + " (expected " +
                    std::to_string(want_a) + " and " + std::to_string(want_b) + ")";
        return o;
    }

    Outcome judge_stopped(const Params& params,
                          const std::vector<analysis::Diagnostic>& found) const override {
        const std::string& variant = params.text("variant");
        if (variant != "inverted")
            return judge_unexpected_stop(found, variant);
        // Only the two transfers take the two account locks.
        Outcome o = judge_expected_cycle(found, 2, 2, "both transfers and both account locks");
        o.values["variant"] = variant;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_lock_order_inversion() {
    return std::make_unique<LockOrderInversion>();
}

} // namespace il::scenarios
