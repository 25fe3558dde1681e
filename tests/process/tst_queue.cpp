// process::Queue across real spawned workers: values and order, sizes and
// tokens in the merged trace (Put in one process, Get in another), maxsize,
// timeouts, several producers, close, a reader killed while waiting, stop.
#include "analysis/flows.h"
#include "process/errors.h"
#include "process/process.h"
#include "process/queue.h"
#include "run/errors.h"

#include "process_test_util.h"

#include <QtTest>

#include <set>
#include <thread>

using namespace il;
using namespace proc_test;
using namespace std::chrono_literals;

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { before_ = Resources::now(); }
    void cleanupTestCase() { proc_test::Resources::now().expect_nothing_leaked_since(before_); }

    void throughAChildAndBack() {
        Session s;
        process::Queue in(s, "in"), out(s, "out");
        process::Process p(s, "mover", "proc.queue_echo", {"3"}, {in.share(), out.share()});
        p.start();
        in.put("a");
        in.put("b");
        in.put(std::string(200000, 'c')); // larger than the pipe's buffer
        QCOMPARE(out.get(), std::string("a"));
        QCOMPARE(out.get(), std::string("b"));
        QCOMPARE(out.get(), std::string(200000, 'c'));
        QVERIFY(p.join(10s));
        QCOMPARE(p.exitcode(), std::optional<int>(0));
        QCOMPARE(in.qsize(), std::size_t(0));

        auto snap = s.recorder().snapshot();
        const trace::LaneId main = s.recorder().current_lane();
        auto puts = of_kind(on(snap, in.id()), Kind::Put);
        auto gets = of_kind(on(snap, in.id()), Kind::Get);
        QCOMPARE(puts.size(), std::size_t(3));
        QCOMPARE(gets.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(puts[i].lane, main);
            QCOMPARE(puts[i].a, std::int64_t(i + 1));
            QCOMPARE(gets[i].lane, p.lane());
            QCOMPARE(gets[i].a, std::int64_t(i + 1));
            QVERIFY(gets[i].t_ns > puts[i].t_ns);
        }
        QCOMPARE(gets.back().b, 0); // size after the last get
        auto outs = of_kind(on(snap, out.id()), Kind::Put);
        QCOMPARE(outs.size(), std::size_t(3));
        QCOMPARE(outs[0].lane, p.lane());
        std::size_t linked = 0;
        for (const auto& f : analysis::flows(snap))
            linked += f.kind == analysis::FlowKind::PutGet;
        QCOMPARE(linked, std::size_t(6));
        QCOMPARE(snap.objects[in.id()].kind, trace::ObjectKind::Queue);
    }

    void maxsizeAndTimeouts() {
        Session s;
        process::Queue q(s, "bounded", 1);
        QCOMPARE(q.maxsize(), std::size_t(1));
        QVERIFY(q.empty());
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get_nowait());
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get(20ms));
        q.put("one");
        QVERIFY(q.full());
        QCOMPARE(q.qsize(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put_nowait("two"));
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put("two", 20ms));
        QCOMPARE(q.get(), std::string("one"));
        q.put("two", 20ms);
        QCOMPARE(q.get(), std::string("two"));
        auto rs = on(s.recorder().snapshot(), q.id());
        QCOMPARE(of_kind(rs, Kind::TryFail).size(), std::size_t(4));
        auto begins = of_kind(rs, Kind::WaitBegin);
        QCOMPARE(begins.size(), std::size_t(2)); // the timed get and the timed put
        QCOMPARE(begins[0].c, std::uint16_t(trace::WaitReason::QueueGet));
        QCOMPARE(begins[1].c, std::uint16_t(trace::WaitReason::QueuePut));
    }

    void boundedPutWaitsForAChildsGet() {
        Session s;
        process::Queue in(s, "in", 1), out(s, "out");
        process::Process p(s, "mover", "proc.queue_echo", {"5"}, {in.share(), out.share()});
        p.start();
        for (int i = 0; i < 5; ++i)
            in.put(std::to_string(i)); // blocks until the child takes the previous one
        for (int i = 0; i < 5; ++i)
            QCOMPARE(out.get(10s), std::to_string(i));
        p.join();
        for (const auto& r : of_kind(on(s.recorder().snapshot(), in.id()), Kind::Put))
            QVERIFY(r.b <= 1);
    }

    void severalProducers() {
        Session s;
        process::Queue q(s, "q");
        std::vector<std::unique_ptr<process::Process>> ps;
        for (int k = 0; k < 3; ++k) {
            std::vector<std::string> items;
            for (int i = 0; i < 40; ++i)
                items.push_back(std::to_string(k) + ":" + std::to_string(i));
            ps.push_back(std::make_unique<process::Process>(
                s, "p" + std::to_string(k), "proc.queue_put_args", items, std::vector{q.share()}));
            ps.back()->start();
        }
        std::set<std::string> got;
        for (int i = 0; i < 120; ++i)
            got.insert(q.get(10s));
        QCOMPARE(got.size(), std::size_t(120));
        for (auto& p : ps)
            QVERIFY(p->join(10s));
        auto snap = s.recorder().snapshot();
        std::set<std::int64_t> tokens;
        for (const auto& r : of_kind(on(snap, q.id()), Kind::Put))
            tokens.insert(r.a);
        QCOMPARE(tokens.size(), std::size_t(120)); // unique across processes
        QCOMPARE(*tokens.rbegin(), std::int64_t(120));
    }

    void closedQueue() {
        Session s;
        process::Queue q(s, "q");
        q.close();
        QVERIFY_THROWS_EXCEPTION(process::ClosedError, q.put("x"));
        QVERIFY_THROWS_EXCEPTION(process::ClosedError, q.get());
        QVERIFY_THROWS_EXCEPTION(process::ClosedError, q.share());
    }

    void readerKilledWhileWaiting() {
        Session s;
        process::Queue in(s, "in"), out(s, "out");
        process::Process p(s, "mover", "proc.queue_echo", {"1"}, {in.share(), out.share()});
        p.start();
        // Wait until the child is blocked in get() (holding the reader lock).
        QVERIFY(eventually([&] {
            for (const auto& r : of_lane(s.recorder().snapshot(), p.lane()))
                if (r.kind == Kind::WaitBegin)
                    return true;
            return false;
        }));
        p.kill();
        p.join();
        // The queue still works: a reader that died while waiting broke nothing.
        in.put("after");
        QCOMPARE(in.get(10s), std::string("after"));
    }

    void stopCancelsGet() {
        Session s;
        process::Queue q(s, "q");
        std::thread stopper([&] {
            std::this_thread::sleep_for(30ms);
            s.request_stop();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, q.get());
        stopper.join();
        auto ends = of_kind(on(s.recorder().snapshot(), q.id()), Kind::WaitEnd);
        QCOMPARE(ends.size(), std::size_t(1));
        QCOMPARE(ends[0].c, std::uint16_t(trace::WaitResult::Cancelled));
    }

private:
    Resources before_;
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
