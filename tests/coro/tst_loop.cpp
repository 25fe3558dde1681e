// coro::Loop and tasks: results, exceptions, lanes, the recorded
// Resume/Suspend pairs and their order, create_task, awaiting tasks, the
// stuck-loop error, session stop, abandoned tasks, 10,000 coroutines.
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "analysis/flows.h"
#include "analysis/states.h"
#include "analysis/waits.h"
#include "coro/coro.h"
#include "coro/coro_test_util.h"
#include "run/errors.h"
#endif

#include <QtTest>

#include <stdexcept>
#include <thread>

using namespace il;
using namespace coro_test;
using trace::LaneEndReason;
using trace::WaitReason;
using trace::WaitResult;

namespace {

coro::Task<int> add(int a, int b) {
    co_await coro::yield();
    co_return a + b;
}

coro::Task<int> twice(int x) {
    int a = co_await add(x, 0); // inline: same task, same lane
    int b = co_await add(0, x);
    co_return a + b;
}

coro::Task<int> nap(int ms, int value) {
    co_await coro::sleep(std::chrono::milliseconds(ms));
    co_return value;
}

coro::Task<void> fail() {
    co_await coro::yield();
    throw std::invalid_argument("boom");
}

} // namespace

class TestLoop : public QObject {
    Q_OBJECT
private slots:
    void runReturnsResult() {
        Session s;
        coro::Loop loop(s);
        QCOMPARE(loop.run(twice(21)), 42);
        QCOMPARE(loop.live_tasks(), std::size_t(0));
        auto snap = s.recorder().snapshot();
        QCOMPARE(snap.objects[loop.id()].kind, trace::ObjectKind::Loop);
        LaneId task = lane_named(snap, "twice-1");
        QVERIFY(task != 0);
        QCOMPARE(snap.lanes[task].kind, trace::LaneKind::Coroutine);
        // Every Resume on the loop lane is followed by its Suspend; only the last finished.
        auto loop_recs = by_lane(snap, loop.lane());
        std::vector<Record> rs;
        for (const Record& r : loop_recs)
            if (r.kind == Kind::Resume || r.kind == Kind::Suspend)
                rs.push_back(r);
        QCOMPARE(rs.size(), std::size_t(6)); // start + two yields
        for (std::size_t i = 0; i < rs.size(); i += 2) {
            QCOMPARE(rs[i].kind, Kind::Resume);
            QCOMPARE(rs[i + 1].kind, Kind::Suspend);
            QCOMPARE(rs[i].object, snap.lanes[task].object);
            QCOMPARE(rs[i + 1].c, std::uint16_t(i + 2 == rs.size() ? 1 : 0));
        }
        QCOMPARE(lane_kinds(snap, task),
                 (std::vector<Kind>{Kind::LaneStart, Kind::SleepBegin, Kind::SleepEnd,
                                    Kind::SleepBegin, Kind::SleepEnd, Kind::LaneEnd}));
    }

