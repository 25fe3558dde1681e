// `barrier-phases`: workers do phases of work in lock-step through a Barrier,
// and what happens to all of them when one aborts it.
#include "scenarios/all.h"

#include "run/errors.h"
#include "scenarios/lanes.h"
#include "sync/barrier.h"
#include "thread/sleep.h"

#include <map>
#include <mutex>
#include <random>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class BarrierPhases final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "barrier-phases",
            "Barrier: phases in lock-step",
            "Classic problems",
            "A Barrier for N parties holds every lane that calls wait() until all N have "
            "called it, then releases them together: phase k+1 starts for nobody before phase "
            "k ended for everybody (a simulation step, an iteration of a parallel solver). If "
            "one party gives up and aborts the barrier, every lane waiting on it, and every "
            "lane arriving later, gets BrokenBarrierError instead of waiting forever.",
            "Normal: in each phase the fast workers block on the barrier until the slowest "
            "arrives; its Set releases all of them at once (one Set -> many Wake arrows), and "
            "the 'phase start' marks of the next phase all come after it. Broken: the aborting "
            "worker's Broken record ends every waiter's span as broken, and the workers still "
            "busy get the error as soon as they arrive; nobody hangs.",
            "import threading, time, random\n"
            "\n"
            "WORKERS, PHASES = 4, 5\n"
            "barrier = threading.Barrier(WORKERS)\n"
            "\n"
            "def worker(i, abort_at=None):\n"
            "    rng = random.Random(i)\n"
            "    try:\n"
            "        for phase in range(PHASES):\n"
            "            time.sleep(rng.uniform(0, 0.006))   # this phase's work\n"
            "            if phase == abort_at:\n"
            "                barrier.abort()                 # give up: break the barrier\n"
            "                return\n"
            "            barrier.wait()                      # wait for everyone\n"
            "    except threading.BrokenBarrierError:\n"
            "        print(f'worker {i}: the barrier broke')\n"
            "\n"
            "threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]\n"
            "# threads[0] = threading.Thread(target=worker, args=(0, 2))  # the broken variant\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n",
            {
                ParamSpec::choice("variant", "normal", {"normal", "broken"},
                                  "normal: all phases complete; broken: one worker aborts "
                                  "the barrier midway"),
                ParamSpec::integer("workers", 4, 2, 32, "worker threads (the barrier's parties)"),
                ParamSpec::integer("phases", 5, 1, 1000, "phases each worker goes through"),
                ParamSpec::real("work_ms", 3, 0, 1000,
                                "mean work per phase (ms; uniform in 0..2x per worker)"),
                ParamSpec::integer("seed", 1, 0, 1'000'000'000, "seeds the work times"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const bool broken = params.text("variant") == "broken";
        const auto workers = params.integer("workers");
        const auto phases = params.integer("phases");
        const double work_ns = params.real("work_ms") * 1e6;
        const auto seed = static_cast<std::uint64_t>(params.integer("seed"));
        // The broken variant: this worker aborts instead of waiting, halfway through.
        const std::int64_t aborter = broken ? static_cast<std::int64_t>(seed % workers) : -1;
        const std::int64_t abort_phase = phases / 2;

        trace::Registry& reg = session.registry();
        const trace::ObjectId start_mark =
            reg.add_object(trace::ObjectKind::Annotation, "phase start");
        const trace::ObjectId done_mark =
            reg.add_object(trace::ObjectKind::Annotation, "phase done");

        sync::Barrier barrier(session, "barrier", static_cast<int>(workers));
        // Plain bookkeeping for the outcome check, not part of the lesson.
        std::mutex book;
        std::vector<std::int64_t> finished(static_cast<std::size_t>(phases), 0);
        std::int64_t early_starts = 0; // a phase begun before all finished the previous one
        std::int64_t observed_broken = 0, aborted = 0, completed = 0;

        LaneGroup lanes(session);
        for (std::int64_t w = 0; w < workers; ++w)
            lanes.start("worker-" + std::to_string(w + 1), [&, w] {
                std::mt19937_64 rng(seed * 1'000'003 + static_cast<std::uint64_t>(w));
                trace::Recorder& rec = session.recorder();
                try {
                    for (std::int64_t k = 0; k < phases; ++k) {
                        {
                            std::lock_guard g(book);
                            if (k > 0 && finished[static_cast<std::size_t>(k - 1)] != workers)
                                ++early_starts;
                        }
                        rec.record(trace::Kind::Mark, start_mark, k);
                        const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
                        thread::sleep(session, std::chrono::nanoseconds(
                                                   static_cast<std::int64_t>(2 * u * work_ns)));
                        if (w == aborter && k == abort_phase) {
                            // Fails late, so the others are most likely waiting already.
                            thread::sleep(session, std::chrono::nanoseconds(
                                                       static_cast<std::int64_t>(work_ns)));
                            barrier.abort();
                            std::lock_guard g(book);
                            ++aborted;
                            return;
                        }
                        rec.record(trace::Kind::Mark, done_mark, k);
                        {
                            std::lock_guard g(book);
                            ++finished[static_cast<std::size_t>(k)];
                        }
                        barrier.wait();
                    }
                    std::lock_guard g(book);
                    ++completed;
                } catch (const BrokenBarrierError&) {
                    std::lock_guard g(book);
                    ++observed_broken;
                }
            });
        lanes.join_all();

        Outcome o;
        o.values["variant"] = broken ? "broken" : "normal";
        o.values["workers"] = workers;
        o.values["phases"] = phases;
        o.values["early_starts"] = early_starts;
        const trace::Snapshot snap = session.recorder().snapshot();
        if (!broken) {
            const std::int64_t order_errors =
                check_trace(snap, barrier.id(), start_mark, done_mark);
            std::int64_t rounds = 0;
            for (const trace::Record& r : snap.records)
                rounds += r.kind == trace::Kind::Set && r.object == barrier.id();
            o.values["completed"] = completed;
            o.values["rounds"] = rounds;
            o.values["trace_order_errors"] = order_errors;
            o.ok =
                early_starts == 0 && order_errors == 0 && completed == workers && rounds == phases;
            o.message = o.ok ? "all " + std::to_string(workers) + " workers went through " +
                                   std::to_string(phases) +
                                   " phases; nobody began a phase "
                                   "before everyone finished the last"
                             : std::to_string(early_starts) + " early starts, " +
                                   std::to_string(order_errors) + " out of order in the trace, " +
                                   std::to_string(completed) + " of " + std::to_string(workers) +
                                   " workers completed";
        } else {
            std::int64_t broken_records = 0, broken_waits = 0;
            for (const trace::Record& r : snap.records) {
                if (r.object != barrier.id())
                    continue;
                broken_records += r.kind == trace::Kind::Broken;
                broken_waits += r.kind == trace::Kind::WaitEnd &&
                                r.c == static_cast<std::uint16_t>(trace::WaitResult::Broken);
            }
            o.values["aborted"] = aborted;
            o.values["observed_broken"] = observed_broken;
            o.values["broken_while_waiting"] = broken_waits;
            o.ok = aborted == 1 && observed_broken == workers - 1 && broken_records == 1 &&
                   early_starts == 0;
            o.message =
                o.ok ? "worker-" + std::to_string(aborter + 1) +
                           " aborted the barrier "
                           "in phase " +
                           std::to_string(abort_phase) + "; all " + std::to_string(workers - 1) +
                           " others got BrokenBarrierError (" + std::to_string(broken_waits) +
                           " while waiting) and nobody hung"
                     : std::to_string(observed_broken) + " of " + std::to_string(workers - 1) +
                           " workers saw BrokenBarrierError after the abort";
        }
        return o;
    }

private:
    // Per lane, in recording order: phase k > 0 may start only after this
    // lane finished phase k-1 and then passed the barrier's round k (whose
    // Set token is k), either released by it (Wake) or as its last arrival
    // (Set). The barrier itself proves that all parties had arrived.
    static std::int64_t check_trace(const trace::Snapshot& snap, trace::ObjectId barrier,
                                    trace::ObjectId start_mark, trace::ObjectId done_mark) {
        struct LaneProgress {
            std::int64_t done = -1; // latest phase finished
            std::int64_t round = 0; // latest barrier round passed
        };
        std::map<trace::LaneId, LaneProgress> lanes;
        std::int64_t errors = 0;
        for (const trace::Record& r : snap.records) {
            LaneProgress& p = lanes[r.lane];
            if (r.object == barrier && (r.kind == trace::Kind::Wake || r.kind == trace::Kind::Set))
                p.round = r.a;
            else if (r.kind == trace::Kind::Mark && r.object == done_mark)
                p.done = r.a;
            else if (r.kind == trace::Kind::Mark && r.object == start_mark && r.a > 0)
                errors += p.done != r.a - 1 || p.round != r.a;
        }
        return errors;
    }
};

} // namespace

std::unique_ptr<Scenario> make_barrier_phases() {
    return std::make_unique<BarrierPhases>();
}

} // namespace il::scenarios
