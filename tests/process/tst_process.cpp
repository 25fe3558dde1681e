// Process lifecycle across a real spawned interleave-worker: exit status,
// death by a signal, join timeout, terminate/kill, stop -> Cancelled, a
// Process destroyed while its child runs, the lane and its records, and no
// leaked descriptor, child or shared-memory entry afterwards.
#include "process/connection.h"
#include "process/errors.h"
#include "process/event.h"
#include "process/lock.h"
#include "process/process.h"
#include "process/queue.h"
#include "process/value.h"
#include "process/worker_path.h"
#include "run/errors.h"
#include "trace/shared_buffer.h"

#include "process_test_util.h"

#include <QtTest>

#include <atomic>

#include <csignal>
#include <cstdlib>
#include <thread>

using namespace il;
using namespace proc_test;
using namespace std::chrono_literals;

class TestProcess : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // Warm up once: lazily made things (the spawner thread, the task
        // registry) must not count as leaks.
        {
            Session s;
            process::Process p(s, "warm", "proc.noop");
            p.start();
            p.join();
        }
        before_ = Resources::now();
        QVERIFY(!before_.children);
    }

    void cleanupTestCase() { proc_test::Resources::now().expect_nothing_leaked_since(before_); }

    void exitStatusAndLane() {
        Session s;
        process::Process p(s, "child", "proc.exit", {"7"});
        QVERIFY(!p.started());
        QCOMPARE(p.exitcode(), std::nullopt);
        p.start();
        QVERIFY(p.pid() > 0);
        QVERIFY(p.join());
        QCOMPARE(p.exitcode(), std::optional<int>(7));
        QVERIFY(!p.is_alive());
        QCOMPARE(p.error(), std::string());

        auto snap = s.recorder().snapshot();
        const trace::LaneInfo* lane = snap.lane(p.lane());
        QVERIFY(lane);
        QCOMPARE(lane->kind, trace::LaneKind::Process);
        QCOMPARE(lane->pid, static_cast<std::int32_t>(p.pid()));
        QCOMPARE(lane->parent, s.recorder().current_lane());
        auto mine = of_lane(snap, p.lane());
        QCOMPARE(mine.size(), std::size_t(2));
        QCOMPARE(mine[0].kind, Kind::LaneStart);
        QCOMPARE(mine[0].a, std::int64_t(p.pid()));
        QCOMPARE(mine[1].kind, Kind::LaneEnd);
        QCOMPARE(mine[1].a, std::int64_t(1));
        QCOMPARE(mine[1].b, 7);
        QCOMPARE(mine[1].c, std::uint16_t(trace::LaneEndReason::Exited));
        // Joined follows the child's LaneEnd on the same clock.
        auto joined = of_kind(on(snap, p.object()), Kind::Joined);
        QCOMPARE(joined.size(), std::size_t(1));
        QCOMPARE(joined[0].a, std::int64_t(1));
        QVERIFY(joined[0].t_ns > mine[1].t_ns);
        QVERIFY(mine[0].t_ns >= snap.start_ns);
    }

    void raisedTaskReportsItsMessage() {
        Session s;
        process::Process p(s, "raiser", "proc.raise", {"boom: bad input"});
        p.start();
        p.join();
        QCOMPARE(p.exitcode(), std::optional<int>(1));
        QCOMPARE(p.error(), std::string("boom: bad input"));
    }

    void killedBySignal_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<int>("signal");
        QTest::newRow("segv") << "proc.crash_segv" << SIGSEGV;
        QTest::newRow("abort") << "proc.abort" << SIGABRT;
    }
    void killedBySignal() {
        QFETCH(QString, task);
        QFETCH(int, signal);
        Session s;
        process::Process p(s, "crasher", task.toStdString());
        p.start();
        p.join();
        QCOMPARE(p.exitcode(), std::optional<int>(-signal));
        // The parent ends the lane the child could not.
        auto mine = of_lane(s.recorder().snapshot(), p.lane());
        QCOMPARE(mine.back().kind, Kind::LaneEnd);
        QCOMPARE(mine.back().c, std::uint16_t(trace::LaneEndReason::Killed));
        QCOMPARE(mine.back().b, signal);
    }

    void joinTimeoutThenTerminate() {
        Session s;
        process::Process p(s, "sleeper", "proc.sleep_forever");
        p.start();
        QVERIFY(!p.join(30ms));
        QVERIFY(p.is_alive());
        QCOMPARE(p.exitcode(), std::nullopt);
        p.terminate();
        QVERIFY(p.join(10s));
        QCOMPARE(p.exitcode(), std::optional<int>(-SIGTERM));
        auto waits = of_kind(on(s.recorder().snapshot(), p.object()), Kind::WaitEnd);
        QCOMPARE(waits.size(), std::size_t(2));
        QCOMPARE(waits[0].c, std::uint16_t(trace::WaitResult::Timeout));
        QCOMPARE(waits[1].c, std::uint16_t(trace::WaitResult::Ok));
    }

    void isAliveWhileAnotherLaneJoins() {
        Session s;
        process::Process p(s, "sleeper", "proc.sleep_forever");
        p.start();
        std::atomic<bool> joined{false};
        std::thread joiner([&] {
            p.join();
            joined = true;
        });
        QVERIFY(p.is_alive());
        p.terminate();
        QVERIFY(eventually([&] { return !p.is_alive(); })); // may reap before the joiner
        joiner.join();
        QVERIFY(joined);
        QCOMPARE(p.exitcode(), std::optional<int>(-SIGTERM));
        QVERIFY(p.sentinel() >= 0);
    }

    void killWorks() {
        Session s;
        process::Process p(s, "sleeper", "proc.sleep_forever");
        p.start();
        p.kill();
        QVERIFY(p.join(10s));
        QCOMPARE(p.exitcode(), std::optional<int>(-SIGKILL));
    }

    void stopCancelsJoin() {
        Session s;
        process::Process p(s, "sleeper", "proc.sleep_forever");
        p.start();
        std::thread stopper([&] {
            std::this_thread::sleep_for(30ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, p.join());
        stopper.join();
        auto waits = of_kind(on(s.recorder().snapshot(), p.object()), Kind::WaitEnd);
        QCOMPARE(waits.size(), std::size_t(1));
        QCOMPARE(waits[0].c, std::uint16_t(trace::WaitResult::Cancelled));
        // The destructor kills and reaps the child.
    }

    void destroyedWhileRunningLeavesNoChild() {
        pid_t pid = 0;
        {
            Session s;
            process::Process p(s, "sleeper", "proc.sleep_forever");
            p.start();
            pid = p.pid();
            QVERIFY(::kill(pid, 0) == 0);
        }
        // Reaped: the pid is gone (not even a zombie of ours).
        QVERIFY(::kill(pid, 0) == -1 && errno == ESRCH);
        QVERIFY(!Resources::now().children);
    }

    void misuseIsReported() {
        Session s;
        process::Process p(s, "x", "no.such.task");
        QVERIFY_THROWS_EXCEPTION(ValueError, p.start());
        process::Process q(s, "y", "proc.noop");
        QVERIFY_THROWS_EXCEPTION(RuntimeError, q.join());
        q.start();
        QVERIFY_THROWS_EXCEPTION(RuntimeError, q.start());
        q.join();
    }

    void workerNotFoundNamesThePlacesTried() {
        // Only the variable can be made wrong here; the message must list it.
        qputenv("INTERLEAVE_WORKER", "/nonexistent/interleave-worker");
        std::string path = process::worker_path(); // falls back to the build path
        QVERIFY(path != "/nonexistent/interleave-worker");
        qunsetenv("INTERLEAVE_WORKER");
    }

    void childBudgetDropsAndCounts() {
        SessionOptions o;
        o.event_budget = 400; // the child gets a quarter: 100 records
        Session s(o);
        process::Process p(s, "marker", "proc.record_marks", {"1000"});
        p.start();
        p.join();
        QCOMPARE(p.exitcode(), std::optional<int>(0));
        auto snap = s.recorder().snapshot();
        auto mine = of_lane(snap, p.lane());
        QCOMPARE(mine.size(), std::size_t(100));
        QCOMPARE(mine[0].kind, Kind::LaneStart);
        // 1000 marks + LaneEnd did not fit: 902 dropped, and the parent ended the lane? No:
        // the child's own LaneEnd was dropped too, so its lane end is the parent's.
        QVERIFY(snap.dropped >= 901);
    }

    void failedRunLeavesNothing() {
        const Resources before = Resources::now();
        try {
            Session s;
            process::Queue q(s, "q", 2);
            auto [a, b] = process::Pipe(s, "p");
            process::Value<int> v(s, "v", 0);
            process::Lock l(s, "l");
            process::Event e(s, "e");
            process::Process crasher(s, "crasher", "proc.crash_segv", {},
                                     {q.share(), b.share(), v.share(), l.share(), e.share()});
            process::Process sleeper(s, "sleeper", "proc.sleep_forever", {},
                                     {q.share(), a.share(), v.share()});
            crasher.start();
            sleeper.start();
            crasher.join();
            throw std::runtime_error("the run failed");
        } catch (const std::runtime_error&) {
        }
        const Resources after = Resources::now();
        QCOMPARE(after.fds, before.fds);
        QCOMPARE(after.shm, before.shm);
        QVERIFY(!after.children);
    }

    void manyChildrenInParallel() {
        Session s;
        std::vector<std::unique_ptr<process::Process>> ps;
        for (int i = 0; i < 6; ++i) {
            ps.push_back(
                std::make_unique<process::Process>(s, "c" + std::to_string(i), "proc.exit",
                                                   std::vector<std::string>{std::to_string(i)}));
            ps.back()->start();
        }
        for (int i = 0; i < 6; ++i) {
            QVERIFY(ps[i]->join());
            QCOMPARE(ps[i]->exitcode(), std::optional<int>(i));
        }
    }

private:
    Resources before_;
};

QTEST_GUILESS_MAIN(TestProcess)
#include "tst_process.moc"
