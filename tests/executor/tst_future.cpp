#include "executor/future.h"
#include "run/errors.h"
#include "thread/thread.h"

#include <QtTest>

#include <chrono>
#include <memory>
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

std::vector<trace::Record> recordsOf(Session& s, trace::ObjectId object) {
    std::vector<trace::Record> out;
    for (const trace::Record& r : s.recorder().snapshot().records)
        if (r.object == object)
            out.push_back(r);
    return out;
}

std::vector<Kind> kindsOf(Session& s, trace::ObjectId object) {
    std::vector<Kind> out;
    for (const trace::Record& r : recordsOf(s, object))
        out.push_back(r.kind);
    return out;
}

// Polls the trace until `kind` shows up on `object`: how a test knows a lane
// is really blocked without guessing with sleeps.
bool awaitRecord(Session& s, Kind kind, trace::ObjectId object) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        for (const trace::Record& r : s.recorder().snapshot().records)
            if (r.kind == kind && r.object == object)
                return true;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

} // namespace

class TestFuture : public QObject {
    Q_OBJECT
private slots:
    void startsPendingAndIsRegistered() {
        Session s;
        Future<int> f(s, "answer");
        QCOMPARE(f.state(), FutureState::Pending);
        QVERIFY(!f.running());
        QVERIFY(!f.done());
        QVERIFY(!f.cancelled());
        trace::ObjectInfo info = s.registry().object(f.id());
        QCOMPARE(info.kind, trace::ObjectKind::Future);
        QCOMPARE(info.name, std::string("answer"));
        QCOMPARE(info.related, trace::ObjectId(0));
    }

    void runsToFinishedAndRecords() {
        Session s;
        Future<int> f(s);
        QVERIFY(f.set_running_or_notify_cancel());
        QVERIFY(f.running());
        QVERIFY(!f.cancel()); // a running future cannot be cancelled
        f.set_result(42);
        QCOMPARE(f.state(), FutureState::Finished);
        QVERIFY(f.done());
        QCOMPARE(f.result(), 42);
        QCOMPARE(f.result(0ns), 42); // done: a zero timeout is fine
        QVERIFY(f.exception() == nullptr);
        QVERIFY(!f.cancel());

        auto rs = recordsOf(s, f.id());
        QCOMPARE(rs.size(), std::size_t(3));
        QCOMPARE(rs[0].kind, Kind::TaskStart);
        QCOMPARE(rs[1].kind, Kind::TaskEnd);
        QCOMPARE(rs[1].c, std::uint16_t(FutureState::Finished));
        QCOMPARE(rs[1].b, 0);
        QCOMPARE(rs[2].kind, Kind::Set);
        QCOMPARE(rs[2].a, FutureCore::kSetToken);
    }

    void pendingCanBeSetDirectly() {
        Session s;
        Future<std::string> f(s);
        f.set_result("x");
        QCOMPARE(f.result(), std::string("x"));
        // Never ran, so no TaskStart/TaskEnd: only the Set.
        QCOMPARE(kindsOf(s, f.id()), std::vector<Kind>{Kind::Set});
    }

    void resultRethrowsTheTasksException() {
        Session s;
        Future<int> f(s);
        QVERIFY(f.set_running_or_notify_cancel());
        f.set_exception(std::make_exception_ptr(Boom()));
        QVERIFY(f.done());
        QVERIFY_THROWS_EXCEPTION(Boom, f.result());
        QVERIFY_THROWS_EXCEPTION(Boom, f.result()); // every time
        std::exception_ptr e = f.exception();
        QVERIFY(e != nullptr);
        QVERIFY_THROWS_EXCEPTION(Boom, std::rethrow_exception(e));
        auto rs = recordsOf(s, f.id());
        QCOMPARE(rs[1].kind, Kind::TaskEnd);
        QCOMPARE(rs[1].b, 1); // ended with an exception
    }

