// Who holds what and who waits for what, kept up to date record by record,
// and the deadlocks it reveals at the instant their cycle closes. Fed live (a
// run's monitor passes each new batch of records) or over a finished trace
// (find_deadlocks). Not thread-safe: one owner feeds and queries it.
//
// Edges: a lane waits for the object of its open WaitBegin; an object is
// held by its owner(s):
//  * Lock / RLock: the lane of the Acquire that took it, until the Release
//    that frees it (an RLock's nested levels do not free it);
//  * a Lane object: its lane, until LaneEnd (a join waits for it);
//  * a Future: the lane between its TaskStart and TaskEnd (a result() waits
//    for it; a wait()/as_completed() over several futures is not an edge);
//  * Semaphore / BoundedSemaphore: every lane holding a permit. A semaphore
//    is an OR-node: its waiter is deadlocked only if every holder is (a knot).
//    That is only sound while permits are owned, so a semaphore leaves the
//    graph for good once a lane releases a permit it did not take or takes a
//    second permit while holding one (signalling use: anyone may release).
// Conditions, Events, Queues and Barriers have no owner: a lane waiting on
// one is blocked (see blocked(), stall.h) but never on a cycle.
//
// Robust to records of different lanes arriving slightly out of order across
// batches (each lane's own records must stay in order): an Acquire replaces
// the owner it finds, and a Release by a lane that is not the owner is
// ignored. Cost: O(1) per record, plus, per WaitBegin on an owned object, the
// lanes reachable from the waiter along wait-for edges (a path for locks);
// a wait that joins a deadlock while lanes wait on semaphores also scans the
// blocked lanes once (an OR-node's cycle may close upstream of the waiter).
// One record closing several cycles at once (only possible through
// semaphores) is reported with one of them.
#pragma once

#include "analysis/diagnostic.h"
#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace il::analysis {

struct BlockedLane {
    trace::LaneId lane = 0;
    trace::ObjectId object = 0;
    trace::WaitReason reason{};
    std::int32_t awaited = 0; // WaitBegin.b
    std::int64_t since = 0;   // WaitBegin's t_ns
};

class WaitForGraph {
public:
    WaitForGraph();

    // Names and kinds of lanes and objects (index == id, as in a Snapshot).
    // May be called again as the registry grows. Returns the deadlocks that
    // only the new registry reveals: waits recorded on objects the previous
    // one did not know yet (rare; the records are kept and re-examined).
    std::vector<Diagnostic> set_registry(std::vector<trace::LaneInfo> lanes,
                                         std::vector<trace::ObjectInfo> objects);

    // One record, in time order per lane. Returns a "deadlock" diagnostic
    // when this record closed a wait-for cycle (each cycle reported once;
    // lanes piling onto it later are not a new one): lanes and objects in
    // cycle order (lanes[i] waits for objects[i], held by lanes[i + 1]; the
    // last is held by lanes[0]), from the lane whose wait closed it; t_ns
    // when it closed (this WaitBegin, or the latest of the cycle's if they
    // came out of order); the message names them all.
    // Judged on what has arrived: a lane whose WaitEnd(Timeout) is still in
    // a later batch can look stuck a moment longer than it was, so feed
    // batches promptly and each in time order.
    std::optional<Diagnostic> feed(const trace::Record& r);

    // Lanes blocked now, by lane id (their innermost open wait).
    std::vector<BlockedLane> blocked() const;
    bool any_sleeping() const { return sleeping_ > 0; }
    // Lanes that recorded something and have not ended.
    std::size_t live_lanes() const { return live_; }
    // The lanes holding `object` now (a lock's owner, a lane object's lane,
    // a future's runner, a semaphore's permit holders), whatever its kind.
    std::vector<trace::LaneId> holders(trace::ObjectId object) const;
    // The latest t_ns fed (0 before any record).
    std::int64_t last_t_ns() const { return last_t_; }

