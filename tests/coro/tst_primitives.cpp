// The async primitives: Lock, Semaphore/BoundedSemaphore, Event, Queue —
// asyncio semantics (FIFO fairness of waiters, handoff, errors), their
// recorded events (kinds, tokens, lanes), guards, and cancellation of a
// waiting acquire/wait/get/put.
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "coro/coro.h"
#include "coro/coro_test_util.h"
#include "run/errors.h"
#endif

#include <QtTest>

#include <string>
#include <vector>

using namespace il;
using namespace coro_test;
using trace::WaitReason;
using trace::WaitResult;

class TestPrimitives : public QObject {
    Q_OBJECT
private slots:
    void lockIsFifoAndHandsOver() {
        Session s;
        coro::Loop loop(s);
        coro::Lock lock(s, "l");
        std::vector<int> order;
        auto worker = [&](int i) -> coro::Task<void> {
            auto g = co_await lock.guard();
            order.push_back(i);
            co_await coro::yield(); // hold it across a suspension
        };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::Task<void>> ts;
            for (int i = 0; i < 4; ++i)
                ts.push_back(worker(i).named("w" + std::to_string(i)));
            co_await coro::gather(std::move(ts));
        };
        loop.run(main());
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3}));
        QVERIFY(!lock.locked());
        auto snap = s.recorder().snapshot();
        auto acq = of(snap, Kind::Acquire, lock.id());
        auto rel = of(snap, Kind::Release, lock.id());
        QCOMPARE(acq.size(), std::size_t(4));
        QCOMPARE(rel.size(), std::size_t(4));
        QCOMPARE(acq[0].a, std::int64_t(0)); // it was free
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(acq[i].a, std::int64_t(i)); // the Release that handed it over
            QCOMPARE(acq[i].lane, lane_named(snap, "w" + std::to_string(i)));
        }
        LaneId w1 = lane_named(snap, "w1");
        QCOMPARE(lane_kinds(snap, w1, lock.id()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Acquire, Kind::Release}));
        QCOMPARE(of(snap, Kind::WaitBegin, lock.id(), w1)[0].c, u16(WaitReason::Lock));
    }

    void lockReleaseUnlockedRaises() {
        Session s;
        coro::Lock lock(s, "l");
        QVERIFY_THROWS_EXCEPTION(RuntimeError, lock.release());
    }

    void cancelledLockWaiterLeavesTheQueue() {
        Session s;
        coro::Loop loop(s);
        coro::Lock lock(s, "l");
        std::vector<std::string> got;
        auto taker = [&](std::string name) -> coro::Task<void> {
            co_await lock.acquire();
            got.push_back(name);
            lock.release();
        };
        auto main = [&]() -> coro::Task<bool> {
            co_await lock.acquire();
            auto a = coro::create_task(taker("a"), "a");
            auto b = coro::create_task(taker("b"), "b");
            co_await coro::yield(); // both queue up
            CO_CHECK(lock.waiting() == 2);
            a.cancel();
            co_await coro::yield();
            CO_CHECK(lock.waiting() == 1);
            lock.release();
            co_await b;
            try {
                co_await a;
            } catch (const CancelledError&) {
                co_return true;
            }
            co_return false;
        };
        QVERIFY(loop.run(main()));
        QCOMPARE(got, (std::vector<std::string>{"b"}));
        auto snap = s.recorder().snapshot();
        auto ends = of(snap, Kind::WaitEnd, lock.id(), lane_named(snap, "a"));
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, u16(WaitResult::Cancelled));
    }

    void semaphoreLimitsAndIsFifo() {
        Session s;
        coro::Loop loop(s);
        coro::Semaphore sem(s, "sem", 2);
        int inside = 0, peak = 0;
        std::vector<int> order;
        auto worker = [&](int i) -> coro::Task<void> {
            auto g = co_await sem.guard();
            order.push_back(i);
            peak = std::max(peak, ++inside);
            co_await coro::sleep(1ms);
            --inside;
        };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::Task<void>> ts;
            for (int i = 0; i < 6; ++i)
                ts.push_back(worker(i));
            co_await coro::gather(std::move(ts));
        };
        loop.run(main());
        QCOMPARE(peak, 2);
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(sem.value(), std::int64_t(2));
        auto snap = s.recorder().snapshot();
        auto acq = of(snap, Kind::Acquire, sem.id());
        QCOMPARE(acq.size(), std::size_t(6));
        QCOMPARE(acq[0].a, std::int64_t(0)); // initial permits
        QCOMPARE(acq[1].a, std::int64_t(0));
        for (std::size_t i = 2; i < 6; ++i)
            QVERIFY(acq[i].a > 0); // a Release handed it over
    }

    void boundedSemaphoreRaises() {
        Session s;
        coro::BoundedSemaphore sem(s, "b", 1);
        QVERIFY_THROWS_EXCEPTION(ValueError, sem.release());
        QVERIFY_THROWS_EXCEPTION(ValueError, coro::Semaphore(s, "neg", -1));
        QCOMPARE(s.registry().object(sem.id()).kind, trace::ObjectKind::BoundedSemaphore);
    }

    void eventWakesEveryWaiter() {
        Session s;
        coro::Loop loop(s);
        coro::Event ev(s, "go");
        int woken = 0;
        auto waiter = [&]() -> coro::Task<void> {
            co_await ev.wait();
            ++woken;
        };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::TaskHandle<void>> hs;
            for (int i = 0; i < 3; ++i)
                hs.push_back(coro::create_task(waiter(), "waiter" + std::to_string(i)));
            co_await coro::yield();
            CO_CHECK(ev.waiting() == 3);
            ev.set();
            ev.set(); // already set: nothing
            co_await coro::gather(std::move(hs));
            co_await ev.wait(); // set: no wait
            ev.clear();
            CO_CHECK(!ev.is_set());
        };
        loop.run(main());
        QCOMPARE(woken, 3);
        auto snap = s.recorder().snapshot();
        QCOMPARE(of(snap, Kind::Set, ev.id()).size(), std::size_t(1));
        LaneId w0 = lane_named(snap, "waiter0");
        QCOMPARE(lane_kinds(snap, w0, ev.id()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::Wake, ev.id(), w0)[0].a, std::int64_t(1));
        QCOMPARE(of(snap, Kind::Clear, ev.id()).size(), std::size_t(1));
    }

    void queueProducerConsumerEveryItemOnce() {
        Session s;
        coro::Loop loop(s);
        coro::Queue<int> q(s, "q", 2);
        std::vector<int> got;
        auto producer = [&]() -> coro::Task<void> {
            for (int i = 0; i < 10; ++i)
                co_await q.put(i);
        };
        auto consumer = [&]() -> coro::Task<void> {
            for (;;) {
                int v = co_await q.get();
                if (v < 0)
                    break;
                got.push_back(v);
                q.task_done();
            }
            q.task_done();
        };
        auto main = [&]() -> coro::Task<void> {
            auto c = coro::create_task(consumer(), "consumer");
            co_await producer();
            co_await q.join();
            co_await q.put(-1);
            co_await c;
        };
        loop.run(main());
        QCOMPARE(got, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        auto snap = s.recorder().snapshot();
        auto puts = of(snap, Kind::Put, q.id());
        auto gets = of(snap, Kind::Get, q.id());
        QCOMPARE(puts.size(), std::size_t(11));
        QCOMPARE(gets.size(), std::size_t(11));
        for (std::size_t i = 0; i < gets.size(); ++i) {
            QCOMPARE(gets[i].a, std::int64_t(i + 1)); // each item once, in order
            QVERIFY(puts[i].b <= 2 && gets[i].b <= 2);
        }
    }

    void queueNowaitAndErrors() {
        Session s;
        coro::Queue<std::string> q(s, "q", 1);
        q.put_nowait("a");
        QVERIFY(q.full());
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put_nowait("b"));
        QCOMPARE(q.get_nowait(), std::string("a"));
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get_nowait());
        q.task_done();
        QVERIFY_THROWS_EXCEPTION(ValueError, q.task_done());
    }

    void queueGettersAreServedFifo() {
        Session s;
        coro::Loop loop(s);
        coro::Queue<int> q(s, "q");
        std::vector<std::pair<int, int>> got; // (getter, item)
        auto getter = [&](int who) -> coro::Task<void> { got.emplace_back(who, co_await q.get()); };
        auto main = [&]() -> coro::Task<void> {
            std::vector<coro::TaskHandle<void>> hs;
            for (int i = 0; i < 3; ++i)
                hs.push_back(coro::create_task(getter(i)));
            co_await coro::yield();
            for (int i = 0; i < 3; ++i)
                q.put_nowait(10 + i);
            co_await coro::gather(std::move(hs));
        };
        loop.run(main());
        QCOMPARE(got, (std::vector<std::pair<int, int>>{{0, 10}, {1, 11}, {2, 12}}));
        auto snap = s.recorder().snapshot();
        for (const Record& g : of(snap, Kind::Get, q.id()))
            QCOMPARE(lane_kinds(snap, g.lane, q.id()),
                     (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Get}));
    }

    void cancelledGetterDoesNotLoseAnItem() {
        Session s;
        coro::Loop loop(s);
        coro::Queue<int> q(s, "q");
        // A named lambda: a coroutine lambda must outlive its coroutine.
        auto getq = [&]() -> coro::Task<int> { co_return co_await q.get(); };
        auto main = [&]() -> coro::Task<int> {
            auto a = coro::create_task(getq(), "a");
            auto b = coro::create_task(getq(), "b");
            co_await coro::yield();
            a.cancel();
            co_await coro::yield();
            q.put_nowait(5);
            co_return co_await b;
        };
        QCOMPARE(loop.run(main()), 5);
    }

    void waitForTimesOutPrimitives() {
        Session s;
        coro::Loop loop(s);
        coro::Lock lock(s, "l");
        coro::Queue<int> q(s, "q");
        coro::Event ev(s, "e");
        int timeouts = 0;
        auto main = [&]() -> coro::Task<void> {
            co_await lock.acquire();
            try {
                co_await coro::wait_for(lock.acquire(), 2ms);
            } catch (const TimeoutError&) {
                ++timeouts;
            }
            try {
                co_await coro::wait_for(q.get(), 2ms);
            } catch (const TimeoutError&) {
                ++timeouts;
            }
            try {
                co_await coro::wait_for(ev.wait(), 2ms);
            } catch (const TimeoutError&) {
                ++timeouts;
            }
            CO_CHECK(lock.waiting() == 0 && ev.waiting() == 0);
            lock.release();
            q.put_nowait(1);
            CO_CHECK(co_await coro::wait_for(q.get(), 1000ms) == 1); // in time
        };
        loop.run(main());
        QCOMPARE(timeouts, 3);
        auto snap = s.recorder().snapshot();
        for (ObjectId o : {lock.id(), q.id(), ev.id()})
            QCOMPARE(of(snap, Kind::WaitEnd, o)[0].c, u16(WaitResult::Timeout));
    }
};

QTEST_GUILESS_MAIN(TestPrimitives)
#include "tst_primitives.moc"
