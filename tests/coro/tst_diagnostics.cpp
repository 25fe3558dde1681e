// The three loop diagnostics on real runs: a blocking call inside a task
// (loop_blocked, naming the task that waited), a task left waiting when the
// loop closed (task_never_finished), a coroutine never awaited
// (task_never_awaited); and a healthy run that reports none.
#ifndef Q_MOC_RUN // moc cannot parse asio and <concepts>
#include "analysis/loop_stalls.h"
#include "coro/coro.h"
#include "coro/coro_test_util.h"
#include "thread/sleep.h"
#endif

#include <QtTest>

using namespace il;
using namespace coro_test;

namespace {

std::vector<analysis::Diagnostic> issues(Session& s, const std::string& kind) {
    std::vector<analysis::Diagnostic> out;
    for (auto& d : analysis::find_loop_issues(s.recorder().snapshot()))
        if (d.kind == kind)
            out.push_back(d);
    return out;
}

} // namespace

class TestDiagnostics : public QObject {
    Q_OBJECT
private slots:
    void blockingCallBlocksTheLoop() {
        Session s;
        LaneId blocker = 0, ticker = 0;
        {
            coro::Loop loop(s);
            auto block = [&]() -> coro::Task<void> {
                co_await coro::sleep(2ms);
                thread::sleep(s, 80ms); // time.sleep in a coroutine
            };
            auto tick = [&]() -> coro::Task<void> {
                for (int i = 0; i < 10; ++i)
                    co_await coro::sleep(5ms);
            };
            auto main = [&]() -> coro::Task<void> {
                auto b = coro::create_task(block(), "blocker");
                auto t = coro::create_task(tick(), "ticker");
                blocker = b.lane();
                ticker = t.lane();
                co_await coro::gather(b, t);
            };
            loop.run(main());
        }
        auto d = issues(s, "loop_blocked");
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].lanes[0], blocker);
        QVERIFY(std::find(d[0].lanes.begin(), d[0].lanes.end(), ticker) != d[0].lanes.end());
        QVERIFY2(d[0].message.find("task 'blocker' blocked the event loop") == 0,
                 d[0].message.c_str());
        QVERIFY(issues(s, "task_never_finished").empty());
    }

    void taskLeftWaitingNeverFinished() {
        Session s;
        coro::Event never(s, "never set");
        {
            coro::Loop loop(s);
            auto waiter = [&]() -> coro::Task<void> { co_await never.wait(); };
            auto main = [&]() -> coro::Task<void> {
                coro::create_task(waiter(), "forgotten");
                co_await coro::sleep(1ms);
            };
            loop.run(main());
        } // closing the loop abandons it
        auto d = issues(s, "task_never_finished");
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].message, std::string("task 'forgotten' never finished: it was still waiting "
                                           "on event 'never set' (event) when its event loop "
                                           "closed"));
        QCOMPARE(d[0].objects, (std::vector<ObjectId>{never.id()}));
    }

    void coroutineNeverAwaited() {
        Session s;
        coro::Loop loop(s);
        auto fetch = []() -> coro::Task<int> { co_return 1; };
        auto main = [&]() -> coro::Task<void> {
            auto c = fetch().named("fetch-page"); // the missing co_await
            co_await coro::yield();
        };
        loop.run(main());
        auto d = issues(s, "task_never_awaited");
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY(d[0].message.starts_with("coroutine 'fetch-page' was never awaited"));
        QVERIFY(issues(s, "task_never_finished").empty());
    }

    void healthyRunReportsNothing() {
        Session s;
        {
            coro::Loop loop(s);
            coro::Queue<int> q(s, "q", 2);
            auto prod = [&]() -> coro::Task<void> {
                for (int i = 0; i < 20; ++i)
                    co_await q.put(i);
                co_await q.put(-1);
            };
            auto cons = [&]() -> coro::Task<void> {
                while (co_await q.get() >= 0)
                    co_await coro::sleep(100us);
            };
            auto main = [&]() -> coro::Task<void> { co_await coro::gather(prod(), cons()); };
            loop.run(main());
        }
        QVERIFY(analysis::find_loop_issues(s.recorder().snapshot()).empty());
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
