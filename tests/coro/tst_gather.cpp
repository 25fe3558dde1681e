// gather (results in order, first exception, return_exceptions, cancel
// propagation), as_completed (completion order), wait_for (timeout,
// in time, TaskHandle cancelled, nested), to_thread (result, exception,
// recorded Wake from the worker, cancellation).
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "coro/coro.h"
#include "coro/coro_test_util.h"
#include "run/errors.h"
#include "thread/sleep.h"
#endif

#include <QtTest>

#include <stdexcept>
#include <string>

using namespace il;
using namespace coro_test;
using trace::WaitReason;
using trace::WaitResult;

namespace {

coro::Task<int> after(int ms, int value) {
    co_await coro::sleep(std::chrono::milliseconds(ms));
    co_return value;
}

coro::Task<int> raise_after(int ms) {
    co_await coro::sleep(std::chrono::milliseconds(ms));
    throw std::runtime_error("failed after " + std::to_string(ms));
}

} // namespace

class TestGather : public QObject {
    Q_OBJECT
private slots:
    void gatherKeepsArgumentOrder() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<std::vector<int>> {
            std::vector<coro::Task<int>> ts;
            ts.push_back(after(6, 1));
            ts.push_back(after(1, 2));
            ts.push_back(after(3, 3));
            co_return co_await coro::gather(std::move(ts));
        };
        QCOMPARE(loop.run(main()), (std::vector<int>{1, 2, 3}));
        auto snap = s.recorder().snapshot();
        // main waited once on the gather's future, b = 3 tasks, and joined each inside the span.
        LaneId m = lane_named(snap, "lambda-1");
        auto begins = of(snap, Kind::WaitBegin, 0, m);
        QCOMPARE(begins.size(), std::size_t(1));
        QCOMPARE(begins[0].b, 3);
        QCOMPARE(snap.objects[begins[0].object].kind, trace::ObjectKind::Future);
        QCOMPARE(snap.objects[begins[0].object].name,
                 std::string("gather(after-1, after-2, after-3)"));
        QCOMPARE(lane_kinds(snap, m),
                 (std::vector<Kind>{Kind::LaneStart, Kind::WaitBegin, Kind::Joined, Kind::Joined,
                                    Kind::Joined, Kind::WaitEnd, Kind::LaneEnd}));
        // Joined in the order they ended: after-2 (1 ms), after-3, after-1.
        auto joins = of(snap, Kind::Joined, 0, m);
        QCOMPARE(joins[0].object, snap.lanes[lane_named(snap, "after-2")].object);
        QCOMPARE(joins[2].object, snap.lanes[lane_named(snap, "after-1")].object);
    }

    void gatherTupleOfMixedTypes() {
        Session s;
        coro::Loop loop(s);
        auto word = []() -> coro::Task<std::string> { co_return "w"; };
        auto nothing = []() -> coro::Task<void> { co_return; };
        auto main = [&]() -> coro::Task<std::string> {
            auto h = coro::create_task(after(1, 5));
            auto [n, w, none] = co_await coro::gather(h, word(), nothing());
            (void)none;
            co_return std::to_string(n) + w;
        };
        QCOMPARE(loop.run(main()), std::string("5w"));
    }

    void gatherRaisesTheFirstException() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<std::string> {
            std::vector<coro::Task<int>> ts;
            ts.push_back(after(200, 1));
            ts.push_back(raise_after(5));
            ts.push_back(raise_after(50));
            try {
                co_await coro::gather(std::move(ts));
            } catch (const std::runtime_error& e) {
                co_return e.what();
            }
            co_return "";
        };
        QCOMPARE(loop.run(main()), std::string("failed after 5"));
    }

    void gatherReturnExceptions() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            std::vector<coro::Task<int>> ts;
            ts.push_back(after(1, 7));
            ts.push_back(raise_after(1));
            auto rs = co_await coro::gather_return_exceptions(std::move(ts));
            CO_CHECK(std::get<int>(rs[0]) == 7);
            CO_CHECK(std::holds_alternative<std::exception_ptr>(rs[1]));
            co_return static_cast<int>(rs.size());
        };
        QCOMPARE(loop.run(main()), 2);
    }

    void cancellingAGatherCancelsItsChildren() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            std::vector<coro::TaskHandle<int>> hs{coro::create_task(after(100000, 1)),
                                                  coro::create_task(after(100000, 2))};
            auto g = [&]() -> coro::Task<void> { co_await coro::gather(hs); };
            auto gt = coro::create_task(g(), "gatherer");
            co_await coro::yield();
            gt.cancel();
            int cancelled = 0;
            for (auto& h : hs) {
                try {
                    co_await h;
                } catch (const CancelledError&) {
                    ++cancelled;
                }
            }
            CO_CHECK(gt.done() && gt.cancelled());
            co_return cancelled;
        };
        QCOMPARE(loop.run(main()), 2);
    }

    void asCompletedYieldsInCompletionOrder() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<std::vector<int>> {
            std::vector<coro::Task<int>> ts;
            ts.push_back(after(30, 1));
            ts.push_back(after(1, 2));
            ts.push_back(after(10, 3));
            auto ac = coro::as_completed(std::move(ts));
            std::vector<int> got;
            for (std::size_t i = 0; i < ac.size(); ++i)
                got.push_back(co_await ac.next());
            CO_CHECK(ac.remaining() == 0);
            co_return got;
        };
        QCOMPARE(loop.run(main()), (std::vector<int>{2, 3, 1}));
        auto snap = s.recorder().snapshot();
        LaneId m = lane_named(snap, "lambda-1");
        for (const Record& b : of(snap, Kind::WaitBegin, 0, m))
            QCOMPARE(b.c, u16(WaitReason::Await));
    }

    void waitForReturnsInTime() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            co_return co_await coro::wait_for(after(1, 9), 10s);
        };
        QCOMPARE(loop.run(main()), 9);
    }

    void waitForTimesOutAndCancelsTheInnerSleep() {
        Session s;
        coro::Loop loop(s);
        bool cleanup = false;
        auto inner = [&]() -> coro::Task<int> {
            try {
                co_await coro::sleep(10s);
            } catch (const CancelledError&) {
                cleanup = true;
                throw;
            }
            co_return 0;
        };
        auto main = [&]() -> coro::Task<bool> {
            try {
                co_await coro::wait_for(inner(), 5ms);
            } catch (const TimeoutError&) {
                co_return true;
            }
            co_return false;
        };
        QVERIFY(loop.run(main()));
        QVERIFY(cleanup);
        auto snap = s.recorder().snapshot();
        QCOMPARE(
            lane_kinds(snap, lane_named(snap, "lambda-1")),
            (std::vector<Kind>{Kind::LaneStart, Kind::SleepBegin, Kind::SleepEnd, Kind::LaneEnd}));
    }

    void waitForCancelsAnAwaitedTask() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<bool> {
            auto h = coro::create_task(after(100000, 1), "slow");
            try {
                co_await coro::wait_for(h, 5ms);
            } catch (const TimeoutError&) {
            }
            co_await coro::yield();
            co_await coro::yield();
            co_return h.done() && h.cancelled();
        };
        QVERIFY(loop.run(main()));
        auto snap = s.recorder().snapshot();
        ObjectId slow = snap.lanes[lane_named(snap, "slow")].object;
        auto ends = of(snap, Kind::WaitEnd, slow);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(WaitResult::Timeout));
    }

    void nestedWaitForsTimeOutTheRightOne() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            int inner_timeouts = 0;
            auto inner = [&]() -> coro::Task<int> {
                try {
                    co_await coro::wait_for(coro::sleep(10s), 5ms);
                } catch (const TimeoutError&) {
                    ++inner_timeouts;
                }
                co_await coro::sleep(10s); // the outer deadline ends this one
                co_return 0;
            };
            try {
                co_await coro::wait_for(inner(), 30ms);
            } catch (const TimeoutError&) {
                co_return inner_timeouts + 10;
            }
            co_return -1;
        };
        QCOMPARE(loop.run(main()), 11);
    }

    void toThreadRunsOffTheLoop() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<int> {
            int v = co_await coro::to_thread([](int a) { return a * 2; }, 21);
            try {
                co_await coro::to_thread([] { throw std::invalid_argument("bad"); });
            } catch (const std::invalid_argument&) {
                v += 1000;
            }
            co_return v;
        };
        QCOMPARE(loop.run(main()), 1042);
        auto snap = s.recorder().snapshot();
        LaneId m = lane_named(snap, "lambda-1");
        auto begins = of(snap, Kind::WaitBegin, 0, m);
        QCOMPARE(begins.size(), std::size_t(2));
        QCOMPARE(begins[0].c, u16(WaitReason::Future));
        // Submit (by the executor, on the submitting task's lane), then the wait.
        QCOMPARE(lane_kinds(snap, m, begins[0].object),
                 (std::vector<Kind>{Kind::Submit, Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
        // The Wake names the future's Set, recorded by a worker thread lane.
        auto set = of(snap, Kind::Set, begins[0].object);
        QCOMPARE(set.size(), std::size_t(1));
        QVERIFY(set[0].lane != m && snap.lanes[set[0].lane].kind == trace::LaneKind::Thread);
    }

    void toThreadCancelWakesTheTaskAtOnce() {
        Session s;
        coro::Loop loop(s);
        auto main = [&]() -> coro::Task<bool> {
            auto slow = [&]() -> coro::Task<void> {
                co_await coro::to_thread([&] { thread::sleep(s, 200ms); });
            };
            auto h = coro::create_task(slow(), "offloader");
            co_await coro::sleep(5ms);
            h.cancel();
            try {
                co_await h;
            } catch (const CancelledError&) {
                co_return true;
            }
            co_return false;
        };
        QVERIFY(loop.run(main()));
    }
};

QTEST_GUILESS_MAIN(TestGather)
#include "tst_gather.moc"
