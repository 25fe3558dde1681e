#include "executor/as_completed.h"
#include "executor/thread_pool_executor.h"
#include "executor/wait.h"
#include "run/errors.h"
#include "thread/thread.h"

#include <QtTest>

#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace il;
using namespace il::executor;
using namespace std::chrono_literals;
using trace::Kind;

namespace {

struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
};

// Polls the trace until `kind` shows up on `object` `count` times: how a
// test knows a lane is really blocked without guessing with sleeps.
bool awaitRecord(Session& s, Kind kind, trace::ObjectId object, int count = 1) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        int n = 0;
        for (const trace::Record& r : s.recorder().snapshot().records)
            if (r.kind == kind && r.object == object)
                ++n;
        if (n >= count)
            return true;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

std::vector<trace::Record> laneRecords(Session& s, trace::LaneId lane) {
    std::vector<trace::Record> out;
    for (const trace::Record& r : s.recorder().snapshot().records)
        if (r.lane == lane)
            out.push_back(r);
    return out;
}

std::vector<Future<int>> makeFutures(Session& s, int n) {
    std::vector<Future<int>> fs;
    for (int i = 0; i < n; ++i)
        fs.emplace_back(s, "f" + std::to_string(i));
    return fs;
}

} // namespace

class TestWait : public QObject {
    Q_OBJECT
private slots:
    void waitOnDoneFuturesDoesNotBlock() {
        Session s;
        auto fs = makeFutures(s, 3);
        for (int i = 0; i < 3; ++i)
            fs[i].set_result(i);
        auto r = wait(fs);
        QCOMPARE(r.done.size(), std::size_t(3));
        QVERIFY(r.not_done.empty());
        QVERIFY(r.done[0] == fs[0] && r.done[2] == fs[2]); // input order
        for (const auto& rec : s.recorder().snapshot().records)
            QVERIFY(rec.kind != Kind::WaitBegin);
        auto none = wait(std::vector<Future<int>>{}, 0ns, ReturnWhen::FirstCompleted);
        QVERIFY(none.done.empty() && none.not_done.empty());
    }

