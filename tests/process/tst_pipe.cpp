// process::Pipe / Connection across a real spawned worker: values and order,
// the merged trace (Send in one process, Receive in the other, linked by
// flows()), closed ends (EOFError, BrokenPipeError, ClosedError), a killed
// peer, poll timeouts and stop -> Cancelled.
#include "analysis/flows.h"
#include "process/connection.h"
#include "process/errors.h"
#include "process/process.h"
#include "run/errors.h"

#include "process_test_util.h"

#include <QtTest>

#include <thread>

using namespace il;
using namespace proc_test;
using namespace std::chrono_literals;

class TestPipe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { before_ = Resources::now(); }
    void cleanupTestCase() { proc_test::Resources::now().expect_nothing_leaked_since(before_); }

    void echoKeepsValuesAndOrder() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        process::Process p(s, "echo", "proc.pipe_echo", {}, {b.share()});
        p.start();
        b.close(); // the child holds its own copy
        const std::string big(1 << 20, 'x');
        const std::vector<std::string> msgs{"hello", "", std::string("a\0b", 3), big};
        for (const auto& m : msgs)
            a.send(m);
        for (const auto& m : msgs)
            QCOMPARE(a.recv(), m);
        a.close(); // the child's recv() sees EOF and it exits
        QVERIFY(p.join(10s));
        QCOMPARE(p.exitcode(), std::optional<int>(0));

        auto snap = s.recorder().snapshot();
        const trace::LaneId main = s.recorder().current_lane();
        // a -> b: the parent's Sends, the child's Receives, tokens 1..4 in order.
        auto there = on(snap, a.send_object());
        auto sends = of_kind(there, Kind::Send);
        auto recvs = of_kind(there, Kind::Receive);
        QCOMPARE(sends.size(), msgs.size());
        QCOMPARE(recvs.size(), msgs.size());
        for (std::size_t i = 0; i < msgs.size(); ++i) {
            QCOMPARE(sends[i].lane, main);
            QCOMPARE(sends[i].a, std::int64_t(i + 1));
            QCOMPARE(sends[i].b, std::int32_t(msgs[i].size()));
            QCOMPARE(recvs[i].lane, p.lane());
            QCOMPARE(recvs[i].a, std::int64_t(i + 1));
            QVERIFY(recvs[i].t_ns > sends[i].t_ns); // same clock, cause first
        }
        // b -> a: the child's Sends, the parent's Receives.
        auto back = on(snap, a.recv_object());
        QCOMPARE(of_kind(back, Kind::Send).size(), msgs.size());
        QCOMPARE(of_kind(back, Kind::Send)[0].lane, p.lane());
        QCOMPARE(of_kind(back, Kind::Receive)[0].lane, main);

        // Every message is an arrow from one process to the other.
        auto edges = analysis::flows(snap);
        std::size_t cross = 0;
        for (const auto& f : edges)
            if (f.kind == analysis::FlowKind::SendReceive) {
                QVERIFY(snap.records[f.from].lane != snap.records[f.to].lane);
                ++cross;
            }
        QCOMPARE(cross, 2 * msgs.size());
        // The child waited only to receive, or to send the 1 MiB echo back
        // while the parent was still sending (the socket's buffer is smaller).
        for (const auto& w : of_kind(of_lane(snap, p.lane()), Kind::WaitBegin))
            QVERIFY(w.c == std::uint16_t(trace::WaitReason::Receive) ||
                    w.c == std::uint16_t(trace::WaitReason::Send));
    }

    void eofAfterTheChildExits() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        process::Process p(s, "sender", "proc.pipe_send_args", {"x", "y"}, {b.share()});
        p.start();
        b.close();
        QCOMPARE(a.recv(), std::string("x"));
        QCOMPARE(a.recv(), std::string("y"));
        QVERIFY_THROWS_EXCEPTION(process::EOFError, a.recv());
        QVERIFY(a.poll()); // EOF is "readable"
        p.join();
    }

    void brokenPipeAfterThePeerIsGone() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        process::Process p(s, "quitter", "proc.noop", {}, {b.share()});
        p.start();
        b.close();
        p.join();
        QVERIFY_THROWS_EXCEPTION(process::BrokenPipeError, a.send("anyone?"));
    }

    void killedPeerGivesEof() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        process::Process p(s, "sleeper", "proc.sleep_forever", {}, {b.share()});
        p.start();
        b.close();
        std::thread killer([&] {
            std::this_thread::sleep_for(30ms);
            p.kill();
        });
        QVERIFY_THROWS_EXCEPTION(process::EOFError, a.recv());
        killer.join();
        p.join();
        QCOMPARE(p.exitcode(), std::optional<int>(-SIGKILL));
    }

    void pollTimesOutAndIsRecorded() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        QVERIFY(!a.poll());
        QVERIFY(!a.poll(20ms));
        b.send("m");
        QVERIFY(a.poll(std::nullopt));
        auto waits = of_kind(on(s.recorder().snapshot(), a.recv_object()), Kind::WaitEnd);
        QCOMPARE(waits.size(), std::size_t(1));
        QCOMPARE(waits[0].c, std::uint16_t(trace::WaitResult::Timeout));
    }

    void closedAndOneWayEnds() {
        Session s;
        auto [r, w] = process::Pipe(s, "oneway", false);
        QVERIFY(r.readable() && !r.writable());
        QVERIFY(w.writable() && !w.readable());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, r.send("x"));
        QVERIFY_THROWS_EXCEPTION(RuntimeError, w.recv());
        w.send("one");
        QCOMPARE(r.recv(), std::string("one"));
        w.close();
        QVERIFY_THROWS_EXCEPTION(process::ClosedError, w.send("x"));
        QVERIFY_THROWS_EXCEPTION(process::EOFError, r.recv());
        QCOMPARE(on(s.recorder().snapshot(), r.recv_object()).size(), std::size_t(2));
    }

    void stopCancelsRecv() {
        Session s;
        auto [a, b] = process::Pipe(s, "chan");
        std::thread stopper([&] {
            std::this_thread::sleep_for(30ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, a.recv());
        stopper.join();
        auto waits = of_kind(on(s.recorder().snapshot(), a.recv_object()), Kind::WaitEnd);
        QCOMPARE(waits.size(), std::size_t(1));
        QCOMPARE(waits[0].c, std::uint16_t(trace::WaitResult::Cancelled));
    }

    void liveReaderSeesChildRecords() {
        Session s;
        trace::Recorder::Cursor cursor;
        auto [a, b] = process::Pipe(s, "chan");
        process::Process p(s, "echo", "proc.pipe_echo", {}, {b.share()});
        p.start();
        b.close();
        a.send("ping");
        QCOMPARE(a.recv(), std::string("ping"));
        a.close();
        p.join();
        std::size_t child = 0;
        for (const auto& r : s.recorder().read_new(cursor))
            child += r.lane == p.lane();
        QCOMPARE(child, of_lane(s.recorder().snapshot(), p.lane()).size());
        QVERIFY(child >= 4); // LaneStart, Receive, Send, LaneEnd (and maybe waits)
        QVERIFY(s.recorder().read_new(cursor).empty());
    }

private:
    Resources before_;
};

QTEST_GUILESS_MAIN(TestPipe)
#include "tst_pipe.moc"
