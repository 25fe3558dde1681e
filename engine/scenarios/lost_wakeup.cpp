// `lost-wakeup`: the two classic Condition mistakes — `if` instead of
// `while` around wait(), and a notify that comes before the wait — and their fixes.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/condition.h"
#include "sync/lock.h"

#include <deque>
#include <mutex>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class LostWakeup final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "lost-wakeup",
            "Lost wake-ups: `if` vs `while`, notify before wait",
            "Classic problems",
            "A Condition does not remember anything: a wake-up only says \"look again\". With "
            "two consumers and notify_all, both wake for one item; the one that gets the lock "
            "second finds the buffer empty again. Waiting under `if` trusts the wake-up and "
            "pops from an empty buffer; waiting under `while` checks again and goes back to "
            "sleep. And a notify that happens while nobody waits is simply lost: a waiter that "
            "arrives later sleeps until its timeout (or forever). The fix for both is the same: "
            "wait for a condition on shared state (a flag, the buffer's size), not for a "
            "notification — Condition.wait_for(predicate).",
            "if-wait: each item's notify_all -> wake arrows reach both consumers; the second "
            "one to take buffer_lock back finds nothing and a 'popped from empty buffer' mark "
            "appears on its lane. while-wait: the same wake-ups, but the loser goes straight "
            "back to waiting. notify-before-wait: the notifier's Notify wakes nobody (0 "
            "waiters); the waiter's wait on `ready` runs until patience_ms and ends in a "
            "timeout. predicate: the waiter sees the flag already set and never waits.",
            "import threading, collections, time\n"
            "\n"
            "buf = collections.deque()\n"
            "cond = threading.Condition()\n"
            "done, errors = False, 0\n"
            "\n"
            "def consumer():\n"
            "    global errors\n"
            "    while True:\n"
            "        with cond:\n"
            "            if not buf and not done:   # BUG: `while` would check again\n"
            "                cond.wait()\n"
            "            if done and not buf:\n"
            "                return\n"
            "            try:\n"
            "                buf.popleft()\n"
            "            except IndexError:         # the other consumer got it first\n"
            "                errors += 1\n"
            "\n"
            "consumers = [threading.Thread(target=consumer) for _ in range(2)]\n"
            "for t in consumers: t.start()\n"
            "for i in range(5):\n"
            "    time.sleep(0.05)                   # let both consumers fall asleep\n"
            "    with cond:\n"
            "        buf.append(i)\n"
            "        cond.notify_all()              # wakes both; one item\n"
            "time.sleep(0.05)\n"
            "with cond:\n"
            "    done = True\n"
            "    cond.notify_all()\n"
            "for t in consumers: t.join()\n"
            "print('popped from empty buffer:', errors)\n"
            "\n"
            "# Notify before wait: nobody is waiting, so the notification is lost.\n"
            "ready = threading.Condition()\n"
            "with ready:\n"
            "    ready.notify()\n"
            "with ready:\n"
            "    print('woken:', ready.wait(timeout=0.3))   # False: timed out\n"
            "# Fix: set a flag with the notify; wait with ready.wait_for(lambda: flag)\n",
            {
                ParamSpec::choice("variant", "if-wait",
                                  {"if-wait", "while-wait", "notify-before-wait", "predicate"},
                                  "if-wait and notify-before-wait are the bugs; while-wait and "
                                  "predicate their fixes"),
                ParamSpec::integer("consumers", 2, 2, 16, "consumers sharing one buffer"),
                ParamSpec::integer("items", 5, 1, 10000, "items produced, one at a time"),
                ParamSpec::real("patience_ms", 300, 1, 60000,
                                "how long the late waiter waits before it gives up (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string& variant = params.text("variant");
        if (variant == "if-wait" || variant == "while-wait")
            return run_buffer(session, params, variant == "while-wait");
        return run_late_waiter(session, params, variant == "predicate");
    }

    // With a patience longer than the engine's stall window, the late
    // waiter is what a lost wake-up really is: stuck for good. The engine
    // calls that a stall, which is the bug shown.
    Outcome judge_stopped(const Params& params,
                          const std::vector<analysis::Diagnostic>& found) const override {
        Outcome o;
        const std::string& variant = params.text("variant");
        o.values["variant"] = variant;
        const analysis::Diagnostic* stall = nullptr;
        for (const analysis::Diagnostic& d : found)
            if (d.kind == "stall" && !stall)
                stall = &d;
        o.ok = variant == "notify-before-wait" && stall;
        if (o.ok)
            o.message = "wake-up lost: the notify came before the wait, and the waiter would "
                        "have slept forever (" +
                        stall->message + ")";
        else
            o.message = "the " + variant + " variant must not get stuck, but the run was stopped" +
                        (found.empty() ? std::string() : ": " + found.front().message);
        if (variant == "notify-before-wait")
            o.values["woken"] = false;
        return o;
    }

private:
    // One producer, several consumers, one item per round: every round the
    // producer waits until all consumers are asleep, so every round wakes
    // them all for a single item and the race happens every time.
    static Outcome run_buffer(Session& session, const Params& params, bool use_while) {
        const auto consumers = params.integer("consumers");
        const auto items = params.integer("items");

        sync::Lock lock(session, "buffer_lock");
        sync::Condition not_empty(session, "not_empty", lock);
        sync::Condition all_asleep(session, "all_asleep", lock);
        const trace::ObjectId empty_pop = session.registry().add_object(
            trace::ObjectKind::Annotation, "popped from empty buffer");
        // All guarded by `lock`.
        std::deque<std::int64_t> buf;
        bool done = false;
        std::int64_t asleep = 0, consumed = 0, errors = 0, woke_to_empty = 0;

        auto consumer = [&] {
            for (;;) {
                std::unique_lock<sync::Lock> g(lock);
                auto sleep_until_notified = [&] {
                    ++asleep;
                    all_asleep.notify();
                    not_empty.wait();
                    if (buf.empty() && !done)
                        ++woke_to_empty;
                };
                if (use_while) {
                    while (buf.empty() && !done)
                        sleep_until_notified();
                } else if (buf.empty() && !done) { // the bug: one look, then trust the wake-up
                    sleep_until_notified();
                }
                if (buf.empty()) {
                    if (done)
                        return;
                    // Python raises IndexError here; the scenario counts it and goes on.
                    ++errors;
                    session.recorder().record(trace::Kind::Mark, empty_pop, errors);
                    continue;
                }
                buf.pop_front();
                ++consumed;
            }
        };
        // With the lock held: once every consumer sleeps, change the state
        // and wake them all for it.
        auto when_all_asleep = [&](auto change) {
            all_asleep.wait_for([&] { return asleep == consumers; });
            change();
            // notify_all wakes every sleeper, so none is asleep any more (they
            // still have to take the lock back before they could say so).
            asleep = 0;
            not_empty.notify_all();
        };
        LaneGroup lanes(session);
        for (std::int64_t c = 0; c < consumers; ++c)
            lanes.start("consumer-" + std::to_string(c + 1), consumer);
        lanes.start("producer", [&] {
            for (std::int64_t i = 0; i < items; ++i) {
                std::unique_lock<sync::Lock> g(lock);
                when_all_asleep([&] { buf.push_back(i); });
            }
            std::unique_lock<sync::Lock> g(lock);
            when_all_asleep([&] { done = true; });
        });
        lanes.join_all();

        Outcome o;
        o.values["variant"] = use_while ? "while-wait" : "if-wait";
        o.values["items"] = items;
        o.values["consumed"] = consumed;
        o.values["woke_to_empty"] = woke_to_empty;
        o.values["errors"] = errors;
        if (use_while) {
            o.ok = errors == 0 && consumed == items;
            o.message = o.ok ? std::to_string(woke_to_empty) +
                                   " wake-ups found the buffer empty and went back to waiting; "
                                   "all " +
                                   std::to_string(items) + " items consumed, no error"
                             : std::to_string(errors) + " pops from an empty buffer, " +
                                   std::to_string(consumed) + " of " + std::to_string(items) +
                                   " items consumed";
        } else {
            o.ok = errors > 0 && consumed == items;
            o.message = o.ok ? "bug shown: " + std::to_string(errors) +
                                   " times a consumer woke to an empty buffer and popped from "
                                   "it, because `if` trusted the wake-up"
                             : "the race did not show: " + std::to_string(errors) +
                                   " pops from an empty buffer";
        }
        return o;
    }

    // The notifier runs to its end before the waiter starts, as a scheduler
    // may well arrange: its notification finds nobody waiting.
    static Outcome run_late_waiter(Session& session, const Params& params, bool use_flag) {
        const auto patience =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("patience_ms") * 1e6));

        sync::Lock lock(session, "lock");
        sync::Condition ready(session, "ready", lock);
        const trace::ObjectId lost_mark =
            session.registry().add_object(trace::ObjectKind::Annotation, "wake-up lost");
        bool flag = false;  // guarded by `lock`
        bool woken = false; // written by the waiter, read after its join

        {
            LaneGroup notifier(session);
            notifier.start("notifier", [&] {
                std::unique_lock<sync::Lock> g(lock);
                flag = true; // only the predicate variant looks at it
                ready.notify();
            });
            notifier.join_all();
        }
        LaneGroup waiter(session);
        waiter.start("waiter", [&] {
            std::unique_lock<sync::Lock> g(lock);
            woken =
                use_flag ? ready.wait_for([&] { return flag; }, patience) : ready.wait(patience);
            if (!woken)
                session.recorder().record(trace::Kind::Mark, lost_mark, 1);
        });
        waiter.join_all();

        Outcome o;
        o.values["variant"] = use_flag ? "predicate" : "notify-before-wait";
        o.values["woken"] = woken;
        o.values["patience_ms"] = params.real("patience_ms");
        if (use_flag) {
            o.ok = woken;
            o.message = woken ? "the waiter found the flag set and went on: nothing was lost"
                              : "the waiter timed out although the flag was set";
        } else {
            o.ok = !woken;
            o.message = woken ? "the waiter was woken: the notification was not lost"
                              : "wake-up lost: the notify came before the wait, and the waiter "
                                "slept until its timeout";
        }
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_lost_wakeup() {
    return std::make_unique<LostWakeup>();
}

} // namespace il::scenarios
