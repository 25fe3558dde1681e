#include "trace/registry.h"

#include <unistd.h>

namespace il::trace {

Registry::Registry() {
    objects_.emplace_back();
    lanes_.emplace_back();
}

ObjectId Registry::add_object(ObjectKind kind, std::string name, std::int64_t capacity,
                              std::uint16_t detail, ObjectId related) {
    std::lock_guard g(mutex_);
    ObjectInfo info;
    info.id = static_cast<ObjectId>(objects_.size());
    info.kind = kind;
    info.name = std::move(name);
    info.capacity = capacity;
    info.detail = detail;
    info.related = related;
    objects_.push_back(std::move(info));
    return objects_.back().id;
}

LaneId Registry::add_lane(std::string name, LaneKind kind, LaneId parent) {
    std::lock_guard g(mutex_);
    LaneInfo lane;
    lane.id = static_cast<LaneId>(lanes_.size());
    lane.name = std::move(name);
    lane.kind = kind;
    lane.pid = static_cast<std::int32_t>(::getpid());
    lane.parent = parent;

    ObjectInfo obj;
    obj.id = static_cast<ObjectId>(objects_.size());
    obj.kind = ObjectKind::Lane;
    obj.name = lane.name;
    obj.lane = lane.id;
    lane.object = obj.id;

    objects_.push_back(std::move(obj));
    lanes_.push_back(std::move(lane));
    return lanes_.back().id;
}

std::size_t Registry::lane_count() const {
    std::lock_guard g(mutex_);
    return lanes_.size();
}

std::size_t Registry::object_count() const {
    std::lock_guard g(mutex_);
    return objects_.size();
}

ObjectInfo Registry::object(ObjectId id) const {
    std::lock_guard g(mutex_);
    return id < objects_.size() ? objects_[id] : ObjectInfo{};
}

LaneInfo Registry::lane(LaneId id) const {
    std::lock_guard g(mutex_);
    return id < lanes_.size() ? lanes_[id] : LaneInfo{};
}

std::vector<ObjectInfo> Registry::objects() const {
    std::lock_guard g(mutex_);
    return objects_;
}

std::vector<LaneInfo> Registry::lanes() const {
    std::lock_guard g(mutex_);
    return lanes_;
}

std::string_view object_kind_name(ObjectKind k) {
    switch (k) {
    case ObjectKind::Lane:
        return "lane";
    case ObjectKind::Lock:
        return "lock";
    case ObjectKind::RLock:
        return "rlock";
    case ObjectKind::Semaphore:
        return "semaphore";
    case ObjectKind::BoundedSemaphore:
        return "bounded_semaphore";
    case ObjectKind::Event:
        return "event";
    case ObjectKind::Condition:
        return "condition";
    case ObjectKind::Barrier:
        return "barrier";
    case ObjectKind::Queue:
        return "queue";
    case ObjectKind::Future:
        return "future";
    case ObjectKind::Executor:
        return "executor";
    case ObjectKind::Variable:
        return "variable";
    case ObjectKind::Annotation:
        return "annotation";
    case ObjectKind::Pipe:
        return "pipe";
    case ObjectKind::SharedMemory:
        return "shared_memory";
    case ObjectKind::Loop:
        return "loop";
    case ObjectKind::Socket:
        return "socket";
    }
    return "unknown";
}

std::string_view lane_kind_name(LaneKind k) {
    switch (k) {
    case LaneKind::Thread:
        return "thread";
    case LaneKind::Process:
        return "process";
    case LaneKind::Coroutine:
        return "coroutine";
    }
    return "unknown";
}

} // namespace il::trace
