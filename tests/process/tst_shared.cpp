// Value, Array, Lock and Event across real spawned workers: exact counts
// with the lock, lost updates counted without it, a Lock handed over between
// processes (Release -> Acquire in the merged trace), a dead owner, misuse,
// an Event set in one process waking another.
#include "analysis/flows.h"
#include "process/errors.h"
#include "process/event.h"
#include "process/lock.h"
#include "process/process.h"
#include "process/value.h"
#include "run/errors.h"

#include "process_test_util.h"

#include <QtTest>

#include <thread>

using namespace il;
using namespace proc_test;
using namespace std::chrono_literals;

namespace {
void run_all(std::vector<std::unique_ptr<process::Process>>& ps) {
    for (auto& p : ps)
        p->start();
    for (auto& p : ps)
        p->join();
}
} // namespace

class TestShared : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { before_ = Resources::now(); }
    void cleanupTestCase() { proc_test::Resources::now().expect_nothing_leaked_since(before_); }

    void valueWithLockIsExact() {
        Session s;
        process::Value<std::int64_t> v(s, "counter", 0);
        std::vector<std::unique_ptr<process::Process>> ps;
        for (int i = 0; i < 3; ++i)
            ps.push_back(std::make_unique<process::Process>(
                s, "p" + std::to_string(i), "proc.value_add", std::vector<std::string>{"300"},
                std::vector{v.share()}));
        run_all(ps);
        for (auto& p : ps)
            QCOMPARE(p->exitcode(), std::optional<int>(0));
        QCOMPARE(v.load(), std::int64_t(900));
        auto snap = s.recorder().snapshot();
        auto writes = of_kind(on(snap, v.id()), Kind::Write);
        QCOMPARE(writes.size(), std::size_t(900));
        for (const auto& w : writes)
            QCOMPARE(w.b, 0); // nothing erased under the lock
        QCOMPARE(snap.objects[v.id()].kind, trace::ObjectKind::SharedMemory);
        // The lock's handovers between processes are arrows.
        std::size_t handovers = 0;
        for (const auto& f : analysis::flows(snap))
            if (f.kind == analysis::FlowKind::ReleaseAcquire &&
                snap.records[f.from].lane != snap.records[f.to].lane)
                ++handovers;
        QVERIFY(handovers >= 2); // each later process's first acquire follows another's release
    }

    void valueWithoutLockCountsLostUpdates() {
        Session s;
        process::Value<std::int64_t> v(s, "counter", 0, false);
        QVERIFY(!v.has_lock());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, v.get_lock());
        std::vector<std::unique_ptr<process::Process>> ps;
        for (int i = 0; i < 2; ++i)
            ps.push_back(std::make_unique<process::Process>(
                s, "p" + std::to_string(i), "proc.value_add",
                std::vector<std::string>{"2000", "nolock"}, std::vector{v.share()}));
        run_all(ps);
        std::int64_t lost = 0;
        for (const auto& w : of_kind(on(s.recorder().snapshot(), v.id()), Kind::Write))
            lost += w.b;
        // Exact bookkeeping whether or not the race struck this time.
        QCOMPARE(v.load() + lost, std::int64_t(4000));
        QCOMPARE(v.lost_updates(), lost); // the shared tally agrees with the trace
    }

    void arrayFilledByAChild() {
        Session s;
        process::Array<std::int64_t> a(s, "squares", 10, -1);
        process::Process p(s, "filler", "proc.array_squares", {}, {a.share()});
        p.start();
        p.join();
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a.get(i), std::int64_t(i * i));
        QVERIFY_THROWS_EXCEPTION(ValueError, a.get(10));
        QVERIFY_THROWS_EXCEPTION(ValueError, process::Array<int>(s, "empty", 0));
    }

    void lockHandedToAChild() {
        Session s;
        process::Lock lock(s, "lock");
        lock.acquire();
        process::Process p(s, "taker", "proc.lock_once", {}, {lock.share()});
        p.start();
        QVERIFY(eventually([&] {
            for (const auto& r : of_lane(s.recorder().snapshot(), p.lane()))
                if (r.kind == Kind::WaitBegin)
                    return true;
            return false;
        }));
        lock.release();
        QVERIFY(p.join(10s));
        auto rs = on(s.recorder().snapshot(), lock.id());
        auto acq = of_kind(rs, Kind::Acquire);
        auto rel = of_kind(rs, Kind::Release);
        QCOMPARE(acq.size(), std::size_t(2));
        QCOMPARE(rel.size(), std::size_t(2));
        QCOMPARE(acq[1].lane, p.lane());
        QCOMPARE(acq[1].a, std::int64_t(1)); // after the parent's Release token 1
        QVERIFY(acq[1].t_ns > rel[0].t_ns);
        QCOMPARE(rel[1].lane, p.lane());
        QCOMPARE(rel[1].a, std::int64_t(2));
        auto waits = of_kind(of_lane(s.recorder().snapshot(), p.lane()), Kind::WaitBegin);
        QCOMPARE(waits[0].c, std::uint16_t(trace::WaitReason::Lock));
        QVERIFY(lock.acquire(0ns));
        lock.release();
    }

    void deadOwnerIsReportedNotAHang() {
        Session s;
        process::Lock lock(s, "lock");
        process::Event held(s, "held");
        process::Process p(s, "holder", "proc.lock_and_hold", {}, {lock.share(), held.share()});
        p.start();
        QVERIFY(held.wait(10s));
        QVERIFY(!lock.acquire(20ms)); // really held
        p.kill();
        p.join();
        QVERIFY_THROWS_EXCEPTION(process::OwnerDiedError, lock.acquire());
        QVERIFY(lock.acquire(0ns)); // free again
        lock.release();
    }

    void lockMisuse() {
        Session s;
        process::Lock lock(s, "lock");
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release());
        lock.acquire();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.acquire());
        QVERIFY(!lock.acquire(10ms));
        QVERIFY(!lock.try_acquire());
        std::thread other([&] { QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release()); });
        other.join();
        lock.release();
    }

    void eventRelayedThroughAChild() {
        Session s;
        process::Event go(s, "go"), done(s, "done");
        process::Process p(s, "relay", "proc.event_relay", {}, {go.share(), done.share()});
        p.start();
        go.set();
        QVERIFY(done.wait(10s));
        QVERIFY(done.is_set());
        p.join();
        QCOMPARE(p.exitcode(), std::optional<int>(0));
        auto snap = s.recorder().snapshot();
        auto wakes = of_kind(on(snap, go.id()), Kind::Wake);
        QCOMPARE(wakes.size(), std::size_t(1));
        QCOMPARE(wakes[0].lane, p.lane());
        QCOMPARE(wakes[0].a, std::int64_t(1));
        auto sets = of_kind(on(snap, done.id()), Kind::Set);
        QCOMPARE(sets.size(), std::size_t(1));
        QCOMPARE(sets[0].lane, p.lane());
        std::size_t cross = 0;
        for (const auto& f : analysis::flows(snap))
            if (f.kind == analysis::FlowKind::SetWake &&
                snap.records[f.from].lane != snap.records[f.to].lane)
                ++cross;
        QCOMPARE(cross, std::size_t(2));
    }

    void eventTimeoutClearAndStop() {
        Session s;
        process::Event e(s, "e");
        QVERIFY(!e.wait(20ms));
        e.set();
        e.clear();
        QVERIFY(!e.is_set());
        std::thread stopper([&] {
            std::this_thread::sleep_for(30ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, e.wait());
        stopper.join();
        auto ends = of_kind(on(s.recorder().snapshot(), e.id()), Kind::WaitEnd);
        QCOMPARE(ends.size(), std::size_t(2));
        QCOMPARE(ends[0].c, std::uint16_t(trace::WaitResult::Timeout));
        QCOMPARE(ends[1].c, std::uint16_t(trace::WaitResult::Cancelled));
    }

    void wrongKindOnAttach() {
        Session s;
        process::Event e(s, "e");
        QVERIFY_THROWS_EXCEPTION(ValueError, process::Lock(s, e.share()));
    }

private:
    Resources before_;
};

QTEST_GUILESS_MAIN(TestShared)
#include "tst_shared.moc"
