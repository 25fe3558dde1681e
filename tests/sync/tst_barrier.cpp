#include "run/errors.h"
#include "sync/barrier.h"
#include "sync/sync_test_util.h"
#include "thread/thread.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace il;
using namespace sync_test;
using il::trace::WaitReason;
using il::trace::WaitResult;

namespace {
// What one lane's wait() ended with.
enum class Ended { Running, Index, Broken, Cancelled, Other };

struct Party {
    std::unique_ptr<thread::Thread> thread;
    std::atomic<Ended> ended{Ended::Running};
    std::atomic<int> index{-1};
};

// Makes `n` lanes (not started) that each call barrier.wait(timeout) once
// and note how it ended.
std::vector<std::unique_ptr<Party>> parties_for(Session& s, sync::Barrier& b, int n,
                                                Timeout timeout = kPatience) {
    std::vector<std::unique_ptr<Party>> ps;
    for (int i = 0; i < n; ++i) {
        auto p = std::make_unique<Party>();
        Party* raw = p.get();
        p->thread =
            std::make_unique<thread::Thread>(s, "p" + std::to_string(i), [&b, raw, timeout] {
                try {
                    raw->index = b.wait(timeout);
                    raw->ended = Ended::Index;
                } catch (const BrokenBarrierError&) {
                    raw->ended = Ended::Broken;
                } catch (const Cancelled&) {
                    raw->ended = Ended::Cancelled;
                    throw;
                } catch (...) {
                    raw->ended = Ended::Other;
                }
            });
        ps.push_back(std::move(p));
    }
    return ps;
}

bool finished(const std::vector<std::unique_ptr<Party>>& ps) {
    return eventually([&] {
        return std::all_of(ps.begin(), ps.end(), [](auto& p) { return !p->thread->is_alive(); });
    });
}
} // namespace

class TestBarrier : public QObject {
    Q_OBJECT
private slots:
    void objectInfoAndErrors() {
        Session s;
        sync::Barrier b(s, "b", 3);
        auto info = s.registry().object(b.id());
        QCOMPARE(info.kind, trace::ObjectKind::Barrier);
        QCOMPARE(info.capacity, std::int64_t(3));
        QCOMPARE(b.parties(), 3);
        QCOMPARE(b.n_waiting(), 0);
        QVERIFY(!b.broken());
        QVERIFY_THROWS_EXCEPTION(ValueError, sync::Barrier(s, "bad", 0));
    }

    void onePartyPassesAtOnce() {
        Session s;
        sync::Barrier b(s, "b", 1);
        QCOMPARE(b.wait(), 0);
        QCOMPARE(b.wait(), 0);
        auto recs = on(s.recorder().snapshot(), b.id());
        QCOMPARE(recs.size(), std::size_t(2));
        QCOMPARE(recs[0].kind, Kind::Set);
        QCOMPARE(recs[0].a, std::int64_t(1));
        QCOMPARE(recs[1].a, std::int64_t(2));
    }

