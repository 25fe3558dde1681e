#include "events/event_text.h"

#include "analysis/flows.h"

#include <QCoreApplication>

#include <cmath>

namespace il::ui {

// Gives lupdate one context for every sentence here.
class EventText {
    Q_DECLARE_TR_FUNCTIONS(il::ui::EventText)
};

namespace {

using trace::Kind;
using trace::ObjectKind;
using trace::Record;

QString num(std::int64_t v) {
    return QString::number(v);
}

bool is_semaphore(ObjectKind k) {
    return k == ObjectKind::Semaphore || k == ObjectKind::BoundedSemaphore;
}

// "lock 'balance'"; a lane object is just the lane's name.
QString object_phrase(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    if (!o)
        return id == 0 ? QString() : EventText::tr("object %1").arg(id);
    if (o->kind == ObjectKind::Lane && o->lane != 0)
        return lane_label(s, o->lane);
    return EventText::tr("%1 '%2'").arg(object_kind_label(o->kind), object_label(s, id));
}

// "3 of 5" for a bounded queue, "3 items" for an unbounded one.
QString fill_text(std::int64_t fill, std::int64_t capacity) {
    if (capacity > 0)
        return EventText::tr("%1 of %2").arg(num(fill), num(capacity));
    return fill == 1 ? EventText::tr("1 item") : EventText::tr("%1 items").arg(fill);
}

QString waiters_text(int n) {
    return n == 1 ? EventText::tr("woke 1 waiter") : EventText::tr("woke %1 waiters").arg(n);
}

QString describe_wait(const QString& who, const QString& what, const Record& r) {
    using R = trace::WaitReason;
    switch (static_cast<R>(r.c)) {
    case R::Lock:
    case R::Semaphore:
        return EventText::tr("%1 waits for %2").arg(who, what);
    case R::Condition:
        return EventText::tr("%1 waits on %2 (wait)").arg(who, what);
    case R::Event:
        return EventText::tr("%1 waits for %2 to be set").arg(who, what);
    case R::QueuePut:
        return EventText::tr("%1 waits on %2 (put: it is full)").arg(who, what);
    case R::QueueGet:
        return EventText::tr("%1 waits on %2 (get: it is empty)").arg(who, what);
    case R::QueueJoin:
        return EventText::tr("%1 waits on %2 (join: until every item is done)").arg(who, what);
    case R::Barrier:
        return EventText::tr("%1 waits at %2 for the other parties").arg(who, what);
    case R::Join:
        return EventText::tr("%1 waits for %2 to finish (join)").arg(who, what);
    case R::Future:
        if (r.b > 1)
            return EventText::tr("%1 waits for %2 futures").arg(who, num(r.b));
        return EventText::tr("%1 waits for the result of %2").arg(who, what);
    case R::Gil:
        return EventText::tr("%1 waits for the GIL").arg(who);
    case R::Io:
        return what.isEmpty() ? EventText::tr("%1 waits for I/O").arg(who)
                              : EventText::tr("%1 waits for I/O on %2").arg(who, what);
    case R::Send:
        return EventText::tr("%1 waits to send on %2 (it is full)").arg(who, what);
    case R::Receive:
        return EventText::tr("%1 waits for a message on %2").arg(who, what);
    case R::Await:
        return EventText::tr("%1 awaits %2").arg(who, what);
    }
    return EventText::tr("%1 waits on %2").arg(who, what);
}

QString describe_wait_end(const QString& who, const QString& what, const Record& r) {
    using W = trace::WaitResult;
    if (what.isEmpty())
        return EventText::tr("%1 stopped waiting").arg(who);
    switch (static_cast<W>(r.c)) {
    case W::Ok:
        break;
    case W::Timeout:
        return EventText::tr("%1 gave up waiting on %2 (timeout)").arg(who, what);
    case W::Cancelled:
        return EventText::tr("%1 stopped waiting on %2: the run was stopped").arg(who, what);
    case W::Broken:
        return EventText::tr("%1 stopped waiting on %2: the barrier broke").arg(who, what);
    }
    return EventText::tr("%1 stopped waiting on %2").arg(who, what);
}

QString describe_acquire(const QString& who, const QString& what, ObjectKind kind, const Record& r,
                         const analysis::Flow* flow, const QString& by) {
    if (is_semaphore(kind))
        return flow && flow->handoff
                   ? EventText::tr(
                         "%1 acquired a permit of %2 (%3 left; handed over by %4's release)")
                         .arg(who, what, num(r.b), by)
                   : EventText::tr("%1 acquired a permit of %2 (%3 left)").arg(who, what, num(r.b));
    if (kind == ObjectKind::RLock && r.b > 1)
        return EventText::tr("%1 re-entered %2 (depth %3)").arg(who, what, num(r.b));
    if (!flow)
        return EventText::tr("%1 acquired %2 (it was free)").arg(who, what);
    if (flow->handoff)
        return EventText::tr("%1 acquired %2 (handed over by %3's release)").arg(who, what, by);
    return EventText::tr("%1 acquired %2 (it was free; last released by %3)").arg(who, what, by);
}

QString describe_release(const QString& who, const QString& what, ObjectKind kind,
                         const Record& r) {
    if (is_semaphore(kind))
        return EventText::tr("%1 released a permit of %2 (%3 free)").arg(who, what, num(r.b));
    if (kind == ObjectKind::RLock && r.b > 0)
        return EventText::tr("%1 released %2 once (still held, depth %3)").arg(who, what, num(r.b));
    return EventText::tr("%1 released %2").arg(who, what);
}

QString describe_try_fail(const QString& who, const QString& what, ObjectKind kind,
                          const Record& r) {
    if (kind == ObjectKind::Queue)
        return r.b > 0 ? EventText::tr("%1 could not put into %2: it is full (%3)")
                             .arg(who, what, num(r.b))
                       : EventText::tr("%1 could not get from %2: it is empty").arg(who, what);
    if (is_semaphore(kind))
        return EventText::tr("%1 found no free permit in %2 and gave up").arg(who, what);
    return EventText::tr("%1 could not acquire %2: someone else holds it").arg(who, what);
}

QString describe_wake(const QString& who, const QString& what, ObjectKind kind, const Record& r,
                      const analysis::Flow* flow, const QString& by) {
    if (r.a == 0)
        return EventText::tr("%1 woke up on %2 without a signal (timeout)").arg(who, what);
    if (!flow)
        return EventText::tr("%1 was woken on %2").arg(who, what);
    if (flow->kind == analysis::FlowKind::NotifyWake)
        return EventText::tr("%1 was woken on %2 by %3's notify").arg(who, what, by);
    if (kind == ObjectKind::Barrier)
        return EventText::tr("%1 passes %2 (tripped by %3's arrival)").arg(who, what, by);
    if (kind == ObjectKind::Future)
        return EventText::tr("%1 was woken: %2 has its result (set by %3)").arg(who, what, by);
    return EventText::tr("%1 was woken: %2 was set by %3").arg(who, what, by);
}

QString describe_set(const QString& who, const QString& what, ObjectKind kind, const Record& r) {
    if (kind == ObjectKind::Barrier)
        return EventText::tr("%1 arrived last at %2: it trips and lets everyone go (round %3)")
            .arg(who, what, num(r.a));
    if (kind == ObjectKind::Future)
        return EventText::tr("%1 set the result of %2").arg(who, what);
    return EventText::tr("%1 set %2").arg(who, what);
}

QString describe_task_end(const QString& who, const QString& what, const Record& r) {
    constexpr std::uint16_t kCancelled = 3; // executor::FutureState::Cancelled
    if (r.c == kCancelled)
        return EventText::tr("%1 ended the task of %2: it was cancelled").arg(who, what);
    if (r.b != 0)
        return EventText::tr("%1 finished the task of %2: it raised an exception").arg(who, what);
    return EventText::tr("%1 finished the task of %2").arg(who, what);
}

QString describe_lane_end(const QString& who, const Record& r) {
    switch (static_cast<trace::LaneEndReason>(r.c)) {
    case trace::LaneEndReason::Returned:
        break;
    case trace::LaneEndReason::Raised:
        return EventText::tr("%1 ended with an exception").arg(who);
    case trace::LaneEndReason::Cancelled:
        return EventText::tr("%1 was stopped with the run").arg(who);
    case trace::LaneEndReason::Exited:
        return r.b != 0 ? EventText::tr("%1 exited with status %2").arg(who, num(r.b))
                        : EventText::tr("%1 exited").arg(who);
    case trace::LaneEndReason::Killed:
        return EventText::tr("%1 was killed by signal %2").arg(who, num(r.b));
    case trace::LaneEndReason::Abandoned:
        return EventText::tr("%1 was destroyed before it finished").arg(who);
    }
    return EventText::tr("%1 finished").arg(who);
}

} // namespace

QString event_kind_label(trace::Kind kind) {
    switch (kind) {
    case Kind::LaneStart:
        return EventText::tr("Start");
    case Kind::LaneEnd:
        return EventText::tr("End");
    case Kind::Joined:
        return EventText::tr("Joined");
    case Kind::WaitBegin:
        return EventText::tr("Wait");
    case Kind::WaitEnd:
        return EventText::tr("Wait ends");
    case Kind::SleepBegin:
        return EventText::tr("Sleep");
    case Kind::SleepEnd:
        return EventText::tr("Sleep ends");
    case Kind::Acquire:
        return EventText::tr("Acquire");
    case Kind::Release:
        return EventText::tr("Release");
    case Kind::TryFail:
        return EventText::tr("Try failed");
    case Kind::Notify:
        return EventText::tr("Notify");
    case Kind::Set:
        return EventText::tr("Set");
    case Kind::Clear:
        return EventText::tr("Clear");
    case Kind::Wake:
        return EventText::tr("Wake");
    case Kind::Put:
        return EventText::tr("Put");
    case Kind::Get:
        return EventText::tr("Get");
    case Kind::TaskDone:
        return EventText::tr("Task done");
    case Kind::Broken:
        return EventText::tr("Broken");
    case Kind::Submit:
        return EventText::tr("Submit");
    case Kind::TaskStart:
        return EventText::tr("Task start");
    case Kind::TaskEnd:
        return EventText::tr("Task end");
    case Kind::Cancel:
        return EventText::tr("Cancel");
    case Kind::Read:
        return EventText::tr("Read");
    case Kind::Write:
        return EventText::tr("Write");
    case Kind::Mark:
        return EventText::tr("Mark");
    case Kind::Send:
        return EventText::tr("Send");
    case Kind::Receive:
        return EventText::tr("Receive");
    case Kind::Resume:
        return EventText::tr("Resume");
    case Kind::Suspend:
        return EventText::tr("Suspend");
    }
    return EventText::tr("Event %1").arg(static_cast<int>(kind));
}

QString object_kind_label(trace::ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Lane:
        return EventText::tr("lane");
    case ObjectKind::Lock:
        return EventText::tr("lock");
    case ObjectKind::RLock:
        return EventText::tr("RLock");
    case ObjectKind::Semaphore:
        return EventText::tr("semaphore");
    case ObjectKind::BoundedSemaphore:
        return EventText::tr("bounded semaphore");
    case ObjectKind::Event:
        return EventText::tr("event");
    case ObjectKind::Condition:
        return EventText::tr("condition");
    case ObjectKind::Barrier:
        return EventText::tr("barrier");
    case ObjectKind::Queue:
        return EventText::tr("queue");
    case ObjectKind::Future:
        return EventText::tr("future");
    case ObjectKind::Executor:
        return EventText::tr("executor");
    case ObjectKind::Variable:
        return EventText::tr("variable");
    case ObjectKind::Annotation:
        return EventText::tr("note");
    case ObjectKind::Pipe:
        return EventText::tr("pipe");
    case ObjectKind::SharedMemory:
        return EventText::tr("shared memory");
    case ObjectKind::Loop:
        return EventText::tr("event loop");
    case ObjectKind::Socket:
        return EventText::tr("socket");
    }
    return EventText::tr("object");
}

