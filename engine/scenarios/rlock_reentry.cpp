// `rlock-reentry`: a recursive function that locks at every level works
// under an RLock and deadlocks on itself under a Lock.
#include "scenarios/all.h"

#include "scenarios/deadlock_judge.h"
#include "scenarios/lanes.h"
#include "sync/lock.h"
#include "sync/rlock.h"
#include "thread/sleep.h"

#include <algorithm>
#include <mutex>

namespace il::scenarios {

namespace {

using namespace il::scenario;

// One level of the recursion: take the lock, work, go one level deeper.
template <class L>
void descend(Session& session, L& lock, std::int64_t level, std::int64_t depth,
             std::chrono::nanoseconds work, std::int64_t& reached) {
    std::lock_guard<L> g(lock);
    reached = level;
    thread::sleep(session, work);
    if (level < depth)
        descend(session, lock, level + 1, depth, work, reached);
}

class RLockReentry final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "rlock-reentry",
            "RLock: re-entering a lock you hold",
            "Classic problems",
            "A Lock does not know who holds it: a thread that asks for a Lock it already holds "
            "waits for itself, forever. An RLock (re-entrant lock) remembers its owner and a "
            "depth: the owner may acquire it again, and each release undoes one acquire. That "
            "is what a recursive function, or a locked method calling another locked method, "
            "needs.",
            "rlock: the lock's depth climbs 1, 2, ... up to `depth` on the same lane, then "
            "unwinds; nobody else is involved. lock: the lane holds the Lock at level 1 and "
            "waits for it at level 2 — a cycle of length one (the lane waits for a lock only "
            "it could release), which the engine reports at once and then stops.",
            "import threading, time\n"
            "\n"
            "lock = threading.RLock()   # threading.Lock() hangs at level 2\n"
            "\n"
            "def descend(level, depth):\n"
            "    with lock:\n"
            "        print('level', level)\n"
            "        time.sleep(0.002)\n"
            "        if level < depth:\n"
            "            descend(level + 1, depth)\n"
            "\n"
            "t = threading.Thread(target=descend, args=(1, 5))\n"
            "t.start(); t.join()\n",
            {
                ParamSpec::choice("variant", "rlock", {"rlock", "lock"},
                                  "rlock re-enters; lock deadlocks on itself"),
                ParamSpec::integer("depth", 5, 2, 200, "levels of recursion"),
                ParamSpec::real("work_ms", 2, 0, 1000, "work at each level (ms)"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const std::string& variant = params.text("variant");
        const auto depth = params.integer("depth");
        const auto work =
            std::chrono::nanoseconds(static_cast<std::int64_t>(params.real("work_ms") * 1e6));

        std::int64_t reached = 0; // written by the lane, read after the join
        trace::ObjectId lock_id = 0;
        // The lock is made before the lanes, so it outlives them also when
        // join_all() throws il::Cancelled (the LaneGroup joins in its destructor).
        auto run_with = [&](auto& lock) {
            lock_id = lock.id();
            LaneGroup lanes(session);
            lanes.start("recursive", [&] { descend(session, lock, 1, depth, work, reached); });
            lanes.join_all();
        };
        if (variant == "rlock") {
            sync::RLock lock(session, "resource");
            run_with(lock);
        } else {
            sync::Lock lock(session, "resource");
            run_with(lock);
        }

        // The depth the RLock itself recorded: Acquire.b is the depth after.
        std::int64_t max_depth = 0;
        trace::Snapshot snap = session.recorder().snapshot();
        for (const trace::Record& r : snap.records)
            if (r.object == lock_id && r.kind == trace::Kind::Acquire)
                max_depth = std::max<std::int64_t>(max_depth, r.b);
        Outcome o;
        o.values["variant"] = variant;
        o.values["depth"] = depth;
        o.values["reached"] = reached;
        o.values["max_lock_depth"] = max_depth;
        if (variant != "rlock") {
            o.ok = false;
            o.message = "the Lock variant finished, but it should have deadlocked on itself";
            return o;
        }
        o.ok = reached == depth && max_depth == depth;
        o.message = o.ok ? "recursion reached level " + std::to_string(depth) +
                               "; the RLock's depth went up to " + std::to_string(max_depth)
                         : "recursion reached level " + std::to_string(reached) + ", RLock depth " +
                               std::to_string(max_depth) + ", expected " + std::to_string(depth);
        return o;
    }

    Outcome judge_stopped(const Params& params,
                          const std::vector<analysis::Diagnostic>& found) const override {
        const std::string& variant = params.text("variant");
        if (variant != "lock")
            return judge_unexpected_stop(found, variant);
        Outcome o =
            judge_expected_cycle(found, 1, 1, "the recursive lane waiting for the Lock it holds");
        o.values["variant"] = variant;
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_rlock_reentry() {
    return std::make_unique<RLockReentry>();
}

} // namespace il::scenarios
