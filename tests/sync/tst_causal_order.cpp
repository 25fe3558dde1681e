// Cause before effect in the merged trace, under multi-threaded stress: every
// effect record (Acquire, Wake, Get, Joined) that carries a token comes
// strictly after the cause record with the same (object, token) in
// snapshot.records, and its t_ns is not earlier. Records are stamped with
// per-core TSC reads, so this holds only because every primitive stamps its
// effects after their cause's tick (Recorder::record_after).
#include "sync/barrier.h"
#include "sync/bounded_semaphore.h"
#include "sync/condition.h"
#include "sync/event.h"
#include "sync/lock.h"
#include "sync/queue.h"
#include "sync/rlock.h"
#include "sync/semaphore.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::QueueOrder;
using il::trace::Snapshot;

Q_DECLARE_METATYPE(il::trace::QueueOrder)
Q_DECLARE_METATYPE(std::vector<il::trace::Record>)

namespace {

// The cause kinds an effect kind may follow.
bool may_cause(Kind cause, Kind effect) {
    switch (effect) {
    case Kind::Acquire:
        return cause == Kind::Release;
    case Kind::Wake:
        return cause == Kind::Notify || cause == Kind::Set;
    case Kind::Get:
        return cause == Kind::Put;
    case Kind::Joined:
        return cause == Kind::LaneEnd;
    default:
        return false;
    }
}

// Checks every effect with a token in the whole snapshot against its cause.
// Returns what is wrong first ("" if nothing); `checked` counts the effects
// checked per object, so callers can see the check was not vacuous.
QString causal_order_error(const Snapshot& snap, std::map<ObjectId, int>& checked) {
    if (snap.dropped != 0)
        return "records were dropped"; // a dropped cause would look missing
    std::map<std::pair<ObjectId, std::int64_t>, std::size_t> cause_at; // -> index
    for (std::size_t i = 0; i < snap.records.size(); ++i) {
        const Record& r = snap.records[i];
        if (trace::is_cause(r.kind) && r.a != 0 &&
            !cause_at.emplace(std::pair(r.object, r.a), i).second)
            return QString("two causes with token %1 on object %2").arg(r.a).arg(r.object);
    }
    for (std::size_t i = 0; i < snap.records.size(); ++i) {
        const Record& e = snap.records[i];
        if (!trace::is_effect(e.kind) || e.a == 0)
            continue;
        const std::string_view kind = trace::kind_name(e.kind);
        const QString what = QString("%1 #%2 (token %3, object %4)")
                                 .arg(QLatin1String(kind.data(), qsizetype(kind.size())))
                                 .arg(i)
                                 .arg(e.a)
                                 .arg(e.object);
        auto it = cause_at.find({e.object, e.a});
        if (it == cause_at.end())
            return what + " has no cause";
        const Record& c = snap.records[it->second];
        if (!may_cause(c.kind, e.kind))
            return what + " follows a cause of the wrong kind";
        if (it->second >= i)
            return what + QString(" is not after its cause #%1").arg(it->second);
        if (c.t_ns > e.t_ns)
            return what + QString(" is %1 ns before its cause").arg(c.t_ns - e.t_ns);
        ++checked[e.object];
    }
    return {};
}

void check_causal_order(const Snapshot& snap, std::map<ObjectId, int>& checked) {
    const QString error = causal_order_error(snap, checked);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// Runs one lane per function, joins them all (the Joined records are checked too).
void run_lanes(Session& s, const std::vector<std::function<void()>>& fns) {
    std::vector<std::unique_ptr<thread::Thread>> ts;
    for (std::size_t i = 0; i < fns.size(); ++i)
        ts.push_back(std::make_unique<thread::Thread>(s, "w" + std::to_string(i), fns[i]));
    for (auto& t : ts)
        t->start();
    for (auto& t : ts)
        QVERIFY(t->join(kPatience));
    for (auto& t : ts)
        QVERIFY(!t->exception());
}

void lane_rows() {
    QTest::addColumn<int>("lanes");
    QTest::newRow("2 lanes") << 2;
    QTest::newRow("4 lanes") << 4;
    QTest::newRow("8 lanes") << 8;
}

constexpr int kPer = 1000; // steps per lane

} // namespace

class TestCausalOrder : public QObject {
    Q_OBJECT
private slots:
    // The checker itself, on hand-made traces: it must catch what it is for.
    void checker_data() {
        QTest::addColumn<std::vector<Record>>("records");
        QTest::addColumn<QString>("error"); // a part of the message, "" for none
        const Record release{10, 1, 5, Kind::Release, 0, 0, 7};
        const Record acquire{20, 2, 5, Kind::Acquire, 0, 1, 7};
        Record early = acquire;
        early.t_ns = 5;
        Record wake = acquire;
        wake.kind = Kind::Wake;
        QTest::newRow("in order") << std::vector<Record>{release, acquire} << QString();
        QTest::newRow("effect first")
            << std::vector<Record>{acquire, release} << QString("is not after its cause");
        QTest::newRow("earlier t_ns")
            << std::vector<Record>{release, early} << QString("ns before its cause");
        QTest::newRow("no cause") << std::vector<Record>{acquire} << QString("has no cause");
        QTest::newRow("wrong kind") << std::vector<Record>{release, wake} << QString("wrong kind");
        QTest::newRow("token reused")
            << std::vector<Record>{release, release, acquire} << QString("two causes");
    }
    void checker() {
        QFETCH(std::vector<Record>, records);
        QFETCH(QString, error);
        Snapshot snap;
        snap.records = records;
        std::map<ObjectId, int> checked;
        const QString got = causal_order_error(snap, checked);
        if (error.isEmpty()) {
            QCOMPARE(got, QString());
            QCOMPARE(checked[5], 1);
        } else {
            QVERIFY2(got.contains(error), qPrintable(got));
        }
    }