    // Registry lookups; nullptr when unknown.
    const trace::LaneInfo* lane_info(trace::LaneId id) const;
    const trace::ObjectInfo* object_info(trace::ObjectId id) const;
    // Registry name, or "lane 7" / "object 12" when unknown.
    std::string lane_name(trace::LaneId id) const;
    std::string object_name(trace::ObjectId id) const;

private:
    struct OpenWait {
        trace::ObjectId object = 0;
        trace::WaitReason reason{};
        std::int32_t awaited = 0;
        std::int64_t since = 0;
        bool or_node = false; // on a Semaphore / BoundedSemaphore
    };
    struct LaneState {
        std::vector<OpenWait> waits; // innermost last
        bool live = false;
        bool ended = false;
        bool sleeping = false;
        bool deadlocked = false;   // part of a deadlock found (and reported) earlier
        bool unknown_wait = false; // its innermost wait is on an object the registry lacks
    };
    struct Permit {
        trace::LaneId lane = 0;
        std::int32_t count = 0;
    };
    struct ObjectState {
        trace::LaneId owner = 0;     // Lock/RLock owner (also kept for any acquired object)
        trace::LaneId runner = 0;    // Future: the lane running it
        std::vector<Permit> permits; // Semaphore: who holds how many
        std::int64_t free = -1;      // Semaphore: free permits last seen (-1 unknown)
        bool shared_use = false;     // Semaphore: released by a non-holder, or held twice
    };

    LaneState& lane_state(trace::LaneId id);
    ObjectState& object_state(trace::ObjectId id);
    void holders_into(trace::ObjectId object, std::vector<trace::LaneId>& out) const;
    void on_acquire(const trace::Record& r);
    void on_release(const trace::Record& r);
    // Lanes the lane's innermost wait waits for, into `out`: empty when that
    // wait is no edge (no wait, an ownerless or unknown object) or the
    // object is free (the wait is about to end).
    void successors(trace::LaneId lane, std::vector<trace::LaneId>& out) const;
    // The deadlock check after `lane` began waiting: check() finds cycles
    // among the lanes `lane` waits for; upstream() those of lanes that wait
    // (through semaphores) for `lane` and were only now cut off.
    std::optional<Diagnostic> check_closing(trace::LaneId lane);
    std::optional<Diagnostic> check(trace::LaneId lane);
    std::optional<Diagnostic> upstream(trace::LaneId lane);
    void open_wait(LaneState& ls, const OpenWait& w);
    void close_wait(LaneState& ls, std::size_t index);
    Diagnostic describe(const std::vector<trace::LaneId>& cycle) const;

    std::vector<trace::LaneInfo> lanes_;     // the registry, index == id
    std::vector<trace::ObjectInfo> objects_; // the registry, index == id
    std::vector<LaneState> lane_states_;     // index == id, grown on demand
    std::vector<ObjectState> object_states_; // index == id, grown on demand
    std::size_t live_ = 0;
    std::size_t sleeping_ = 0;
    std::size_t or_waits_ = 0; // open waits on semaphores: cycles may close upstream
    std::int64_t last_t_ = 0;

    // Scratch for check(), reused so a check allocates nothing once warm.
    // Lanes are marked with an epoch instead of clearing per-lane arrays.
    std::vector<std::uint32_t> mark_;  // per lane: epoch when reached
    std::vector<std::uint32_t> index_; // per lane: position in nodes_ for this epoch
    std::uint32_t epoch_ = 0;
    std::vector<trace::LaneId> nodes_;      // reached lanes, BFS order
    std::vector<std::uint32_t> succ_begin_; // per node: offset into succ_ (size nodes+1)
    std::vector<std::uint32_t> succ_;       // successor node positions
    std::vector<std::uint32_t> pred_begin_;
    std::vector<std::uint32_t> pred_;
    std::vector<char> alive_;         // per node: still possibly deadlocked
    std::vector<std::uint32_t> work_; // worklist / BFS queue
    std::vector<std::int32_t> parent_;
    std::vector<trace::LaneId> holders_scratch_;
};

// Every deadlock in a trace, in the order their cycles closed.
std::vector<Diagnostic> find_deadlocks(const trace::Snapshot& snapshot);

} // namespace il::analysis
