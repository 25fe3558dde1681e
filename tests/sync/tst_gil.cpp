// The emulated GIL (sync/gil.h): mutual exclusion, forced switches between
// competing holders, what it records, cancellation, and the places that let
// it go (GilRelease, thread::sleep, the primitives' waits). No timing is
// asserted: waits for progress use the hang guard only.
#include "analysis/flows.h"
#include "run/errors.h"
#include "sync/condition.h"
#include "sync/event.h"
#include "sync/gil.h"
#include "sync/lock.h"
#include "sync/queue.h"
#include "sync/sync_test_util.h"
#include "thread/sleep.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <cstdint>

using namespace il;
using namespace sync_test;
using il::sync::Gil;
using il::sync::GilHold;
using il::sync::GilRelease;
using il::trace::WaitReason;
using il::trace::WaitResult;

namespace {

// A few microseconds of work the compiler cannot drop.
std::uint64_t busy(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (int i = 0; i < 2000; ++i) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        asm volatile("" : "+r"(x));
    }
    return x;
}

} // namespace

class TestGil : public QObject {
    Q_OBJECT
private slots:
    void acquireAndRelease() {
        Session s;
        Gil gil(s);
        QCOMPARE(s.registry().object(gil.id()).kind, trace::ObjectKind::Lock);
        QCOMPARE(s.registry().object(gil.id()).name, std::string("GIL"));
        QCOMPARE(gil.switch_interval(), std::chrono::nanoseconds(5ms));
        QVERIFY(!gil.held_by_me());
        QVERIFY(Gil::held_here() == nullptr);
        gil.acquire();
        QVERIFY(gil.held_by_me());
        QVERIFY(Gil::held_here() == &gil);
        QCOMPARE(gil.owner(), s.recorder().current_lane());
        gil.checkpoint(); // nothing requested: nothing happens
        QVERIFY(gil.held_by_me());
        gil.release();
        QVERIFY(!gil.held_by_me());
        QCOMPARE(gil.owner(), LaneId(0));
        {
            GilHold hold(gil);
            QVERIFY(gil.held_by_me());
        }
        QVERIFY(!gil.held_by_me());
        auto recs = on(s.recorder().snapshot(), gil.id());
        QCOMPARE(recs.size(), std::size_t(4));
        QCOMPARE(recs[0].kind, Kind::Acquire);
        QCOMPARE(recs[0].a, std::int64_t(0));
        QCOMPARE(recs[1].kind, Kind::Release);
        QCOMPARE(recs[1].a, std::int64_t(1));
        QCOMPARE(recs[2].kind, Kind::Acquire);
        QCOMPARE(recs[2].a, std::int64_t(1));
        QCOMPARE(recs[3].a, std::int64_t(2));
    }

