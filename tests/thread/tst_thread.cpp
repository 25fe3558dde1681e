#include "run/errors.h"
#include "thread/sleep.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>

using namespace il;
using trace::Kind;

namespace {
std::vector<trace::Record> of_lane(const trace::Snapshot& s, trace::LaneId lane) {
    std::vector<trace::Record> out;
    for (const auto& r : s.records)
        if (r.lane == lane)
            out.push_back(r);
    return out;
}
} // namespace

class TestThread : public QObject {
    Q_OBJECT
private slots:
    void laneRecordsStartEndAndJoin() {
        Session s;
        std::atomic<int> ran{0};
        thread::Thread t(s, "worker", [&] { ++ran; });
        QCOMPARE(s.registry().lane(t.lane()).name, std::string("worker"));
        QVERIFY(!t.started());
        t.start();
        QVERIFY(t.join());
        QCOMPARE(ran.load(), 1);
        QVERIFY(!t.is_alive());
        auto snap = s.recorder().snapshot();
        auto mine = of_lane(snap, t.lane());
        QCOMPARE(mine.size(), std::size_t(2));
        QCOMPARE(mine[0].kind, Kind::LaneStart);
        QCOMPARE(mine[1].kind, Kind::LaneEnd);
        QCOMPARE(mine[1].a, std::int64_t(1));
        QCOMPARE(mine[1].c, std::uint16_t(trace::LaneEndReason::Returned));
        // The joiner records Joined with the LaneEnd's token: the lane_end -> joined arrow.
        const trace::Record& joined = snap.records.back();
        QCOMPARE(joined.kind, Kind::Joined);
        QCOMPARE(joined.object, t.object());
        QCOMPARE(joined.a, std::int64_t(1));
        QVERIFY(joined.lane != t.lane());
        QCOMPARE(snap.lane(t.lane())->parent, s.recorder().current_lane());
    }

    void joinWaitsAndIsRecordedAsBlocked() {
        Session s;
        thread::Thread t(s, "sleeper", [&] { thread::sleep(s, std::chrono::milliseconds(20)); });
        t.start();
        t.join();
        auto snap = s.recorder().snapshot();
        auto main = of_lane(snap, s.recorder().current_lane());
        QCOMPARE(main.size(), std::size_t(3));
        QCOMPARE(main[0].kind, Kind::WaitBegin);
        QCOMPARE(main[0].c, std::uint16_t(trace::WaitReason::Join));
        QCOMPARE(main[0].object, t.object());
        QCOMPARE(main[1].kind, Kind::WaitEnd);
        QCOMPARE(main[2].kind, Kind::Joined);
        auto worker = of_lane(snap, t.lane());
        QCOMPARE(worker[1].kind, Kind::SleepBegin);
        QCOMPARE(worker[1].a, std::int64_t(20'000'000));
        QCOMPARE(worker[2].kind, Kind::SleepEnd);
    }

    void exceptionIsKeptAndRecorded() {
        Session s;
        thread::Thread t(s, "thrower", [] { throw std::runtime_error("boom"); });
        t.start();
        t.join();
        QVERIFY(t.exception());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, std::rethrow_exception(t.exception()));
        auto snap = s.recorder().snapshot();
        auto mine = of_lane(snap, t.lane());
        QCOMPARE(mine.back().c, std::uint16_t(trace::LaneEndReason::Raised));
    }

    void joinTimesOut() {
        Session s;
        std::atomic<bool> release{false};
        thread::Thread t(s, "slow", [&] {
            while (!release)
                thread::sleep(s, std::chrono::milliseconds(1));
        });
        t.start();
        QVERIFY(!t.join(std::chrono::milliseconds(5)));
        release = true;
        QVERIFY(t.join());
    }

    void stopCancelsJoin() {
        Session s;
        std::atomic<bool> release{false};
        // This lane ignores the stop, so the join below can only end by being cancelled.
        thread::Thread t(s, "stubborn", [&] {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
        t.start();
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            s.request_stop();
        });
        bool cancelled = false;
        try {
            t.join();
        } catch (const Cancelled&) {
            cancelled = true;
        }
        stopper.join();
        release = true;
        QVERIFY(cancelled);
        auto snap = s.recorder().snapshot();
        auto main = of_lane(snap, s.recorder().current_lane());
        QCOMPARE(main.back().kind, Kind::WaitEnd);
        QCOMPARE(main.back().c, std::uint16_t(trace::WaitResult::Cancelled));
        // ~Thread joins the OS thread.
    }

    void lanesEndCancelledWhenStopped() {
        Session s;
        auto t = std::make_unique<thread::Thread>(s, "sleeper",
                                                  [&] { thread::sleep(s, std::chrono::hours(1)); });
        t->start();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        s.request_stop();
        auto lane = t->lane();
        t.reset(); // joins
        auto mine = of_lane(s.recorder().snapshot(), lane);
        QCOMPARE(mine.back().kind, Kind::LaneEnd);
        QCOMPARE(mine.back().c, std::uint16_t(trace::LaneEndReason::Cancelled));
    }

    void startTwiceAndJoinUnstartedThrow() {
        Session s;
        thread::Thread t(s, "t", [] {});
        QVERIFY_THROWS_EXCEPTION(RuntimeError, t.join());
        t.start();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, t.start());
        QVERIFY(t.join());
        QVERIFY(t.join()); // again, as Python allows
    }
};

QTEST_GUILESS_MAIN(TestThread)
#include "tst_thread.moc"
