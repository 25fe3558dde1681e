// What the lock view shows at a time t, as plain values: one node per Lock,
// RLock, Semaphore, BoundedSemaphore and Condition (owner or holders, free
// permits, the ordered waiter queue, deadlock membership) and the handoffs
// to animate. Built once per RunData (the per-data indexes), then queried per
// playhead move in O(log n + answer). Immutable after construction; const
// queries are safe from any thread. Keeps the RunData alive it was given.
#pragma once

#include "model/run_data.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace il::ui {

struct LockHolderItem {
    trace::LaneId lane = 0;
    std::int64_t since = 0;
    std::int32_t count = 1; // permits held (semaphores), depth (RLock)
    bool in_cycle = false;  // holds this object as part of a deadlock cycle
};

struct LockWaiterItem {
    trace::LaneId lane = 0;
    std::int64_t since = 0;     // began to wait
    std::int64_t waited_ns = 0; // t - since
    bool woken = false;         // Condition: notified, not yet running again
    bool in_cycle = false;      // this wait edge closes a deadlock cycle
};

struct LockNode {
    trace::ObjectId object = 0;
    trace::ObjectKind kind = trace::ObjectKind::Lock;
    std::string name;
    // Locks: the owner (0 when free). RLock: its current re-entry depth.
    trace::LaneId owner = 0;
    std::int32_t depth = 0;
    // Semaphores: every holder with its permits, free permits out of capacity.
    std::vector<LockHolderItem> holders; // by since; for a lock, the owner alone
    std::int64_t capacity = 0;
    std::int64_t free_permits = 0;
    // Condition: its lock and who owns that now.
    trace::ObjectId lock = 0;
    trace::LaneId lock_owner = 0;
    // Arrival order: front() came first (and is served first by a fair lock).
    std::vector<LockWaiterItem> waiters;
    bool in_deadlock = false; // an object on a deadlock cycle closed at or before t

    bool counting() const {
        return kind == trace::ObjectKind::Semaphore || kind == trace::ObjectKind::BoundedSemaphore;
    }
};

// A lock or permit handed from a releasing lane to a lane that waited for it.
struct LockHandoff {
    trace::ObjectId object = 0;
    trace::LaneId from = 0; // the Release's lane
    trace::LaneId to = 0;   // the Acquire's lane
    std::int64_t t = 0;     // the Acquire's time
    std::size_t release = 0;
    std::size_t acquire = 0;
};

// A deadlock as this snapshot shows it. `t` is when its cycle closed here:
// the diagnostic's t_ns, or the closing WaitBegin's time if that is a little
// later (a diagnostic found live carries times from the live clock
// calibration, which can differ from the final snapshot's by a few ns).
struct LockDeadlock {
    const analysis::Diagnostic* diagnostic = nullptr;
    std::int64_t t = 0;
    // The WaitBegin that closed the cycle (see LockScene::closing_record).
    std::size_t record = static_cast<std::size_t>(-1);
};

class LockScene {
public:
    static constexpr std::size_t kNoRecord = static_cast<std::size_t>(-1);

    LockScene() = default;
    explicit LockScene(RunDataPtr data);

    const RunDataPtr& data() const { return data_; }
    bool empty() const { return objects_.empty(); }
    // The objects shown, by id (a Condition after the lock it uses, as registered).
    const std::vector<trace::ObjectId>& objects() const { return objects_; }

    std::vector<LockNode> nodes_at(std::int64_t t) const;
    LockNode node_at(trace::ObjectId object, std::int64_t t) const;

    // The node as a handoff's animation starts: its state at t (before the
    // Acquire), with the releasing lane put back among the holders if it had
    // already let go, so the token can leave from its chip.
    LockNode node_before(const LockHandoff& handoff, std::int64_t t) const;

    // Handoffs whose Acquire happened in (after, upto], in time order; at most
    // `limit` of them (the earliest).
    std::vector<LockHandoff> handoffs(std::int64_t after, std::int64_t upto,
                                      std::size_t limit = 64) const;

    // "deadlock" diagnostics by time, one per cycle (the same cycle reported
    // live and found again after the run, maybe rotated, is shown once).
    const std::vector<LockDeadlock>& deadlocks() const { return deadlocks_; }
    // The latest deadlock closed at or before t, or nullptr.
    const LockDeadlock* deadlock_at(std::int64_t t) const;

    // The most recent record on `object` at or before t, or kNoRecord.
    std::size_t last_record(trace::ObjectId object, std::int64_t t) const;
    // The record that closed a deadlock's cycle: the latest WaitBegin of a
    // cycle lane on its cycle object at or about t_ns (else the last record
    // of a cycle lane at or before t_ns), or kNoRecord.
    std::size_t closing_record(const analysis::Diagnostic& deadlock) const;

private:
    struct Entry {
        trace::ObjectId object = 0;
        const analysis::ObjectOwnership* ownership = nullptr; // locks, semaphores
        const analysis::LevelSeries* level = nullptr;         // semaphores
        // Condition: its waits (indices into summary.waits) and their index.
        std::vector<std::uint32_t> waits;
        analysis::IntervalIndex wait_index;
        std::vector<std::size_t> records; // every record on the object, by time
    };
    const Entry* entry(trace::ObjectId object) const;
    LockNode build(const Entry& e, std::int64_t t,
                   const std::vector<const analysis::Diagnostic*>& closed) const;
    std::vector<const analysis::Diagnostic*> closed_at(std::int64_t t) const;
    void add_deadlock(const analysis::Diagnostic& d);
    std::int32_t depth_at(const Entry& e, std::int64_t t) const;

    RunDataPtr data_;
    std::vector<trace::ObjectId> objects_;
    std::vector<Entry> entries_;          // parallel to objects_
    std::vector<std::int32_t> slot_;      // object id -> index in entries_, -1
    std::vector<std::size_t> handoffs_;   // indices into summary.flows, by effect time
    std::vector<std::int64_t> handoff_t_; // their effect times
    std::vector<LockDeadlock> deadlocks_;
};

} // namespace il::ui