QString lane_label(const trace::Snapshot& snapshot, trace::LaneId lane) {
    const trace::LaneInfo* l = snapshot.lane(lane);
    if (l && !l->name.empty())
        return QString::fromStdString(l->name);
    return EventText::tr("lane %1").arg(lane);
}

QString object_label(const trace::Snapshot& snapshot, trace::ObjectId object) {
    if (object == 0)
        return {};
    const trace::ObjectInfo* o = snapshot.object(object);
    if (o && !o->name.empty())
        return QString::fromStdString(o->name);
    return EventText::tr("object %1").arg(object);
}

QString time_since_start_text(const trace::Snapshot& snapshot, std::int64_t t_ns) {
    return EventText::tr("%1 ms").arg(double(t_ns - snapshot.start_ns) / 1e6, 0, 'f', 3);
}

QString describe_event(const RunData& data, std::size_t record) {
    const trace::Snapshot& s = data.snapshot;
    if (record >= s.records.size())
        return {};
    const Record& r = s.records[record];
    const QString who = lane_label(s, r.lane);
    const QString what = object_phrase(s, r.object);
    const trace::ObjectInfo* info = s.object(r.object);
    const ObjectKind kind = info ? info->kind : ObjectKind::Annotation;
    const analysis::Flow* flow =
        trace::is_effect(r.kind) ? analysis::flow_to(data.summary.flows, record) : nullptr;
    const QString by = flow ? lane_label(s, s.records[flow->from].lane) : QString();

    switch (r.kind) {
    case Kind::LaneStart:
        return r.b != 0 ? EventText::tr("%1 started (OS thread %2)").arg(who, num(r.b))
                        : EventText::tr("%1 started").arg(who);
    case Kind::LaneEnd:
        return describe_lane_end(who, r);
    case Kind::Joined:
        if (!flow)
            return EventText::tr("%1 joined %2").arg(who, what);
        return flow->handoff
                   ? EventText::tr("%1 joined %2: join() returned when %2 ended").arg(who, what)
                   : EventText::tr("%1 joined %2, which had already ended").arg(who, what);
    case Kind::WaitBegin:
        return describe_wait(who, what, r);
    case Kind::WaitEnd:
        return describe_wait_end(who, what, r);
    case Kind::SleepBegin:
        return EventText::tr("%1 sleeps for %2").arg(who, duration_text(r.a));
    case Kind::SleepEnd:
        return EventText::tr("%1 woke up from sleep").arg(who);
    case Kind::Acquire:
        return describe_acquire(who, what, kind, r, flow, by);
    case Kind::Release:
        return describe_release(who, what, kind, r);
    case Kind::TryFail:
        return describe_try_fail(who, what, kind, r);
    case Kind::Notify:
        return r.b < 0 ? EventText::tr("%1 called notify_all() on %2: %3")
                             .arg(who, what, waiters_text(r.c))
                       : EventText::tr("%1 called notify(%2) on %3: %4")
                             .arg(who, num(r.b), what, waiters_text(r.c));
    case Kind::Set:
        return describe_set(who, what, kind, r);
    case Kind::Clear:
        return kind == ObjectKind::Barrier ? EventText::tr("%1 reset %2").arg(who, what)
                                           : EventText::tr("%1 cleared %2").arg(who, what);
    case Kind::Wake:
        return describe_wake(who, what, kind, r, flow, by);
    case Kind::Put:
        return EventText::tr("%1 put item #%2 into %3 (%4)")
            .arg(who, num(r.a), what, fill_text(r.b, info ? info->capacity : 0));
    case Kind::Get:
        return flow ? EventText::tr("%1 got item #%2 from %3, put by %4 (%5)")
                          .arg(who, num(r.a), what, by, fill_text(r.b, info ? info->capacity : 0))
                    : EventText::tr("%1 got item #%2 from %3 (%4)")
                          .arg(who, num(r.a), what, fill_text(r.b, info ? info->capacity : 0));
    case Kind::TaskDone:
        return EventText::tr("%1 marked an item of %2 done (task_done; %3 unfinished)")
            .arg(who, what, num(r.b));
    case Kind::Broken:
        return EventText::tr("%1 broke %2 (%3 waiting got BrokenBarrierError)")
            .arg(who, what, num(r.b));
    case Kind::Submit:
        return EventText::tr("%1 submitted %2 to %3")
            .arg(who, what, object_phrase(s, static_cast<trace::ObjectId>(r.b)));
    case Kind::TaskStart:
        return EventText::tr("%1 started the task of %2").arg(who, what);
    case Kind::TaskEnd:
        return describe_task_end(who, what, r);
    case Kind::Cancel:
        return EventText::tr("%1 cancelled %2 before it ran").arg(who, what);
    case Kind::Read:
        return EventText::tr("%1 read %2 = %3").arg(who, what, num(r.a));
    case Kind::Write:
        if (r.b > 0)
            return EventText::tr("%1 wrote %2 = %3, overwriting %4 update(s) it never read: lost")
                .arg(who, what, num(r.a), num(r.b));
        return EventText::tr("%1 wrote %2 = %3").arg(who, what, num(r.a));
    case Kind::Mark:
        return r.a != 0 ? EventText::tr("%1: %2 (%3)").arg(who, object_label(s, r.object), num(r.a))
                        : EventText::tr("%1: %2").arg(who, object_label(s, r.object));
    case Kind::Send:
        return EventText::tr("%1 sent message #%2 on %3 (%4 bytes)")
            .arg(who, num(r.a), what, num(r.b));
    case Kind::Receive:
        return flow ? EventText::tr("%1 received message #%2 on %3, sent by %4 (%5 bytes)")
                          .arg(who, num(r.a), what, by, num(r.b))
                    : EventText::tr("%1 received message #%2 on %3 (%4 bytes)")
                          .arg(who, num(r.a), what, num(r.b));
    case Kind::Resume:
        return EventText::tr("%1 runs %2").arg(who, what);
    case Kind::Suspend:
        return r.c != 0 ? EventText::tr("%1 is back: %2 finished").arg(who, what)
                        : EventText::tr("%1 is back: %2 suspended").arg(who, what);
    }
    return EventText::tr("%1: %2 on %3").arg(who, event_kind_label(r.kind), what);
}

} // namespace il::ui
