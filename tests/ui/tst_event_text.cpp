// Every Kind of record described in words, on a hand-made snapshot.
#include "events/event_text.h"
#include "hand_trace.h"

#include <QSet>
#include <QtTest>

using il::trace::Kind;
using il::trace::ObjectKind;
using il::trace::WaitReason;
using il::trace::WaitResult;

class TestEventText : public QObject {
    Q_OBJECT
private slots:
    void everyKind();
    void kindLabels();
    void times();
};

void TestEventText::everyKind() {
    HandTrace h;
    const auto main = h.lane("main");
    const auto w1 = h.lane("worker-1");
    const auto w2 = h.lane("worker-2");
    const auto balance = h.object(ObjectKind::Lock, "balance");
    const auto permits = h.object(ObjectKind::Semaphore, "slots", 2);
    const auto ready = h.object(ObjectKind::Condition, "ready", 0, balance);
    const auto go = h.object(ObjectKind::Event, "go");
    const auto items = h.object(ObjectKind::Queue, "items", 5);
    const auto gate = h.object(ObjectKind::Barrier, "gate", 2);
    const auto job = h.object(ObjectKind::Future, "job");
    const auto pool = h.object(ObjectKind::Executor, "pool", 4);
    const auto counter = h.object(ObjectKind::Variable, "counter");
    const auto note = h.object(ObjectKind::Annotation, "update lost here");
    const auto r = h.object(ObjectKind::RLock, "r");
    const auto unbounded = h.object(ObjectKind::Queue, "jobs");
    const auto u = [](auto e) { return HandTrace::u(e); };

    std::vector<std::pair<std::size_t, QString>> want;
    auto expect = [&](std::size_t i, const QString& text) { want.push_back({i, text}); };

    expect(h.rec(0, main, Kind::LaneStart, h.laneObject(main), 0, 4242),
           "main started (OS thread 4242)");
    expect(h.rec(10, w1, Kind::LaneStart, h.laneObject(w1)), "worker-1 started");
    h.rec(20, w2, Kind::LaneStart, h.laneObject(w2));
    // A lock: free, handed over while waiting, free again after a release.
    expect(h.rec(100, w2, Kind::Acquire, balance, 0, 1),
           "worker-2 acquired lock 'balance' (it was free)");
    expect(h.rec(110, w1, Kind::WaitBegin, balance, 0, 0, u(WaitReason::Lock)),
           "worker-1 waits for lock 'balance'");
    expect(h.rec(200, w2, Kind::Release, balance, 1, 0), "worker-2 released lock 'balance'");
    expect(h.rec(210, w1, Kind::WaitEnd, balance, 0, 0, u(WaitResult::Ok)),
           "worker-1 stopped waiting on lock 'balance'");
    expect(h.rec(210, w1, Kind::Acquire, balance, 1, 1),
           "worker-1 acquired lock 'balance' (handed over by worker-2's release)");
    h.rec(250, w1, Kind::Release, balance, 2, 0);
    expect(h.rec(300, w2, Kind::Acquire, balance, 2, 1),
           "worker-2 acquired lock 'balance' (it was free; last released by worker-1)");
    expect(h.rec(310, w1, Kind::TryFail, balance, 0, 1),
           "worker-1 could not acquire lock 'balance': someone else holds it");
    h.rec(320, w2, Kind::Release, balance, 3, 0);
    // A semaphore.
    expect(h.rec(400, w1, Kind::Acquire, permits, 0, 1),
           "worker-1 acquired a permit of semaphore 'slots' (1 left)");
    expect(h.rec(410, w1, Kind::Release, permits, 1, 2),
           "worker-1 released a permit of semaphore 'slots' (2 free)");
    expect(h.rec(420, w2, Kind::TryFail, permits, 0, 0),
           "worker-2 found no free permit in semaphore 'slots' and gave up");
    // A condition.
    expect(h.rec(500, w1, Kind::WaitBegin, ready, 0, 0, u(WaitReason::Condition)),
           "worker-1 waits on condition 'ready' (wait)");
    expect(h.rec(510, w2, Kind::Notify, ready, 1, 1, 1),
           "worker-2 called notify(1) on condition 'ready': woke 1 waiter");
    expect(h.rec(520, w1, Kind::Wake, ready, 1),
           "worker-1 was woken on condition 'ready' by worker-2's notify");
    h.rec(521, w1, Kind::WaitEnd, ready, 0, 0, u(WaitResult::Ok));
    expect(h.rec(530, main, Kind::Notify, ready, 2, -1, 0),
           "main called notify_all() on condition 'ready': woke 0 waiters");
    // An event, set then a timeout.
    expect(h.rec(600, w1, Kind::WaitBegin, go, 0, 0, u(WaitReason::Event)),
           "worker-1 waits for event 'go' to be set");
    expect(h.rec(610, main, Kind::Set, go, 1), "main set event 'go'");
    expect(h.rec(620, w1, Kind::Wake, go, 1), "worker-1 was woken: event 'go' was set by main");
    h.rec(621, w1, Kind::WaitEnd, go, 0, 0, u(WaitResult::Ok));
    expect(h.rec(630, main, Kind::Clear, go), "main cleared event 'go'");
    h.rec(640, w2, Kind::WaitBegin, go, 0, 0, u(WaitReason::Event));
    expect(h.rec(700, w2, Kind::Wake, go, 0),
           "worker-2 woke up on event 'go' without a signal (timeout)");
    expect(h.rec(700, w2, Kind::WaitEnd, go, 0, 0, u(WaitResult::Timeout)),
           "worker-2 gave up waiting on event 'go' (timeout)");
    // A bounded queue.
    expect(h.rec(800, w1, Kind::WaitBegin, items, 0, 0, u(WaitReason::QueueGet)),
           "worker-1 waits on queue 'items' (get: it is empty)");
    expect(h.rec(810, w2, Kind::Put, items, 12, 1),
           "worker-2 put item #12 into queue 'items' (1 of 5)");
    h.rec(815, w1, Kind::WaitEnd, items, 0, 0, u(WaitResult::Ok));
    expect(h.rec(820, w1, Kind::Get, items, 12, 0),
           "worker-1 got item #12 from queue 'items', put by worker-2 (0 of 5)");
    expect(h.rec(830, w1, Kind::TaskDone, items, 0, 0),
           "worker-1 marked an item of queue 'items' done (task_done; 0 unfinished)");
    expect(h.rec(840, w2, Kind::TryFail, items, 0, 0),
           "worker-2 could not get from queue 'items': it is empty");
    expect(h.rec(850, w2, Kind::TryFail, items, 0, 5),
           "worker-2 could not put into queue 'items': it is full (5)");
    expect(h.rec(860, w2, Kind::WaitBegin, items, 0, 0, u(WaitReason::QueuePut)),
           "worker-2 waits on queue 'items' (put: it is full)");
    expect(h.rec(870, w2, Kind::WaitEnd, items, 0, 0, u(WaitResult::Cancelled)),
           "worker-2 stopped waiting on queue 'items': the run was stopped");
    expect(h.rec(880, main, Kind::WaitBegin, items, 0, 0, u(WaitReason::QueueJoin)),
           "main waits on queue 'items' (join: until every item is done)");
    h.rec(890, main, Kind::WaitEnd, items, 0, 0, u(WaitResult::Ok));
    // An unbounded queue, an item with no recorded put.
    expect(h.rec(895, w2, Kind::Put, unbounded, 1, 3),
           "worker-2 put item #1 into queue 'jobs' (3 items)");
    expect(h.rec(896, w1, Kind::Get, unbounded, 99, 1),
           "worker-1 got item #99 from queue 'jobs' (1 item)");
    // A barrier that trips, then breaks, then is reset.
    expect(h.rec(900, w1, Kind::WaitBegin, gate, 0, 0, u(WaitReason::Barrier)),
           "worker-1 waits at barrier 'gate' for the other parties");
    expect(h.rec(910, w2, Kind::Set, gate, 1),
           "worker-2 arrived last at barrier 'gate': it trips and lets everyone go (round 1)");
    expect(h.rec(911, w1, Kind::Wake, gate, 1),
           "worker-1 passes barrier 'gate' (tripped by worker-2's arrival)");
    h.rec(912, w1, Kind::WaitEnd, gate, 0, 0, u(WaitResult::Ok));
    expect(h.rec(920, main, Kind::Broken, gate, 0, 2),
           "main broke barrier 'gate' (2 waiting got BrokenBarrierError)");
    h.rec(921, w1, Kind::WaitBegin, gate, 0, 0, u(WaitReason::Barrier));
    expect(h.rec(922, w1, Kind::WaitEnd, gate, 0, 0, u(WaitResult::Broken)),
           "worker-1 stopped waiting on barrier 'gate': the barrier broke");
    expect(h.rec(930, main, Kind::Clear, gate), "main reset barrier 'gate'");
    // An executor's future.
    expect(h.rec(1000, main, Kind::Submit, job, 0, std::int32_t(pool)),
           "main submitted future 'job' to executor 'pool'");
    expect(h.rec(1010, w1, Kind::TaskStart, job), "worker-1 started the task of future 'job'");
    expect(h.rec(1020, main, Kind::WaitBegin, job, 0, 0, u(WaitReason::Future)),
           "main waits for the result of future 'job'");
    expect(h.rec(1030, w1, Kind::TaskEnd, job, 0, 0, 2),
           "worker-1 finished the task of future 'job'");
    expect(h.rec(1031, w1, Kind::Set, job, 1), "worker-1 set the result of future 'job'");
    expect(h.rec(1040, main, Kind::Wake, job, 1),
           "main was woken: future 'job' has its result (set by worker-1)");
    h.rec(1041, main, Kind::WaitEnd, job, 0, 0, u(WaitResult::Ok));
    expect(h.rec(1050, main, Kind::WaitBegin, job, 0, 3, u(WaitReason::Future)),
           "main waits for 3 futures");
    h.rec(1051, main, Kind::WaitEnd, job, 0, 0, u(WaitResult::Ok));
    expect(h.rec(1060, w2, Kind::TaskEnd, job, 0, 1, 2),
           "worker-2 finished the task of future 'job': it raised an exception");
    expect(h.rec(1070, main, Kind::Cancel, job), "main cancelled future 'job' before it ran");
    expect(h.rec(1080, w2, Kind::TaskEnd, job, 0, 0, 3),
           "worker-2 ended the task of future 'job': it was cancelled");
    // A shared variable and annotations.
    expect(h.rec(1100, w1, Kind::Read, counter, 5), "worker-1 read variable 'counter' = 5");
    expect(h.rec(1110, w1, Kind::Write, counter, 6, 0), "worker-1 wrote variable 'counter' = 6");
    expect(h.rec(1120, w2, Kind::Write, counter, 6, 1),
           "worker-2 wrote variable 'counter' = 6, overwriting 1 update(s) it never read: lost");
    expect(h.rec(1130, w2, Kind::Mark, note, 3), "worker-2: update lost here (3)");
    expect(h.rec(1131, w2, Kind::Mark, note, 0), "worker-2: update lost here");
    // An RLock entered twice.
    expect(h.rec(1200, w1, Kind::Acquire, r, 0, 1), "worker-1 acquired RLock 'r' (it was free)");
    expect(h.rec(1201, w1, Kind::Acquire, r, 0, 2), "worker-1 re-entered RLock 'r' (depth 2)");
    expect(h.rec(1202, w1, Kind::Release, r, 0, 1),
           "worker-1 released RLock 'r' once (still held, depth 1)");
    expect(h.rec(1203, w1, Kind::Release, r, 1, 0), "worker-1 released RLock 'r'");
    // Sleeping, the GIL, I/O.
    expect(h.rec(1300, w2, Kind::SleepBegin, 0, 5'000'000),
           "worker-2 sleeps for " + il::ui::duration_text(5'000'000));
    expect(h.rec(1400, w2, Kind::SleepEnd), "worker-2 woke up from sleep");
    expect(h.rec(1500, main, Kind::WaitBegin, 0, 0, 0, u(WaitReason::Gil)),
           "main waits for the GIL");
    expect(h.rec(1501, main, Kind::WaitEnd, 0, 0, 0, u(WaitResult::Ok)), "main stopped waiting");
    expect(h.rec(1502, main, Kind::WaitBegin, 0, 0, 0, u(WaitReason::Io)), "main waits for I/O");
    h.rec(1503, main, Kind::WaitEnd, 0, 0, 0, u(WaitResult::Ok));
    // Lane ends and joins: one already over, one waited for.
    expect(h.rec(1600, w1, Kind::LaneEnd, h.laneObject(w1), 1), "worker-1 finished");
    expect(h.rec(1610, main, Kind::Joined, h.laneObject(w1), 1),
           "main joined worker-1, which had already ended");
    expect(h.rec(1700, main, Kind::WaitBegin, h.laneObject(w2), 0, 0, u(WaitReason::Join)),
           "main waits for worker-2 to finish (join)");
    expect(
        h.rec(1710, w2, Kind::LaneEnd, h.laneObject(w2), 1, 0, u(il::trace::LaneEndReason::Raised)),
        "worker-2 ended with an exception");
    h.rec(1711, main, Kind::WaitEnd, h.laneObject(w2), 0, 0, u(WaitResult::Ok));
    expect(h.rec(1712, main, Kind::Joined, h.laneObject(w2), 1),
           "main joined worker-2: join() returned when worker-2 ended");
    expect(h.rec(1800, main, Kind::LaneEnd, h.laneObject(main), 1, 0,
                 u(il::trace::LaneEndReason::Cancelled)),
           "main was stopped with the run");

    const il::ui::RunDataPtr data = h.data();
    QSet<int> kinds;
    for (const auto& [i, text] : want) {
        QCOMPARE(il::ui::describe_event(*data, i), text);
        kinds.insert(int(data->snapshot.records[i].kind));
    }
    // Every kind has a sentence checked above.
    QCOMPARE(kinds.size(), int(Kind::Mark));
    QVERIFY(il::ui::describe_event(*data, data->snapshot.records.size()).isEmpty());
}

void TestEventText::kindLabels() {
    QSet<QString> labels;
    for (int k = int(Kind::LaneStart); k <= int(Kind::Mark); ++k)
        labels.insert(il::ui::event_kind_label(Kind(k)));
    QCOMPARE(labels.size(), int(Kind::Mark)); // distinct, none empty
    QVERIFY(!labels.contains(QString()));
    QCOMPARE(il::ui::event_kind_label(Kind::Acquire), QString("Acquire"));
    QCOMPARE(il::ui::object_kind_label(ObjectKind::BoundedSemaphore), QString("bounded semaphore"));
}

void TestEventText::times() {
    HandTrace h;
    QCOMPARE(il::ui::time_since_start_text(h.s, HandTrace::kStart + 12'345'678),
             QString("12.346 ms"));
    QCOMPARE(il::ui::lane_label(h.s, 7), QString("lane 7"));
}

QTEST_MAIN(TestEventText)
#include "tst_event_text.moc"