    void cancelPending() {
        Session s;
        Future<int> f(s);
        QVERIFY(f.cancel());
        QVERIFY(f.cancelled());
        QVERIFY(f.done());
        QVERIFY(!f.running());
        QVERIFY(f.cancel()); // already cancelled: still true
        QVERIFY_THROWS_EXCEPTION(CancelledError, f.result());
        QVERIFY_THROWS_EXCEPTION(CancelledError, f.exception());
        QVERIFY(!f.set_running_or_notify_cancel()); // the executor skips it
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, f.set_result(1));
        QVERIFY_THROWS_EXCEPTION(InvalidStateError,
                                 f.set_exception(std::make_exception_ptr(Boom())));
        QCOMPARE(kindsOf(s, f.id()), (std::vector<Kind>{Kind::Cancel, Kind::Set}));
    }

    void misuseThrows() {
        Session s;
        Future<int> f(s);
        f.set_result(1);
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, f.set_result(2));
        QVERIFY_THROWS_EXCEPTION(RuntimeError, f.set_running_or_notify_cancel());
        QCOMPARE(f.result(), 1);
        Future<int> g(s);
        QVERIFY(g.set_running_or_notify_cancel());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, g.set_running_or_notify_cancel());
        QVERIFY_THROWS_EXCEPTION(ValueError, g.set_exception(nullptr));
    }

    void voidAndMoveOnlyResults() {
        Session s;
        Future<void> v(s);
        QVERIFY(v.set_running_or_notify_cancel());
        v.set_result();
        v.result();
        QVERIFY(v.done());

        Future<std::unique_ptr<int>> m(s);
        m.set_result(std::make_unique<int>(7));
        const std::unique_ptr<int>& p = m.result();
        QCOMPARE(*p, 7);
        QCOMPARE(m.result().get(), p.get()); // the same object, not a copy
    }

    void copiesShareOneState() {
        Session s;
        Future<int> a(s);
        Future<int> b = a;
        QVERIFY(a == b);
        a.set_result(5);
        QCOMPARE(b.result(), 5);
        QVERIFY(!Future<int>().valid());
    }

    void resultTimesOutOnPending() {
        Session s;
        Future<int> f(s);
        QVERIFY_THROWS_EXCEPTION(TimeoutError, f.result(10ms));
        QVERIFY_THROWS_EXCEPTION(TimeoutError, f.exception(1ms));
        auto rs = recordsOf(s, f.id());
        QCOMPARE(rs.size(), std::size_t(4));
        QCOMPARE(rs[0].kind, Kind::WaitBegin);
        QCOMPARE(rs[0].c, std::uint16_t(trace::WaitReason::Future));
        QCOMPARE(rs[1].kind, Kind::WaitEnd);
        QCOMPARE(rs[1].c, std::uint16_t(trace::WaitResult::Timeout));
        QVERIFY(!f.done());
    }

    void blockedResultIsWokenBySet() {
        Session s;
        Future<int> f(s);
        thread::Thread setter(s, "setter", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, f.id()));
            f.set_result(9);
        });
        setter.start();
        QCOMPARE(f.result(), 9);
        setter.join();

        // WaitBegin (main) -> Set (setter) -> Wake (main, the Set's token) -> WaitEnd.
        auto rs = recordsOf(s, f.id());
        QCOMPARE(rs.size(), std::size_t(4));
        QCOMPARE(rs[0].kind, Kind::WaitBegin);
        QCOMPARE(rs[1].kind, Kind::Set);
        QCOMPARE(rs[1].lane, setter.lane());
        QCOMPARE(rs[2].kind, Kind::Wake);
        QCOMPARE(rs[2].a, rs[1].a);
        QCOMPARE(rs[2].lane, rs[0].lane);
        QCOMPARE(rs[3].kind, Kind::WaitEnd);
        QCOMPARE(rs[3].c, std::uint16_t(trace::WaitResult::Ok));
    }

    void cancelWakesABlockedResult() {
        Session s;
        Future<int> f(s);
        thread::Thread canceller(s, "canceller", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, f.id()));
            QVERIFY(f.cancel());
        });
        canceller.start();
        QVERIFY_THROWS_EXCEPTION(CancelledError, f.result());
        canceller.join();
        QCOMPARE(kindsOf(s, f.id()), (std::vector<Kind>{Kind::WaitBegin, Kind::Cancel, Kind::Set,
                                                        Kind::Wake, Kind::WaitEnd}));
    }

    void callbacksRunInOrderOnTheCompletingThread() {
        Session s;
        Future<int> f(s);
        std::vector<int> order;
        std::vector<std::thread::id> where;
        for (int i = 0; i < 3; ++i)
            f.add_done_callback([&, i](const Future<int>& g) {
                order.push_back(i * 100 + g.result());
                where.push_back(std::this_thread::get_id());
            });
        QVERIFY(order.empty());
        std::thread::id setter_id;
        std::thread t([&] {
            setter_id = std::this_thread::get_id();
            f.set_result(1);
        });
        t.join();
        QCOMPARE(order, (std::vector<int>{1, 101, 201}));
        for (auto id : where)
            QVERIFY(id == setter_id);
    }

    void callbackOnDoneFutureRunsAtOnce() {
        Session s;
        Future<int> f(s);
        f.set_result(3);
        int seen = 0;
        f.add_done_callback([&](const Future<int>& g) { seen = g.result(); });
        QCOMPARE(seen, 3); // before add_done_callback returned, on this thread

        Future<void> c(s);
        c.cancel();
        bool ran = false;
        c.add_done_callback([&](const Future<void>& g) { ran = g.cancelled(); });
        QVERIFY(ran);
    }

    void throwingCallbackIsIgnored() {
        Session s;
        Future<int> f(s);
        int after = 0;
        f.add_done_callback([](const Future<int>&) { throw Boom(); });
        f.add_done_callback([&](const Future<int>&) { ++after; });
        f.set_result(1); // does not throw
        QCOMPARE(after, 1);
        f.add_done_callback([](const Future<int>&) { throw Boom(); }); // done: at once, ignored
        QCOMPARE(f.result(), 1);
    }

    void callbacksRunOnCancel() {
        Session s;
        Future<int> f(s);
        bool saw_cancelled = false;
        f.add_done_callback([&](const Future<int>& g) { saw_cancelled = g.cancelled(); });
        QVERIFY(f.cancel());
        QVERIFY(saw_cancelled);
    }

    void stopEndsABlockedResult() {
        Session s;
        Future<int> f(s);
        thread::Thread stopper(s, "stopper", [&] {
            QVERIFY(awaitRecord(s, Kind::WaitBegin, f.id()));
            s.request_stop();
        });
        stopper.start();
        QVERIFY_THROWS_EXCEPTION(Cancelled, f.result());
        auto rs = recordsOf(s, f.id());
        QCOMPARE(rs.back().kind, Kind::WaitEnd);
        QCOMPARE(rs.back().c, std::uint16_t(trace::WaitResult::Cancelled));
        QVERIFY(!f.done()); // the future itself is untouched
    }
};

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