    void firstCompletedWakesOnTheFirstSet() {
        Session s;
        auto fs = makeFutures(s, 3);
        thread::Thread setter(s, "setter", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[0].id()));
            fs[1].set_result(1);
        });
        setter.start();
        auto r = wait(fs, std::nullopt, ReturnWhen::FirstCompleted);
        setter.join();
        QCOMPARE(r.done.size(), std::size_t(1));
        QVERIFY(r.done[0] == fs[1]);
        QCOMPARE(r.not_done.size(), std::size_t(2));
        QVERIFY(r.not_done[0] == fs[0] && r.not_done[1] == fs[2]);

        // WaitBegin (first pending future, b = 3 pending) -> the Set ->
        // Wake on the future that ended the wait, with its token -> WaitEnd.
        std::vector<trace::Record> seq;
        for (const auto& rec : s.recorder().snapshot().records)
            if (rec.kind == Kind::WaitBegin || rec.kind == Kind::WaitEnd ||
                rec.kind == Kind::Wake || (rec.kind == Kind::Set && rec.object == fs[1].id()))
                if (rec.object == fs[0].id() || rec.object == fs[1].id())
                    seq.push_back(rec);
        QCOMPARE(seq.size(), std::size_t(4));
        QCOMPARE(seq[0].kind, Kind::WaitBegin);
        QCOMPARE(seq[0].object, fs[0].id());
        QCOMPARE(seq[0].b, 3);
        QCOMPARE(seq[0].c, std::uint16_t(trace::WaitReason::Future));
        QCOMPARE(seq[1].kind, Kind::Set);
        QCOMPARE(seq[1].lane, setter.lane());
        QCOMPARE(seq[2].kind, Kind::Wake);
        QCOMPARE(seq[2].object, fs[1].id());
        QCOMPARE(seq[2].a, seq[1].a);
        QCOMPARE(seq[3].kind, Kind::WaitEnd);
        QCOMPARE(seq[3].c, std::uint16_t(trace::WaitResult::Ok));
        for (auto& f : fs) // the waiter is gone: completing the rest is safe
            if (!f.done())
                f.set_result(0);
    }

    void firstExceptionWaitsForARaise() {
        Session s;
        auto fs = makeFutures(s, 3);
        fs[0].set_result(0); // done without an exception: not enough
        thread::Thread setter(s, "setter", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[1].id()));
            fs[2].set_result(2);
            fs[1].set_exception(std::make_exception_ptr(Boom()));
        });
        setter.start();
        auto r = wait(fs, std::nullopt, ReturnWhen::FirstException);
        setter.join();
        QCOMPARE(r.done.size(), std::size_t(3));
        QVERIFY(r.not_done.empty());
    }

    void firstExceptionReturnsBeforeTheRest() {
        Session s;
        auto fs = makeFutures(s, 3);
        fs[0].set_exception(std::make_exception_ptr(Boom()));
        auto r = wait(fs, std::nullopt, ReturnWhen::FirstException);
        QCOMPARE(r.done.size(), std::size_t(1));
        QCOMPARE(r.not_done.size(), std::size_t(2));
    }

    void firstExceptionWithoutRaisesMeansAll() {
        Session s;
        auto fs = makeFutures(s, 2);
        fs[0].set_result(0);
        QVERIFY(fs[1].cancel()); // a cancel is done, and not an exception
        auto r = wait(fs, std::nullopt, ReturnWhen::FirstException);
        QCOMPARE(r.done.size(), std::size_t(2));
    }

    void allCompletedWaitsForAll_data() {
        QTest::addColumn<int>("workers");
        QTest::newRow("1 worker") << 1;
        QTest::newRow("2 workers") << 2;
        QTest::newRow("4 workers") << 4;
    }
    void allCompletedWaitsForAll() {
        QFETCH(int, workers);
        Session s;
        ThreadPoolExecutor pool(s, workers);
        std::vector<Future<int>> fs;
        for (int i = 0; i < 100; ++i)
            fs.push_back(pool.submit([i] { return i; }));
        auto r = wait(fs, std::nullopt, ReturnWhen::AllCompleted);
        QCOMPARE(r.done.size(), std::size_t(100));
        QVERIFY(r.not_done.empty());
        for (auto& f : fs)
            QVERIFY(f.done());
    }

    void timeoutReturnsWhatIsDone() {
        Session s;
        auto fs = makeFutures(s, 3);
        fs[2].set_result(2);
        auto r = wait(fs, 20ms, ReturnWhen::AllCompleted);
        QCOMPARE(r.done.size(), std::size_t(1));
        QVERIFY(r.done[0] == fs[2]);
        QCOMPARE(r.not_done.size(), std::size_t(2));
        auto mine = laneRecords(s, s.recorder().current_lane());
        QCOMPARE(mine.back().kind, Kind::WaitEnd);
        QCOMPARE(mine.back().c, std::uint16_t(trace::WaitResult::Timeout));
        QCOMPARE(mine[mine.size() - 2].kind, Kind::WaitBegin);
        QCOMPARE(mine[mine.size() - 2].b, 2);
    }

    void cancelEndsAFirstCompletedWait() {
        Session s;
        auto fs = makeFutures(s, 2);
        thread::Thread canceller(s, "canceller", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[0].id()));
            QVERIFY(fs[0].cancel());
        });
        canceller.start();
        auto r = wait(fs, std::nullopt, ReturnWhen::FirstCompleted);
        QCOMPARE(r.done.size(), std::size_t(1));
        QVERIFY(r.done[0].cancelled());
    }

    void mixedTypesAndDuplicates() {
        Session s;
        Future<int> a(s);
        Future<void> b(s);
        Future<std::string> c(s);
        a.set_result(1);
        b.set_result();
        std::vector<AnyFuture> all{a.any(), b.any(), a.any(), c.any()};
        auto r = wait(all, 0ns);
        QCOMPARE(r.done.size(), std::size_t(2)); // a once, b
        QVERIFY(r.done[0] == a.any() && r.done[1] == b.any());
        QCOMPARE(r.not_done.size(), std::size_t(1));
        QVERIFY(r.not_done[0] == c.any());

        c.set_result("x");
        std::vector<AnyFuture> seen;
        for (const AnyFuture& f : as_completed(all))
            seen.push_back(f);
        QCOMPARE(seen.size(), std::size_t(3));
    }

    void asCompletedYieldsDoneFirstThenInFinishingOrder() {
        Session s;
        auto fs = makeFutures(s, 5);
        fs[3].set_result(3);
        fs[1].set_result(1);
        auto it = as_completed(fs);
        // Finishing order from now on: 4, 0, 2.
        fs[4].set_result(4);
        fs[0].set_result(0);
        fs[2].set_result(2);
        std::vector<int> order;
        while (auto f = it.next())
            order.push_back(f->result());
        QCOMPARE(order, (std::vector<int>{1, 3, 4, 0, 2}));
        QVERIFY(!it.next()); // stays exhausted
    }

    void asCompletedYieldsEachOnce_data() {
        QTest::addColumn<int>("workers");
        QTest::newRow("1 worker") << 1;
        QTest::newRow("2 workers") << 2;
        QTest::newRow("4 workers") << 4;
    }
    void asCompletedYieldsEachOnce() {
        QFETCH(int, workers);
        Session s;
        ThreadPoolExecutor pool(s, workers);
        std::vector<Future<int>> fs;
        for (int i = 0; i < 200; ++i)
            fs.push_back(pool.submit([i] { return i; }));
        fs.push_back(fs[7]); // a duplicate is yielded once
        std::set<int> seen;
        int n = 0;
        for (const Future<int>& f : as_completed(fs, 30s)) {
            QVERIFY(f.done());
            seen.insert(f.result());
            ++n;
        }
        QCOMPARE(n, 200);
        QCOMPARE(seen.size(), std::size_t(200));
    }

    void asCompletedBlocksAndIsWoken() {
        Session s;
        auto fs = makeFutures(s, 2);
        thread::Thread setter(s, "setter", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[0].id()));
            fs[1].set_result(1);
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[0].id(), 2));
            fs[0].set_result(0);
        });
        setter.start();
        auto it = as_completed(fs);
        auto first = it.next();
        QVERIFY(first && *first == fs[1]);
        auto second = it.next();
        QVERIFY(second && *second == fs[0]);
        QVERIFY(!it.next());
        setter.join();

        std::vector<Kind> kinds;
        std::vector<trace::ObjectId> objects;
        for (const auto& r : laneRecords(s, s.recorder().current_lane()))
            if ((r.kind == Kind::WaitBegin || r.kind == Kind::Wake || r.kind == Kind::WaitEnd) &&
                (r.object == fs[0].id() || r.object == fs[1].id())) {
                kinds.push_back(r.kind);
                objects.push_back(r.object);
            }
        QCOMPARE(kinds, (std::vector<Kind>{Kind::WaitBegin, Kind::Wake, Kind::WaitEnd,
                                           Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
        QCOMPARE(objects[1], fs[1].id());
        QCOMPARE(objects[4], fs[0].id());
    }

    void asCompletedTimesOut() {
        Session s;
        auto fs = makeFutures(s, 3);
        fs[1].set_result(1);
        auto it = as_completed(fs, 20ms);
        auto first = it.next();
        QVERIFY(first && *first == fs[1]);
        try {
            it.next();
            QFAIL("as_completed did not time out");
        } catch (const TimeoutError& e) {
            QCOMPARE(std::string(e.what()), std::string("2 (of 3) futures unfinished"));
        }
    }

    void stopEndsAWait() {
        Session s;
        auto fs = makeFutures(s, 2);
        thread::Thread stopper(s, "stopper", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, fs[0].id()));
            s.request_stop();
        });
        stopper.start();
        QVERIFY_THROWS_EXCEPTION(Cancelled, wait(fs));
        QVERIFY_THROWS_EXCEPTION(Cancelled, as_completed(fs).next());
        fs[0].set_result(0); // no waiter is left behind on the futures
        fs[1].set_result(1);
    }
};

QTEST_GUILESS_MAIN(TestWait)
#include "tst_wait.moc"
