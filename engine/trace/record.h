// The trace's unit: one fixed-size, plain record per step a lane takes.
//
// This header is the contract between everything that records (primitives,
// runtimes, scenarios) and everything that reads (analysis, exporters, views).
// A record never holds a pointer or a string: names, object kinds and
// capacities live once in the Registry (registry.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace il::trace {

using LaneId = std::uint32_t;   // index into Registry lanes; 0 is "no lane"
using ObjectId = std::uint32_t; // index into Registry objects; 0 is "no object"

// What happened. Cause and effect use tokens (see Record::a):
//  * a cause record carries in `a` a token > 0, unique within its object;
//  * an effect record carries in `a` the token of the cause that enabled it,
//    or 0 when nothing caused it (a free lock, a timeout).
// So every arrow is "the cause record with (object, token) == the effect's".
enum class Kind : std::uint16_t {
    // Lane lifecycle. `object` is the lane's own object (ObjectKind::Lane).
    LaneStart = 1, // b = OS thread id (low 32 bits); a process's main lane: a = pid
    LaneEnd, // cause: a = token; c = LaneEndReason; b = exit status (Exited) or signal (Killed)
    Joined,  // effect on the joined lane's object: a = LaneEnd token

    // Blocking. Every blocked span is WaitBegin .. WaitEnd on one object.
    WaitBegin,  // c = WaitReason; b = how many things are awaited (as_completed/wait), else 0
    WaitEnd,    // c = WaitResult
    SleepBegin, // a = requested duration in ns
    SleepEnd,

    // Ownership (Lock, RLock, Semaphore, BoundedSemaphore, Condition's lock).
    Acquire, // effect: a = token of the Release that handed over, or 0; b = depth or permits after
    Release, // cause:  a = token; b = depth (RLock) or free permits (Semaphore) after
    TryFail, // a non-blocking or timed-out acquire gave up; b = depth/permits seen

    // Signals (Condition, Event, Barrier, Future).
    Notify, // cause on a Condition: a = token; b = n requested (-1 for notify_all); c = waiters
            // woken
    Set,    // cause on an Event, a Future (result set) or a Barrier trip: a = token
    Clear,  // Event cleared
    Wake,   // effect: a = token of the Notify/Set that woke this lane, 0 for a timeout

    // Queues (also the executor's work queue).
    Put,      // cause: a = item sequence number (token); b = size after
    Get,      // effect: a = sequence number of the item taken; b = size after
    TaskDone, // b = unfinished tasks after
    Broken,   // a Barrier broke or was aborted

    // Executors.
    Submit,    // object = the future; b = the executor's object id
    TaskStart, // object = the future; running on this lane
    TaskEnd,   // object = the future; c = FutureState reached
    Cancel,    // object = the future was cancelled before it ran

    // Shared variables that scenarios instrument on purpose (a race made visible).
    Read,  // a = value read
    Write, // a = value written; b = updates it overwrote without having read them (lost)

    // Free annotation by a scenario: object = an Annotation object (its text); a = value.
    Mark,

    // Messages between processes (Pipe, and any channel without queue levels).
    Send,    // cause: a = the message's sequence number on its object (token); b = bytes
    Receive, // effect: a = sequence number of the message received; b = bytes

    // An event loop running coroutines, on the loop thread's own lane.
    Resume,  // the loop resumes a coroutine: object = the coroutine lane's object
    Suspend, // the coroutine gave the loop back: object = the same; c = 1 if it finished
};

// Why a lane is blocked (WaitBegin.c).
enum class WaitReason : std::uint16_t {
    Lock = 1,
    Semaphore,
    Condition,
    Event,
    QueuePut,
    QueueGet,
    QueueJoin,
    Barrier,
    Join,
    Future,
    Gil,
    Io,
    Send,    // a pipe or channel is full
    Receive, // waiting for a message (Pipe, process Queue, connection)
    Await,   // a coroutine awaits a task, a gather or another coroutine-only thing
};

// How a blocked span ended (WaitEnd.c).
enum class WaitResult : std::uint16_t {
    Ok = 0,
    Timeout,
    Cancelled, // the run was stopped
    Broken,    // a Barrier broke under the waiter
};

enum class LaneEndReason : std::uint16_t {
    Returned = 0,
    Raised,    // the lane's function threw
    Cancelled, // the run was stopped while it ran
    Exited,    // a process exited on its own: b = exit status
    Killed,    // a process was ended by a signal: b = signal number
    Abandoned, // a coroutine destroyed before it finished (never awaited or its loop stopped)
};

// A plain 32-byte record. Field meanings per Kind are listed above.
struct Record {
    std::int64_t t_ns; // CLOCK_MONOTONIC nanoseconds (shared by all processes)
    LaneId lane;       // who did it
    ObjectId object;   // on what (0: nothing)
    Kind kind;
    std::uint16_t c; // small argument (reason, result, state)
    std::int32_t b;  // medium argument (levels, depths, counts)
    std::int64_t a;  // large argument (token, sequence, value)
};
static_assert(sizeof(Record) == 32, "a record must stay 32 bytes");

// Names for exporters, logs and the CLI (stable, lower-case, no spaces).
std::string_view kind_name(Kind k);
std::string_view wait_reason_name(WaitReason r);
std::string_view wait_result_name(WaitResult r);

// True for kinds whose `a` is a cause token / an effect's cause token.
constexpr bool is_cause(Kind k) {
    return k == Kind::LaneEnd || k == Kind::Release || k == Kind::Notify || k == Kind::Set ||
           k == Kind::Put || k == Kind::Send;
}
constexpr bool is_effect(Kind k) {
    return k == Kind::Joined || k == Kind::Acquire || k == Kind::Wake || k == Kind::Get ||
           k == Kind::Receive;
}

} // namespace il::trace
