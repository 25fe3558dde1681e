#include "run/errors.h"
#include "sync/queue.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::QueueOrder;
using il::trace::WaitReason;
using il::trace::WaitResult;

Q_DECLARE_METATYPE(il::trace::QueueOrder)

namespace {
struct Job {
    int priority;
    std::string name;
    bool operator<(const Job& o) const { return priority < o.priority; }
};
} // namespace

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void objectInfo() {
        Session s;
        sync::Queue<int> q(s, "q", 5, QueueOrder::Lifo);
        auto info = s.registry().object(q.id());
        QCOMPARE(info.kind, trace::ObjectKind::Queue);
        QCOMPARE(info.name, std::string("q"));
        QCOMPARE(info.capacity, std::int64_t(5));
        QCOMPARE(info.detail, u16(QueueOrder::Lifo));
        QCOMPARE(q.maxsize(), std::size_t(5));
        QCOMPARE(q.order(), QueueOrder::Lifo);
    }

    void order_data() {
        QTest::addColumn<QueueOrder>("order");
        QTest::addColumn<std::vector<int>>("values");
        QTest::addColumn<std::vector<std::int64_t>>("seqs");
        // put 3, 1, 2, 1 (sequence numbers 1..4)
        QTest::newRow("fifo") << QueueOrder::Fifo << std::vector<int>{3, 1, 2, 1}
                              << std::vector<std::int64_t>{1, 2, 3, 4};
        QTest::newRow("lifo") << QueueOrder::Lifo << std::vector<int>{1, 2, 1, 3}
                              << std::vector<std::int64_t>{4, 3, 2, 1};
        QTest::newRow("priority") << QueueOrder::Priority << std::vector<int>{1, 1, 2, 3}
                                  << std::vector<std::int64_t>{2, 4, 3, 1};
    }
    void order() {
        QFETCH(QueueOrder, order);
        QFETCH(std::vector<int>, values);
        QFETCH(std::vector<std::int64_t>, seqs);
        Session s;
        sync::Queue<int> q(s, "q", 0, order);
        for (int v : {3, 1, 2, 1})
            q.put(v);
        QCOMPARE(q.qsize(), std::size_t(4));
        std::vector<int> got;
        while (!q.empty())
            got.push_back(q.get());
        QCOMPARE(got, values);
        auto snap = s.recorder().snapshot();
        auto puts = of(snap, Kind::Put, q.id());
        auto gets = of(snap, Kind::Get, q.id());
        QCOMPARE(puts.size(), std::size_t(4));
        QCOMPARE(gets.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(puts[i].a, std::int64_t(i + 1)); // sequence numbers from 1
            QCOMPARE(puts[i].b, i + 1);               // size after
            QCOMPARE(gets[i].a, seqs[i]);             // which item was taken
            QCOMPARE(gets[i].b, 3 - i);
        }
    }

    void priorityTiesKeepInsertionOrder() {
        Session s;
        sync::Queue<Job> q(s, "q", 0, QueueOrder::Priority);
        q.put({1, "a"});
        q.put({0, "b"});
        q.put({1, "c"});
        q.put({0, "d"});
        q.put({1, "e"});
        std::string order;
        while (auto j = q.try_get())
            order += j->name;
        QCOMPARE(order, std::string("bdace"));
    }

    void priorityNeedsLessThan() {
        Session s;
        QVERIFY_THROWS_EXCEPTION(
            ValueError, (sync::Queue<std::function<void()>>(s, "q", 0, QueueOrder::Priority)));
    }

    void moveOnlyItems() {
        Session s;
        sync::Queue<std::unique_ptr<int>> q(s, "q", 2);
        q.put(std::make_unique<int>(1));
        q.put_nowait(std::make_unique<int>(2));
        auto three = std::make_unique<int>(3);
        QVERIFY(!q.try_put(std::move(three)));
        QVERIFY(three); // a refused item is left untouched
        QCOMPARE(*q.get(), 1);
        QVERIFY(q.try_put(std::move(three)));
        QVERIFY(!three);
        QCOMPARE(*q.get_nowait(), 2);
        QCOMPARE(**q.try_get(), 3);

        sync::Queue<std::function<int()>> f(s, "f", 0, QueueOrder::Lifo);
        f.put([] { return 7; });
        f.put([] { return 8; });
        QCOMPARE(f.get()(), 8);
        QCOMPARE(f.get()(), 7);
    }

    void nowaitErrors() {
        Session s;
        sync::Queue<int> q(s, "q", 1);
        QVERIFY(q.empty());
        QVERIFY(!q.full());
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get_nowait());
        QVERIFY(!q.try_get());
        q.put_nowait(1);
        QVERIFY(q.full());
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put_nowait(2));
        int two = 2;
        QVERIFY(!q.try_put(two));
        QCOMPARE(q.qsize(), std::size_t(1));
        auto snap = s.recorder().snapshot();
        auto fails = of(snap, Kind::TryFail, q.id());
        QCOMPARE(fails.size(), std::size_t(4));
        QCOMPARE(fails[0].b, 0); // size seen
        QCOMPARE(fails[2].b, 1);
        QVERIFY(of(snap, Kind::WaitBegin, q.id()).empty()); // nothing waited
        QCOMPARE(of(snap, Kind::Put, q.id()).size(), std::size_t(1));
    }

    void unboundedNeverFull() {
        Session s;
        sync::Queue<int> q(s, "q");
        for (int i = 0; i < 1000; ++i)
            q.put_nowait(i);
        QVERIFY(!q.full());
        QCOMPARE(q.qsize(), std::size_t(1000));
    }

    void timeouts() {
        Session s;
        sync::Queue<int> q(s, "q", 1);
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get(20ms));
        q.put(1);
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put(2, 20ms));
        QVERIFY_THROWS_EXCEPTION(ValueError, q.put(2, -1ms));
        QVERIFY_THROWS_EXCEPTION(ValueError, q.get(-1ms));
        QCOMPARE(q.get(0ms), 1); // an item there: no wait at all
        auto recs = on(s.recorder().snapshot(), q.id());
        std::vector<Kind> expect{Kind::WaitBegin, Kind::WaitEnd, Kind::TryFail, Kind::Put,
                                 Kind::WaitBegin, Kind::WaitEnd, Kind::TryFail, Kind::Get};
        QCOMPARE(recs.size(), expect.size());
        for (std::size_t i = 0; i < expect.size(); ++i)
            QCOMPARE(recs[i].kind, expect[i]);
        QCOMPARE(recs[0].c, u16(WaitReason::QueueGet));
        QCOMPARE(recs[1].c, u16(WaitResult::Timeout));
        QCOMPARE(recs[4].c, u16(WaitReason::QueuePut));
        QCOMPARE(recs[5].c, u16(WaitResult::Timeout));
    }

    void blockedGetTakesTheNextPut() {
        Session s;
        sync::Queue<int> q(s, "q");
        int got = 0;
        thread::Thread t(s, "consumer", [&] { got = q.get(kPatience); });
        t.start();
        QVERIFY(blocked(s, q.id(), t.lane()));
        q.put(42);
        QVERIFY(t.join(kPatience));
        QCOMPARE(got, 42);
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, q.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Get}));
        const Record begin = of(snap, Kind::WaitBegin, q.id())[0];
        const Record put = of(snap, Kind::Put, q.id())[0];
        const Record get = of(snap, Kind::Get, q.id())[0];
        QCOMPARE(begin.c, u16(WaitReason::QueueGet));
        QCOMPARE(get.a, put.a);
        QVERIFY(put.t_ns <= get.t_ns);
        QCOMPARE(get.b, 0);
    }

    void blockedPutWaitsForRoom() {
        Session s;
        sync::Queue<int> q(s, "q", 1);
        q.put(1);
        thread::Thread t(s, "producer", [&] { q.put(2, kPatience); });
        t.start();
        QVERIFY(blocked(s, q.id(), t.lane()));
        QCOMPARE(q.get(), 1);
        QVERIFY(t.join(kPatience));
        QCOMPARE(q.get_nowait(), 2);
        auto snap = s.recorder().snapshot();
        auto k = kinds(snap, q.id(), t.lane());
        QCOMPARE(k, (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Put}));
        QCOMPARE(of(snap, Kind::WaitBegin, q.id())[0].c, u16(WaitReason::QueuePut));
        QCOMPARE(of(snap, Kind::WaitEnd, q.id())[0].c, u16(WaitResult::Ok));
        // The Get that made room comes before the blocked Put.
        auto recs = on(snap, q.id());
        std::vector<Kind> all;
        for (const Record& r : recs)
            all.push_back(r.kind);
        QCOMPARE(all, (std::vector<Kind>{Kind::Put, Kind::WaitBegin, Kind::Get, Kind::WaitEnd,
                                         Kind::Put, Kind::Get}));
    }

    void taskDoneAndJoin() {
        Session s;
        sync::Queue<int> q(s, "q");
        QVERIFY(q.join(0ms)); // nothing unfinished
        QVERIFY_THROWS_EXCEPTION(ValueError, q.task_done());
        try {
            q.task_done();
        } catch (const ValueError& e) {
            QCOMPARE(std::string(e.what()), std::string("task_done() called too many times"));
        }
        q.put(1);
        q.put(2);
        QCOMPARE(q.unfinished_tasks(), std::int64_t(2));
        QVERIFY(!q.join(10ms)); // times out
        thread::Thread worker(s, "worker", [&] {
            for (int i = 0; i < 2; ++i) {
                q.get();
                q.task_done();
            }
        });
        thread::Thread joiner(s, "joiner", [&] { q.join(); });
        joiner.start();
        QVERIFY(blocked(s, q.id(), joiner.lane()));
        worker.start();
        QVERIFY(worker.join(kPatience));
        QVERIFY(joiner.join(kPatience));
        QVERIFY_THROWS_EXCEPTION(ValueError, q.task_done());
        auto snap = s.recorder().snapshot();
        auto done = of(snap, Kind::TaskDone, q.id());
        QCOMPARE(done.size(), std::size_t(2));
        QCOMPARE(done[0].b, 1);
        QCOMPARE(done[1].b, 0);
        auto joins = of(snap, Kind::WaitBegin, q.id(), joiner.lane());
        QCOMPARE(joins.size(), std::size_t(1));
        QCOMPARE(joins[0].c, u16(WaitReason::QueueJoin));
        // The joiner's wait ends after the last TaskDone.
        const Record end = of(snap, Kind::WaitEnd, q.id(), joiner.lane())[0];
        QCOMPARE(end.c, u16(WaitResult::Ok));
        QVERIFY(done[1].t_ns <= end.t_ns);
    }

    void stress_data() {
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("consumers");
        QTest::addColumn<int>("maxsize");
        QTest::addColumn<QueueOrder>("order");
        QTest::newRow("4p/4c bounded 4 fifo") << 4 << 4 << 4 << QueueOrder::Fifo;
        QTest::newRow("4p/4c unbounded fifo") << 4 << 4 << 0 << QueueOrder::Fifo;
        QTest::newRow("1p/4c bounded 2 fifo") << 1 << 4 << 2 << QueueOrder::Fifo;
        QTest::newRow("4p/1c bounded 1 fifo") << 4 << 1 << 1 << QueueOrder::Fifo;
        QTest::newRow("4p/4c bounded 8 lifo") << 4 << 4 << 8 << QueueOrder::Lifo;
        QTest::newRow("4p/4c bounded 8 priority") << 4 << 4 << 8 << QueueOrder::Priority;
    }
    void stress() {
        QFETCH(int, producers);
        QFETCH(int, consumers);
        QFETCH(int, maxsize);
        QFETCH(QueueOrder, order);
        Session s;
        sync::Queue<int> q(s, "q", maxsize, order);
        const int per = 1000;
        std::vector<std::vector<int>> got(consumers);
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int p = 0; p < producers; ++p)
            ts.push_back(std::make_unique<thread::Thread>(s, "p" + std::to_string(p), [&, p] {
                for (int k = 0; k < per; ++k)
                    q.put(p * per + k, kPatience);
            }));
        for (int c = 0; c < consumers; ++c)
            ts.push_back(std::make_unique<thread::Thread>(s, "c" + std::to_string(c), [&, c] {
                for (;;) {
                    int v = q.get(kPatience);
                    q.task_done();
                    if (v < 0)
                        return;
                    got[c].push_back(v);
                }
            }));
        for (auto& t : ts)
            t->start();
        for (int p = 0; p < producers; ++p)
            QVERIFY(ts[p]->join(kPatience));
        // Drained first: in LIFO and priority order a stop marker would
        // otherwise overtake items still queued.
        QVERIFY(q.join(kPatience));
        for (int c = 0; c < consumers; ++c)
            q.put(-1, kPatience); // one stop marker per consumer
        for (int c = 0; c < consumers; ++c)
            QVERIFY(ts[producers + c]->join(kPatience));
        QVERIFY(q.join(kPatience));
        for (auto& t : ts)
            QVERIFY(!t->exception());

        // Every item got exactly once.
        const int total = producers * per;
        std::vector<int> seen(total, 0);
        for (auto& g : got)
            for (int v : g)
                ++seen.at(v);
        for (int v = 0; v < total; ++v)
            QCOMPARE(seen[v], 1);

        // Every Get takes exactly one Put's sequence number. (Not compared by
        // time: two CPUs' clocks may disagree by tens of ns, and a Get can
        // follow its Put by less than that.)
        auto snap = s.recorder().snapshot();
        auto puts = of(snap, Kind::Put, q.id());
        auto gets = of(snap, Kind::Get, q.id());
        QCOMPARE(int(puts.size()), total + consumers);
        QCOMPARE(int(gets.size()), total + consumers);
        std::set<std::int64_t> put_seqs;
        for (const Record& r : puts) {
            QVERIFY(put_seqs.insert(r.a).second); // unique tokens
            QVERIFY(r.b >= 1);
            if (maxsize > 0)
                QVERIFY(r.b <= maxsize);
        }
        std::set<std::int64_t> taken;
        for (const Record& r : gets) {
            QVERIFY(put_seqs.count(r.a) == 1);
            QVERIFY(taken.insert(r.a).second);
            QVERIFY(r.b >= 0);
        }
        auto done = of(snap, Kind::TaskDone, q.id());
        QCOMPARE(int(done.size()), total + consumers);
    }

    void cancelBlocked_data() {
        QTest::addColumn<QString>("call");
        QTest::newRow("get") << "get";
        QTest::newRow("put") << "put";
        QTest::newRow("join") << "join";
    }
    void cancelBlocked() {
        QFETCH(QString, call);
        Session s;
        sync::Queue<int> q(s, "q", 1);
        if (call != "get")
            q.put(1); // full, and one task unfinished
        std::atomic<bool> cancelled{false};
        thread::Thread t(s, "t", [&] {
            try {
                if (call == "get")
                    q.get();
                else if (call == "put")
                    q.put(2);
                else
                    q.join();
            } catch (const Cancelled&) {
                cancelled = true;
                throw;
            }
        });
        t.start();
        QVERIFY(blocked(s, q.id(), t.lane()));
        s.request_stop();
        QVERIFY(eventually([&] { return !t.is_alive(); }));
        QVERIFY(cancelled);
        auto snap = s.recorder().snapshot();
        QCOMPARE(kinds(snap, q.id(), t.lane()),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, q.id(), t.lane())[0].c, u16(WaitResult::Cancelled));
        QCOMPARE(q.qsize(), std::size_t(call == "get" ? 0 : 1));
        // Non-blocking calls still work on a stopped session; blocking ones refuse.
        if (call == "get")
            QVERIFY_THROWS_EXCEPTION(Cancelled, q.get());
        else
            QVERIFY_THROWS_EXCEPTION(Cancelled, q.put(3));
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