    void exceptionPropagates() {
        Session s;
        coro::Loop loop(s);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loop.run(fail()));
        auto snap = s.recorder().snapshot();
        auto ends = of(snap, Kind::LaneEnd, snap.lanes[lane_named(snap, "fail-1")].object);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(LaneEndReason::Raised));
    }

    void tasksRunInFifoOrderOnTheirOwnLanes() {
        Session s;
        coro::Loop loop(s);
        std::vector<std::string> order;
        auto step = [&](std::string name) -> coro::Task<void> {
            order.push_back(name + "1");
            co_await coro::yield();
            order.push_back(name + "2");
        };
        auto main = [&]() -> coro::Task<void> {
            auto a = coro::create_task(step("a"), "A");
            auto b = coro::create_task(step("b"), "B");
            co_await a;
            co_await b;
        };
        loop.run(main());
        QCOMPARE(order, (std::vector<std::string>{"a1", "b1", "a2", "b2"}));
        auto snap = s.recorder().snapshot();
        LaneId m = lane_named(snap, "lambda-1"), a = lane_named(snap, "A"),
               b = lane_named(snap, "B");
        QVERIFY(m && a && b);
        QCOMPARE(snap.lanes[a].parent, m); // made by main's task
        QCOMPARE(snap.lanes[b].parent, m);
        QCOMPARE(snap.lanes[loop.lane()].kind, trace::LaneKind::Thread);
    }

    void awaitingATaskIsAJoin() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            auto t = coro::create_task(nap(5, 7), "napper");
            co_return co_await t;
        };
        QCOMPARE(loop.run(main()), 7);
        auto snap = s.recorder().snapshot();
        LaneId m = lane_named(snap, "lambda-1"), n = lane_named(snap, "napper");
        ObjectId nobj = snap.lanes[n].object;
        QCOMPARE(lane_kinds(snap, m, nobj),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Joined}));
        QCOMPARE(of(snap, Kind::WaitBegin, nobj, m)[0].c, u16(WaitReason::Await));
        // The arrow: napper's LaneEnd -> main's Joined.
        auto edges = analysis::flows(snap);
        bool found = false;
        for (const auto& f : edges)
            if (f.kind == analysis::FlowKind::LaneEndJoined && snap.records[f.to].lane == m &&
                snap.records[f.from].lane == n)
                found = f.handoff;
        QVERIFY(found);
        // Main was Blocked on napper, then Ready (woken, the loop had not run it yet), then ran.
        auto tl = analysis::lane_timelines(snap);
        std::vector<analysis::LaneState> states;
        for (const auto& iv : tl[m - 1].intervals)
            states.push_back(iv.state);
        auto blocked = std::find(states.begin(), states.end(), analysis::LaneState::Blocked);
        QVERIFY(blocked != states.end());
        QCOMPARE(*(blocked + 1), analysis::LaneState::Ready);
        QCOMPARE(*(blocked + 2), analysis::LaneState::Running);
    }

    void callerLaneWaitsOnTheLoop() {
        Session s;
        coro::Loop loop(s);
        LaneId caller = s.recorder().current_lane();
        QCOMPARE(loop.run(nap(1, 3)), 3);
        auto snap = s.recorder().snapshot();
        QCOMPARE(lane_kinds(snap, caller, loop.id()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(s.recorder().current_lane(), caller);
        QCOMPARE(loop.run(nap(1, 4)), 4); // a loop runs again
    }

    void stuckLoopRaisesInsteadOfHanging() {
        Session s;
        coro::Loop loop(s);
        coro::Event never(s, "never");
        auto main = [&]() -> coro::Task<void> { co_await never.wait(); };
        QVERIFY_THROWS_EXCEPTION(RuntimeError, loop.run(main()));
        loop.close();
        auto snap = s.recorder().snapshot();
        auto ends = of(snap, Kind::LaneEnd, snap.lanes[lane_named(snap, "lambda-1")].object);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(LaneEndReason::Abandoned));
    }

    void sessionStopCancelsEveryTask() {
        Session s;
        coro::Loop loop(s);
        int cleaned = 0;
        auto sleeper = [&]() -> coro::Task<void> {
            struct Cleanup {
                int& n;
                ~Cleanup() { ++n; }
            } c{cleaned};
            co_await coro::sleep(std::chrono::hours(1));
        };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::Task<void>> ts;
            for (int i = 0; i < 5; ++i)
                ts.push_back(sleeper());
            co_await coro::gather(std::move(ts));
        };
        std::thread stopper([&] {
            std::this_thread::sleep_for(20ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, loop.run(main()));
        stopper.join();
        QCOMPARE(cleaned, 5);
        QCOMPARE(loop.live_tasks(), std::size_t(0));
        auto snap = s.recorder().snapshot();
        for (const Record& r : of(snap, Kind::LaneEnd))
            if (snap.lanes[r.lane].kind == trace::LaneKind::Coroutine)
                QCOMPARE(r.c, u16(LaneEndReason::Cancelled));
    }

    void unfinishedTasksAreAbandonedAtClose() {
        Session s;
        LaneId left = 0;
        {
            coro::Loop loop(s);
            auto main = [&]() -> coro::Task<void> {
                auto t = coro::create_task(nap(100000, 1), "left-behind");
                left = t.lane();
                co_await coro::sleep(1ms);
            };
            loop.run(main());
            QCOMPARE(loop.live_tasks(), std::size_t(1));
        }
        auto snap = s.recorder().snapshot();
        auto ends = of(snap, Kind::LaneEnd, snap.lanes[left].object);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(LaneEndReason::Abandoned));
    }

    void neverAwaitedCoroutineIsRecorded() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<void> {
            auto forgotten = nap(1, 1); // made, never awaited
            co_await coro::yield();
        };
        loop.run(main());
        auto snap = s.recorder().snapshot();
        LaneId n = lane_named(snap, "nap-1");
        QVERIFY(n != 0);
        QCOMPARE(lane_kinds(snap, n), (std::vector<Kind>{Kind::LaneEnd}));
        QCOMPARE(by_lane(snap, n)[0].c, u16(LaneEndReason::Abandoned));
    }

    void cancelledTaskRaisesCancelledError() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<bool> {
            auto t = coro::create_task(nap(100000, 1), "victim");
            co_await coro::yield(); // let it start sleeping
            CO_CHECK(t.cancel());
            try {
                co_await t;
            } catch (const CancelledError&) {
                CO_CHECK(t.cancelled());
                CO_CHECK(!t.cancel()); // already done
                co_return true;
            }
            co_return false;
        };
        QVERIFY(loop.run(main()));
    }

    void tenThousandCoroutines() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<long> {
            std::vector<coro::Task<int>> ts;
            for (int i = 0; i < 10000; ++i)
                ts.push_back(nap(1 + i % 3, i));
            auto all = co_await coro::gather(std::move(ts));
            long sum = 0;
            for (int v : all)
                sum += v;
            co_return sum;
        };
        QCOMPARE(loop.run(main()), 10000L * 9999 / 2);
        QCOMPARE(loop.live_tasks(), std::size_t(0));
        auto snap = s.recorder().snapshot();
        QCOMPARE(snap.dropped, std::uint64_t(0));
        QCOMPARE(of(snap, Kind::Suspend, 0, loop.lane()).size(), std::size_t(2 * 10000 + 2));
    }
};

QTEST_GUILESS_MAIN(TestLoop)
#include "tst_loop.moc"