    void roundReleasesEveryone() {
        Session s;
        int actions = 0;
        sync::Barrier b(s, "b", 3, [&] { ++actions; });
        auto ps = parties_for(s, b, 2);
        for (auto& p : ps) {
            p->thread->start();
            QVERIFY(blocked(s, b.id(), p->thread->lane()));
        }
        QCOMPARE(b.n_waiting(), 2);
        QCOMPARE(actions, 0);
        QCOMPARE(b.wait(), 2); // the last arrival
        QVERIFY(finished(ps));
        QCOMPARE(actions, 1);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(ps[i]->ended.load(), Ended::Index);
            QCOMPARE(ps[i]->index.load(), i);
        }
        QCOMPARE(b.n_waiting(), 0);
        auto snap = s.recorder().snapshot();
        auto sets = of(snap, Kind::Set, b.id());
        QCOMPARE(sets.size(), std::size_t(1));
        QCOMPARE(sets[0].a, std::int64_t(1));
        QCOMPARE(sets[0].lane, s.recorder().current_lane());
        for (int i = 0; i < 2; ++i) {
            LaneId lane = ps[i]->thread->lane();
            QCOMPARE(kinds(snap, b.id(), lane),
                     (std::vector<Kind>{Kind::WaitBegin, Kind::Wake, Kind::WaitEnd}));
            const Record begin = of(snap, Kind::WaitBegin, b.id(), lane)[0];
            QCOMPARE(begin.c, u16(WaitReason::Barrier));
            QCOMPARE(begin.b, i + 1); // arrivals so far
            const Record wake = of(snap, Kind::Wake, b.id(), lane)[0];
            QCOMPARE(wake.a, sets[0].a);
            QVERIFY(sets[0].t_ns <= wake.t_ns);
            QCOMPARE(of(snap, Kind::WaitEnd, b.id(), lane)[0].c, u16(WaitResult::Ok));
        }
    }

    void rounds_data() {
        QTest::addColumn<int>("parties");
        QTest::newRow("2 parties") << 2;
        QTest::newRow("4 parties") << 4;
        QTest::newRow("6 parties") << 6;
    }
    void rounds() {
        QFETCH(int, parties);
        Session s;
        const int rounds = 200;
        std::atomic<int> actions{0};
        sync::Barrier b(s, "b", parties, [&] { ++actions; });
        std::mutex m;
        std::vector<std::vector<int>> indices(rounds); // guarded by m
        std::vector<std::unique_ptr<thread::Thread>> ts;
        for (int i = 0; i < parties; ++i)
            ts.push_back(std::make_unique<thread::Thread>(s, "p" + std::to_string(i), [&] {
                for (int r = 0; r < rounds; ++r) {
                    int index = b.wait(kPatience);
                    std::lock_guard g(m);
                    indices[r].push_back(index);
                }
            }));
        for (auto& t : ts)
            t->start();
        for (auto& t : ts)
            QVERIFY(t->join(kPatience));
        for (auto& t : ts)
            QVERIFY(!t->exception());
        QCOMPARE(actions.load(), rounds);
        // Each round hands out every index once.
        std::vector<int> all(parties);
        for (int i = 0; i < parties; ++i)
            all[i] = i;
        for (auto& r : indices) {
            std::sort(r.begin(), r.end());
            QCOMPARE(r, all);
        }
        auto snap = s.recorder().snapshot();
        auto sets = of(snap, Kind::Set, b.id());
        QCOMPARE(int(sets.size()), rounds);
        for (int r = 0; r < rounds; ++r)
            QCOMPARE(sets[r].a, std::int64_t(r + 1));
        // Each lane was released by the rounds in order, once each.
        for (auto& t : ts) {
            std::int64_t next = 1;
            for (const Record& r : on(snap, b.id())) {
                if (r.lane != t->lane())
                    continue;
                if (r.kind == Kind::Set || r.kind == Kind::Wake)
                    QCOMPARE(r.a, next++);
            }
            QCOMPARE(next, std::int64_t(rounds + 1));
        }
        QCOMPARE(int(of(snap, Kind::Wake, b.id()).size()), rounds * (parties - 1));
    }

    void timeoutBreaksTheBarrier() {
        Session s;
        sync::Barrier b(s, "b", 3);
        auto patient = parties_for(s, b, 1);
        patient[0]->thread->start();
        QVERIFY(blocked(s, b.id(), patient[0]->thread->lane()));
        QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, b.wait(10ms));
        QVERIFY(finished(patient));
        QCOMPARE(patient[0]->ended.load(), Ended::Broken);
        QVERIFY(b.broken());
        QCOMPARE(b.n_waiting(), 0);
        QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, b.wait()); // broken until reset
        auto snap = s.recorder().snapshot();
        LaneId me = s.recorder().current_lane();
        QCOMPARE(kinds(snap, b.id(), me),
                 (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd, Kind::Broken}));
        QCOMPARE(of(snap, Kind::WaitEnd, b.id(), me)[0].c, u16(WaitResult::Timeout));
        QCOMPARE(of(snap, Kind::Broken, b.id())[0].b, 1); // one other waiter broken
        LaneId other = patient[0]->thread->lane();
        QCOMPARE(kinds(snap, b.id(), other), (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, b.id(), other)[0].c, u16(WaitResult::Broken));

        b.reset();
        QVERIFY(!b.broken());
        auto again = parties_for(s, b, 2);
        for (auto& p : again)
            p->thread->start();
        QCOMPARE(b.wait(kPatience) >= 0, true);
        QVERIFY(finished(again));
        for (auto& p : again)
            QCOMPARE(p->ended.load(), Ended::Index);
    }

    void defaultTimeout() {
        Session s;
        sync::Barrier b(s, "b", 2, {}, 10ms);
        QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, b.wait());
        QVERIFY(b.broken());
    }

    void abortBreaksWaiters() {
        Session s;
        sync::Barrier b(s, "b", 3);
        auto ps = parties_for(s, b, 2);
        for (auto& p : ps) {
            p->thread->start();
            QVERIFY(blocked(s, b.id(), p->thread->lane()));
        }
        b.abort();
        QVERIFY(finished(ps));
        for (auto& p : ps)
            QCOMPARE(p->ended.load(), Ended::Broken);
        QVERIFY(b.broken());
        auto snap = s.recorder().snapshot();
        auto broken = of(snap, Kind::Broken, b.id());
        QCOMPARE(broken.size(), std::size_t(1));
        QCOMPARE(broken[0].b, 2);
        for (auto& p : ps) {
            auto ends = of(snap, Kind::WaitEnd, b.id(), p->thread->lane());
            QCOMPARE(ends[0].c, u16(WaitResult::Broken));
            QVERIFY(broken[0].t_ns <= ends[0].t_ns);
            QVERIFY(of(snap, Kind::Wake, b.id(), p->thread->lane()).empty());
        }
    }

    void resetBreaksTheRoundOnly() {
        Session s;
        sync::Barrier b(s, "b", 2);
        auto ps = parties_for(s, b, 1);
        ps[0]->thread->start();
        QVERIFY(blocked(s, b.id(), ps[0]->thread->lane()));
        b.reset();
        QVERIFY(finished(ps));
        QCOMPARE(ps[0]->ended.load(), Ended::Broken);
        QVERIFY(!b.broken());
        auto recs = on(s.recorder().snapshot(), b.id());
        std::vector<Kind> k;
        for (const Record& r : recs)
            k.push_back(r.kind);
        QCOMPARE(k, (std::vector<Kind>{Kind::WaitBegin, Kind::Broken, Kind::Clear, Kind::WaitEnd}));
        // Usable at once.
        auto next = parties_for(s, b, 1);
        next[0]->thread->start();
        QVERIFY(b.wait(kPatience) >= 0);
        QVERIFY(finished(next));
        QCOMPARE(next[0]->ended.load(), Ended::Index);
    }

    void throwingActionBreaks() {
        Session s;
        sync::Barrier b(s, "b", 2, [] { throw std::logic_error("action failed"); });
        auto ps = parties_for(s, b, 1);
        ps[0]->thread->start();
        QVERIFY(blocked(s, b.id(), ps[0]->thread->lane()));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, b.wait()); // the last arrival gets it
        QVERIFY(finished(ps));
        QCOMPARE(ps[0]->ended.load(), Ended::Broken);
        QVERIFY(b.broken());
        auto snap = s.recorder().snapshot();
        QVERIFY(of(snap, Kind::Set, b.id()).empty());
        QCOMPARE(of(snap, Kind::Broken, b.id()).size(), std::size_t(1));
    }

    void cancelledWaiterLeavesTheRound() {
        Session s;
        sync::Barrier b(s, "b", 3);
        auto ps = parties_for(s, b, 1, std::nullopt);
        ps[0]->thread->start();
        QVERIFY(blocked(s, b.id(), ps[0]->thread->lane()));
        QCOMPARE(b.n_waiting(), 1);
        s.request_stop();
        QVERIFY(finished(ps));
        QCOMPARE(ps[0]->ended.load(), Ended::Cancelled);
        QCOMPARE(b.n_waiting(), 0);
        QVERIFY(!b.broken());
        auto snap = s.recorder().snapshot();
        LaneId lane = ps[0]->thread->lane();
        QCOMPARE(kinds(snap, b.id(), lane), (std::vector<Kind>{Kind::WaitBegin, Kind::WaitEnd}));
        QCOMPARE(of(snap, Kind::WaitEnd, b.id(), lane)[0].c, u16(WaitResult::Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestBarrier)
#include "tst_barrier.moc"
