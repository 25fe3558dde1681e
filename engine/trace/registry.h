// Who and what a trace talks about: lanes (things that run) and objects
// (things lanes act on). Written once per lane/object, read by snapshots.
// Thread-safe: every member function may be called from any thread.
#pragma once

#include "trace/record.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace il::trace {

enum class ObjectKind : std::uint16_t {
    Lane = 1, // every lane has one, so joins and lane ends are ordinary objects
    Lock,
    RLock,
    Semaphore,
    BoundedSemaphore,
    Event,
    Condition,
    Barrier,
    Queue,
    Future,
    Executor,
    Variable,     // a shared variable a scenario instruments on purpose
    Annotation,   // a scenario's note; its text is the name
    Pipe,         // a channel between processes (multiprocessing.Pipe / a Queue's pipe)
    SharedMemory, // a Value or Array in shared memory; capacity: elements
    Loop,         // an event loop
    Socket,       // a connection or listening socket (I/O waits name it)
};

enum class QueueOrder : std::uint16_t { Fifo = 0, Lifo, Priority };

enum class LaneKind : std::uint16_t { Thread = 1, Process, Coroutine };

struct ObjectInfo {
    ObjectId id = 0;
    ObjectKind kind = ObjectKind::Annotation;
    std::string name;
    // Queue: maxsize (0 = unbounded). Semaphore: initial value (and bound for
    // BoundedSemaphore). Barrier: parties. Executor: max workers.
    std::int64_t capacity = 0;
    std::uint16_t detail = 0; // Queue: QueueOrder
    ObjectId related = 0;     // Condition: its lock. Future: its executor.
    LaneId lane = 0;          // Lane objects: the lane
};

struct LaneInfo {
    LaneId id = 0;
    std::string name;
    LaneKind kind = LaneKind::Thread;
    ObjectId object = 0;  // the lane's own object (ObjectKind::Lane)
    std::int32_t pid = 0; // the OS process the lane runs in
    LaneId parent = 0;    // the lane that created it, 0 for a root lane
};

class Registry {
public:
    Registry();

    ObjectId add_object(ObjectKind kind, std::string name, std::int64_t capacity = 0,
                        std::uint16_t detail = 0, ObjectId related = 0);
    LaneId add_lane(std::string name, LaneKind kind, LaneId parent = 0);

    // How many entries there are (placeholders included): cheap change checks.
    std::size_t lane_count() const;
    std::size_t object_count() const;

    ObjectInfo object(ObjectId id) const;
    LaneInfo lane(LaneId id) const;
    // Copies; index i holds id i, index 0 is an empty placeholder.
    std::vector<ObjectInfo> objects() const;
    std::vector<LaneInfo> lanes() const;

private:
    mutable std::mutex mutex_; // guards both vectors
    std::vector<ObjectInfo> objects_;
    std::vector<LaneInfo> lanes_;
};

std::string_view object_kind_name(ObjectKind k);
std::string_view lane_kind_name(LaneKind k);

} // namespace il::trace