    void misuseIsAnError() {
        Session s;
        QVERIFY_THROWS_EXCEPTION(ValueError, Gil(s, std::chrono::nanoseconds(0)));
        Gil gil(s);
        QVERIFY_THROWS_EXCEPTION(RuntimeError, gil.release());
        gil.acquire();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, gil.acquire()); // not re-entrant
        Gil other(s, 5ms, "other GIL");
        QVERIFY_THROWS_EXCEPTION(RuntimeError, other.acquire()); // one per thread
        bool thrown = false;
        thread::Thread t(s, "t", [&] {
            try {
                gil.release(); // held, but by another thread
            } catch (const RuntimeError&) {
                thrown = true;
            }
        });
        t.start();
        QVERIFY(t.join(kPatience));
        QVERIFY(thrown);
        gil.release();
    }

    void competingHoldersTakeTurns() {
        Session s;
        Gil gil(s, 1ms);
        std::atomic<bool> done{false};
        std::atomic<int> inside{0}, most_inside{0};
        std::atomic<std::uint64_t> progress[2] = {0, 0};
        std::atomic<std::uint64_t> sink{0};
        auto worker = [&](int k) {
            GilHold hold(gil);
            std::uint64_t x = static_cast<std::uint64_t>(k);
            while (!done.load()) {
                const int now = ++inside;
                most_inside.store(std::max(most_inside.load(), now));
                x = busy(x);
                --inside;
                ++progress[k];
                gil.checkpoint();
            }
            sink += x; // keeps the work
        };
        thread::Thread a(s, "python 1", [&] { worker(0); });
        thread::Thread b(s, "python 2", [&] { worker(1); });
        a.start();
        b.start();
        // Both run long enough for the waiter to force a few switches.
        std::uint64_t a_seen = 0, b_seen = 0;
        const bool turns = eventually([&] {
            if (gil.forced_switches() < 2)
                return false;
            if (a_seen == 0) { // progress after the first switches, by both
                a_seen = progress[0].load() + 1;
                b_seen = progress[1].load() + 1;
            }
            return progress[0].load() >= a_seen && progress[1].load() >= b_seen &&
                   gil.forced_switches() >= 4;
        });
        done = true;
        QVERIFY(a.join(kPatience));
        QVERIFY(b.join(kPatience));
        QVERIFY(turns);
        QCOMPARE(most_inside.load(), 1);
        QVERIFY(gil.handovers() >= gil.forced_switches());
        // Every handover is a Release -> Acquire arrow between the two lanes.
        auto snap = s.recorder().snapshot();
        std::size_t arrows = 0;
        for (const auto& f : analysis::flows(snap))
            if (f.kind == analysis::FlowKind::ReleaseAcquire &&
                snap.records[f.to].object == gil.id() &&
                snap.records[f.from].lane != snap.records[f.to].lane)
                ++arrows;
        QVERIFY(arrows >= gil.forced_switches());
        for (const Record& r : of(snap, Kind::WaitBegin, gil.id()))
            QCOMPARE(r.c, u16(WaitReason::Gil));
    }

    void recordsAHandoverInOrder() {
        Session s;
        Gil gil(s, std::chrono::hours(1)); // no drop request: a voluntary handover
        gil.acquire();
        std::atomic<bool> held{false};
        thread::Thread t(s, "t", [&] {
            GilHold hold(gil);
            held = gil.held_by_me();
        });
        t.start();
        QVERIFY(blocked(s, gil.id(), t.lane()));
        gil.release();
        QVERIFY(t.join(kPatience));
        QVERIFY(held.load());
        const LaneId me = s.recorder().current_lane();
        auto recs = on(s.recorder().snapshot(), gil.id());
        QCOMPARE(recs.size(), std::size_t(6));
        const std::vector<std::pair<Kind, LaneId>> expected{
            {Kind::Acquire, me},       {Kind::WaitBegin, t.lane()}, {Kind::Release, me},
            {Kind::WaitEnd, t.lane()}, {Kind::Acquire, t.lane()},   {Kind::Release, t.lane()}};
        for (std::size_t i = 0; i < recs.size(); ++i) {
            QCOMPARE(recs[i].kind, expected[i].first);
            QCOMPARE(recs[i].lane, expected[i].second);
        }
        QCOMPARE(recs[1].c, u16(WaitReason::Gil));
        QCOMPARE(recs[3].c, u16(WaitResult::Ok));
        QCOMPARE(recs[4].a, recs[2].a); // the Acquire follows that Release
        QVERIFY(recs[5].a > recs[2].a);
        QCOMPARE(gil.handovers(), std::uint64_t(1));
        QCOMPARE(gil.forced_switches(), std::uint64_t(0));
    }

    void stopCancelsAWaitAndTheHolder() {
        Session s;
        Gil gil(s);
        std::atomic<bool> cancelled{false}, holder_cancelled{false};
        std::atomic<bool> holding{false};
        thread::Thread holder(s, "holder", [&] {
            GilHold hold(gil);
            holding = true;
            try {
                for (;;)
                    gil.checkpoint(); // pure CPU work: only the checkpoint notices
            } catch (const Cancelled&) {
                holder_cancelled = true;
                throw;
            }
        });
        holder.start();
        QVERIFY(eventually([&] { return holding.load(); }));
        thread::Thread waiter(s, "waiter", [&] {
            try {
                GilHold hold(gil);
            } catch (const Cancelled&) {
                cancelled = true;
                throw;
            }
        });
        waiter.start();
        QVERIFY(blocked(s, gil.id(), waiter.lane()));
        s.request_stop();
        // join() itself would be cancelled now: watch the lanes end instead.
        QVERIFY(eventually([&] { return !holder.is_alive() && !waiter.is_alive(); }));
        QVERIFY(holder_cancelled.load());
        auto snap = s.recorder().snapshot();
        // The waiter either was cancelled in its wait or got the GIL as the
        // holder let go, and was then cancelled by the run stopping.
        auto ends = of(snap, Kind::WaitEnd, gil.id(), waiter.lane());
        QCOMPARE(ends.size(), std::size_t(1));
        QVERIFY(cancelled.load() == (ends[0].c == u16(WaitResult::Cancelled)));
        QVERIFY(!gil.held_by_me());
        QCOMPARE(gil.owner(), LaneId(0));
    }

    void gilReleaseLetsAnotherThreadIn() {
        Session s;
        Gil gil(s);
        GilHold hold(gil);
        std::atomic<bool> ran{false};
        thread::Thread t(s, "t", [&] {
            GilHold inner(gil);
            ran = true;
        });
        t.start();
        QVERIFY(blocked(s, gil.id(), t.lane()));
        {
            GilRelease released; // Py_BEGIN_ALLOW_THREADS
            QVERIFY(!gil.held_by_me());
            QVERIFY(t.join(kPatience)); // it ran while this thread did not hold the GIL
        }
        QVERIFY(ran.load());
        QVERIFY(gil.held_by_me());
        {
            GilRelease nothing_held_twice; // releases; a second one has nothing to release
            GilRelease nested;
            QVERIFY(!gil.held_by_me());
        }
        QVERIFY(gil.held_by_me());
    }

    void sleepReleasesTheGil() {
        Session s;
        Gil gil(s);
        GilHold hold(gil);
        thread::Thread t(s, "t", [&] { GilHold inner(gil); });
        t.start();
        QVERIFY(blocked(s, gil.id(), t.lane()));
        thread::sleep(s, 1ms); // hands the GIL to t, then queues for it
        QVERIFY(gil.held_by_me());
        QVERIFY(t.join(kPatience));
        const LaneId me = s.recorder().current_lane();
        auto snap = s.recorder().snapshot();
        auto releases = of(snap, Kind::Release, gil.id(), me);
        auto t_acquires = of(snap, Kind::Acquire, gil.id(), t.lane());
        QCOMPARE(releases.size(), std::size_t(1));
        QCOMPARE(t_acquires.size(), std::size_t(1));
        QCOMPARE(t_acquires[0].a, releases[0].a); // t got it from the sleeping thread
        // Released before the sleep began.
        std::int64_t release_t = releases[0].t_ns, sleep_t = 0;
        for (const Record& r : snap.records)
            if (r.kind == Kind::SleepBegin && r.lane == me)
                sleep_t = r.t_ns;
        QVERIFY(release_t < sleep_t);
    }

    void primitiveWaitsReleaseTheGil() {
        // Each wait below would deadlock if it kept the GIL: the other lane
        // needs the GIL to end it.
        Session s;
        Gil gil(s);
        sync::Event event(s, "e");
        sync::Lock lock(s, "l");
        const LaneId me = s.recorder().current_lane();
        std::atomic<bool> locked{false}, saw_blocked{false};
        GilHold hold(gil);
        thread::Thread t(s, "t", [&] {
            lock.acquire();
            locked = true;
            {
                GilHold inner(gil);
                event.set();
            }
            saw_blocked = blocked(s, lock.id(), me);
            GilHold inner(gil);
            lock.release();
        });
        t.start();
        QVERIFY(eventually([&] { return locked.load(); }));
        QVERIFY(event.wait(kPatience)); // signal_wait
        QVERIFY(gil.held_by_me());
        QVERIFY(lock.acquire(kPatience)); // blocking_wait
        QVERIFY(gil.held_by_me());
        QVERIFY(t.join(kPatience));
        QVERIFY(saw_blocked.load());
        lock.release();
        // A timed-out wait takes the GIL back too.
        sync::Event never(s, "never");
        QVERIFY(!never.wait(1ms));
        QVERIFY(gil.held_by_me());
        auto snap = s.recorder().snapshot();
        QCOMPARE(of(snap, Kind::WaitBegin, lock.id(), me).size(), std::size_t(1));
        // The lock went from t, holding the GIL, to this lane, which then
        // queued for the GIL again: its Acquire of the GIL follows t's Release.
        auto gil_acquires = of(snap, Kind::Acquire, gil.id(), me);
        auto t_releases = of(snap, Kind::Release, gil.id(), t.lane());
        QCOMPARE(t_releases.size(), std::size_t(2));
        QVERIFY(gil_acquires.size() >= 3);
        QCOMPARE(gil_acquires[2].a, t_releases[1].a);
    }

    void conditionAndQueueUnderTheGil() {
        // Python-style code blocked in Condition.wait or Queue.get lets the
        // GIL go; the lane that notifies or puts needs it.
        Session s;
        Gil gil(s);
        sync::Lock lock(s, "l");
        sync::Condition cond(s, "c", lock);
        sync::Queue<int> q(s, "q");
        GilHold hold(gil);
        {
            std::lock_guard g(cond);
            QVERIFY(!cond.wait(1ms)); // times out, takes the GIL back
            QVERIFY(gil.held_by_me());
        }
        bool ready = false;
        thread::Thread t(s, "t", [&] {
            GilHold inner(gil);
            {
                std::lock_guard g(cond);
                ready = true;
                cond.notify();
            }
            q.put(7);
        });
        t.start();
        {
            std::lock_guard g(cond);
            QVERIFY(cond.wait_for([&] { return ready; }, kPatience));
            QVERIFY(gil.held_by_me());
        }
        QCOMPARE(q.get(kPatience), 7);
        QVERIFY(gil.held_by_me());
        QVERIFY(t.join(kPatience));
    }
};

QTEST_GUILESS_MAIN(TestGil)
#include "tst_gil.moc"