    void lock_data() { lane_rows(); }
    void lock() {
        QFETCH(int, lanes);
        Session s;
        sync::Lock lock(s, "l");
        long counter = 0;
        std::vector<std::function<void()>> fns(lanes, [&] {
            for (int k = 0; k < kPer; ++k) {
                if (k % 3 == 0) {
                    while (!lock.try_acquire())
                        std::this_thread::yield();
                } else {
                    lock.acquire();
                }
                ++counter;
                lock.release();
            }
        });
        run_lanes(s, fns);
        QCOMPARE(counter, long(lanes) * kPer);
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[lock.id()], lanes * kPer - 1); // all but the first Acquire
    }

    void rlock_data() { lane_rows(); }
    void rlock() {
        QFETCH(int, lanes);
        Session s;
        sync::RLock lock(s, "r");
        long counter = 0;
        std::vector<std::function<void()>> fns(lanes, [&] {
            for (int k = 0; k < kPer; ++k) {
                if (k % 3 == 0) {
                    while (!lock.try_acquire())
                        std::this_thread::yield();
                } else {
                    lock.acquire();
                }
                lock.acquire(); // nested: no cause
                ++counter;
                lock.release();
                lock.release();
            }
        });
        run_lanes(s, fns);
        QCOMPARE(counter, long(lanes) * kPer);
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[lock.id()], lanes * kPer - 1);
    }

    // Producers free permits in batches (one Release, several permits);
    // consumers take them one at a time, each from a known Release.
    void semaphore_data() { lane_rows(); }
    void semaphore() {
        QFETCH(int, lanes);
        Session s;
        sync::Semaphore sem(s, "s", 0);
        constexpr int kPermits = 60; // per producer: batches of 1, 2, 3, 1, 2, 3 ...
        std::vector<std::function<void()>> fns;
        for (int i = 0; i < lanes; ++i) {
            fns.push_back([&] {
                for (int freed = 0, n = 1; freed < kPermits; freed += n, n = n % 3 + 1)
                    sem.release(n);
            });
            fns.push_back([&] {
                for (int k = 0; k < kPermits; ++k)
                    sem.acquire();
            });
        }
        run_lanes(s, fns);
        QCOMPARE(sem.value(), std::int64_t(0));
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[sem.id()], lanes * kPermits);
    }

    void boundedSemaphore_data() { lane_rows(); }
    void boundedSemaphore() {
        QFETCH(int, lanes);
        Session s;
        sync::BoundedSemaphore sem(s, "b", 2);
        std::vector<std::function<void()>> fns(lanes, [&] {
            for (int k = 0; k < kPer; ++k) {
                std::lock_guard g(sem);
                std::this_thread::yield();
            }
        });
        run_lanes(s, fns);
        QCOMPARE(sem.value(), std::int64_t(2));
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[sem.id()], lanes * kPer - 2); // all but the two initial permits
    }

    // Pairs of lanes play ping-pong over two events (blocked wakes), while
    // other lanes wait on a flag that is set and cleared all the time.
    void event_data() { lane_rows(); }
    void event() {
        QFETCH(int, lanes);
        Session s;
        std::vector<std::unique_ptr<sync::Event>> events;
        std::vector<std::function<void()>> fns;
        for (int p = 0; p < lanes / 2; ++p) {
            auto& ping =
                *events.emplace_back(std::make_unique<sync::Event>(s, "ping" + std::to_string(p)));
            auto& pong =
                *events.emplace_back(std::make_unique<sync::Event>(s, "pong" + std::to_string(p)));
            fns.push_back([&ping, &pong] {
                for (int k = 0; k < kPer; ++k) {
                    ping.wait();
                    ping.clear();
                    pong.set();
                }
            });
            fns.push_back([&ping, &pong] {
                for (int k = 0; k < kPer; ++k) {
                    ping.set();
                    pong.wait();
                    pong.clear();
                }
            });
        }
        // One lane keeps setting and clearing the flag until every waiter is
        // done, so each wait() ends, on the flag already set or on the next set().
        sync::Event flag(s, "flag");
        std::atomic<int> waiting{lanes};
        fns.push_back([&] {
            while (waiting.load() > 0) {
                flag.set();
                std::this_thread::yield();
                flag.clear();
            }
        });
        for (int i = 0; i < lanes; ++i)
            fns.push_back([&] {
                for (int k = 0; k < kPer; ++k)
                    flag.wait();
                --waiting;
            });
        run_lanes(s, fns);
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        for (auto& e : events)
            QCOMPARE(checked[e->id()], kPer);
        QVERIFY(checked[flag.id()] > 0);
    }

    // A bounded buffer guarded by two conditions over one lock (a Lock or an
    // RLock): Wake after Notify on the conditions, Acquire after
    // Release on the lock, including the re-acquires inside wait().
    void condition_data() {
        QTest::addColumn<int>("lanes");
        QTest::addColumn<bool>("rlock");
        for (int lanes : {2, 4, 8}) {
            QTest::addRow("%d lanes, Lock", lanes) << lanes << false;
            QTest::addRow("%d lanes, RLock", lanes) << lanes << true;
        }
    }
    void condition() {
        QFETCH(int, lanes);
        QFETCH(bool, rlock);
        Session s;
        sync::Lock plain(s, "lock");
        sync::RLock reentrant(s, "rlock");
        auto make = [&](const char* name) {
            return rlock ? std::make_unique<sync::Condition>(s, name, reentrant)
                         : std::make_unique<sync::Condition>(s, name, plain);
        };
        auto not_empty = make("not_empty");
        auto not_full = make("not_full");
        std::deque<int> buffer;
        constexpr std::size_t kCapacity = 2;
        std::vector<std::function<void()>> fns;
        for (int i = 0; i < lanes; ++i) {
            fns.push_back([&, i] {
                for (int k = 0; k < kPer; ++k) {
                    std::lock_guard g(*not_full);
                    not_full->wait_for([&] { return buffer.size() < kCapacity; });
                    buffer.push_back(k);
                    if (i % 2 == 0)
                        not_empty->notify();
                    else
                        not_empty->notify_all();
                }
            });
            fns.push_back([&] {
                for (int k = 0; k < kPer; ++k) {
                    std::lock_guard g(*not_empty);
                    not_empty->wait_for([&] { return !buffer.empty(); });
                    buffer.pop_front();
                    not_full->notify();
                }
            });
        }
        run_lanes(s, fns);
        QVERIFY(buffer.empty());
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QVERIFY(checked[not_empty->id()] > 0);
        QVERIFY(checked[not_full->id()] > 0);
        QVERIFY(checked[not_empty->lock_id()] >= 2 * lanes * kPer - 1);
    }

    void barrier_data() { lane_rows(); }
    void barrier() {
        QFETCH(int, lanes);
        Session s;
        sync::Barrier b(s, "b", lanes);
        std::vector<std::function<void()>> fns(lanes, [&] {
            for (int k = 0; k < kPer; ++k)
                b.wait();
        });
        run_lanes(s, fns);
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[b.id()], kPer * (lanes - 1)); // every round, all but the last arrival
    }

    void queue_data() {
        QTest::addColumn<int>("lanes");
        QTest::addColumn<int>("maxsize");
        QTest::addColumn<QueueOrder>("order");
        for (int lanes : {2, 4, 8}) {
            QTest::addRow("%d lanes, fifo, bounded 2", lanes) << lanes << 2 << QueueOrder::Fifo;
            QTest::addRow("%d lanes, lifo, unbounded", lanes) << lanes << 0 << QueueOrder::Lifo;
            QTest::addRow("%d lanes, priority, bounded 3", lanes)
                << lanes << 3 << QueueOrder::Priority;
        }
    }
    void queue() {
        QFETCH(int, lanes);
        QFETCH(int, maxsize);
        QFETCH(QueueOrder, order);
        Session s;
        sync::Queue<int> q(s, "q", std::size_t(maxsize), order);
        std::vector<std::function<void()>> fns;
        for (int i = 0; i < lanes; ++i) {
            fns.push_back([&, i] {
                for (int k = 0; k < kPer; ++k) {
                    const int item = (i * 7 + k) % 5; // repeats: equal priorities too
                    if (k % 4 == 0) {
                        while (!q.try_put(item))
                            std::this_thread::yield();
                    } else {
                        q.put(item);
                    }
                }
            });
            fns.push_back([&] {
                for (int k = 0; k < kPer; ++k) {
                    if (k % 4 == 0) {
                        while (!q.try_get())
                            std::this_thread::yield();
                    } else {
                        q.get();
                    }
                }
            });
        }
        run_lanes(s, fns);
        QVERIFY(q.empty());
        std::map<ObjectId, int> checked;
        check_causal_order(s.recorder().snapshot(), checked);
        QCOMPARE(checked[q.id()], lanes * kPer);
    }

    // Each lane starts and joins threads of its own (join() is for the
    // owning lane), and the test's lane joins those lanes: every Joined comes
    // after the joined lane's LaneEnd.
    void threadJoin_data() { lane_rows(); }
    void threadJoin() {
        QFETCH(int, lanes);
        Session s;
        constexpr int kChildren = 20;
        std::mutex mutex;
        std::vector<ObjectId> children;
        std::vector<std::function<void()>> fns(lanes, [&] {
            for (int k = 0; k < kChildren; ++k) {
                thread::Thread child(s, "child", [] {});
                {
                    std::lock_guard g(mutex);
                    children.push_back(child.object());
                }
                child.start();
                child.join();
            }
        });
        run_lanes(s, fns);
        QCOMPARE(children.size(), std::size_t(lanes * kChildren));
        std::map<ObjectId, int> checked;
        auto snap = s.recorder().snapshot();
        check_causal_order(snap, checked);
        for (ObjectId child : children)
            QCOMPARE(checked[child], 1);
        int joined = 0;
        for (const Record& r : snap.records)
            if (r.kind == Kind::Joined)
                ++joined;
        QCOMPARE(joined, lanes * kChildren + lanes); // the lanes are joined too
    }
};

QTEST_GUILESS_MAIN(TestCausalOrder)
#include "tst_causal_order.moc"
