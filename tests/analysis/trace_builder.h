// Terse hand-made snapshots for analysis and export tests: no threads, no
// clock, just records at chosen times. Not thread-safe (a test's local).
#pragma once

#include "trace/snapshot.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace il::test {

using namespace il::trace;

class TraceBuilder {
public:
    explicit TraceBuilder(std::int64_t start_ns = 0) {
        snap_.start_ns = start_ns;
        snap_.lanes.emplace_back();
        snap_.objects.emplace_back();
    }

    LaneId lane(const std::string& name, std::int32_t pid = 100, LaneId parent = 0) {
        LaneInfo l;
        l.id = static_cast<LaneId>(snap_.lanes.size());
        l.name = name;
        l.pid = pid;
        l.parent = parent;
        ObjectId obj = object(ObjectKind::Lane, name);
        snap_.objects[obj].lane = l.id;
        l.object = obj;
        snap_.lanes.push_back(l);
        return l.id;
    }

    ObjectId object(ObjectKind kind, const std::string& name, std::int64_t capacity = 0,
                    ObjectId related = 0) {
        ObjectInfo o;
        o.id = static_cast<ObjectId>(snap_.objects.size());
        o.kind = kind;
        o.name = name;
        o.capacity = capacity;
        o.related = related;
        snap_.objects.push_back(o);
        return o.id;
    }

    ObjectId lane_object(LaneId lane) const { return snap_.lanes[lane].object; }

    TraceBuilder& rec(std::int64_t t, LaneId lane, Kind kind, ObjectId object = 0,
                      std::int64_t a = 0, std::int32_t b = 0, std::uint16_t c = 0) {
        snap_.records.push_back(Record{t, lane, object, kind, c, b, a});
        return *this;
    }

    TraceBuilder& start(std::int64_t t, LaneId l) {
        return rec(t, l, Kind::LaneStart, lane_object(l));
    }
    TraceBuilder& end(std::int64_t t, LaneId l) {
        return rec(t, l, Kind::LaneEnd, lane_object(l), 1);
    }
    TraceBuilder& joined(std::int64_t t, LaneId l, LaneId other) {
        return rec(t, l, Kind::Joined, lane_object(other), 1);
    }
    TraceBuilder& wait(std::int64_t t, LaneId l, ObjectId o, WaitReason reason) {
        return rec(t, l, Kind::WaitBegin, o, 0, 0, static_cast<std::uint16_t>(reason));
    }
    TraceBuilder& wait_end(std::int64_t t, LaneId l, ObjectId o,
                           WaitResult result = WaitResult::Ok) {
        return rec(t, l, Kind::WaitEnd, o, 0, 0, static_cast<std::uint16_t>(result));
    }
    TraceBuilder& acquire(std::int64_t t, LaneId l, ObjectId o, std::int64_t token,
                          std::int32_t b = 1) {
        return rec(t, l, Kind::Acquire, o, token, b);
    }
    TraceBuilder& release(std::int64_t t, LaneId l, ObjectId o, std::int64_t token,
                          std::int32_t b = 0) {
        return rec(t, l, Kind::Release, o, token, b);
    }
    TraceBuilder& put(std::int64_t t, LaneId l, ObjectId q, std::int64_t seq,
                      std::int32_t size_after) {
        return rec(t, l, Kind::Put, q, seq, size_after);
    }
    TraceBuilder& get(std::int64_t t, LaneId l, ObjectId q, std::int64_t seq,
                      std::int32_t size_after) {
        return rec(t, l, Kind::Get, q, seq, size_after);
    }
    TraceBuilder& notify(std::int64_t t, LaneId l, ObjectId cond, std::int64_t token,
                         std::int32_t n = 1) {
        return rec(t, l, Kind::Notify, cond, token, n, 1);
    }
    TraceBuilder& set(std::int64_t t, LaneId l, ObjectId o, std::int64_t token) {
        return rec(t, l, Kind::Set, o, token);
    }
    TraceBuilder& wake(std::int64_t t, LaneId l, ObjectId o, std::int64_t token) {
        return rec(t, l, Kind::Wake, o, token);
    }
    TraceBuilder& sleep(std::int64_t t0, std::int64_t t1, LaneId l) {
        rec(t0, l, Kind::SleepBegin, 0, t1 - t0);
        return rec(t1, l, Kind::SleepEnd);
    }
    TraceBuilder& task_start(std::int64_t t, LaneId l, ObjectId future) {
        return rec(t, l, Kind::TaskStart, future);
    }
    TraceBuilder& task_end(std::int64_t t, LaneId l, ObjectId future) {
        return rec(t, l, Kind::TaskEnd, future, 0, 0, 2); // FutureState::Finished
    }
    TraceBuilder& read(std::int64_t t, LaneId l, ObjectId var, std::int64_t value) {
        return rec(t, l, Kind::Read, var, value);
    }
    TraceBuilder& write(std::int64_t t, LaneId l, ObjectId var, std::int64_t value,
                        std::int32_t lost = 0) {
        return rec(t, l, Kind::Write, var, value, lost);
    }
    TraceBuilder& mark(std::int64_t t, LaneId l, ObjectId annotation, std::int64_t value = 0) {
        return rec(t, l, Kind::Mark, annotation, value);
    }

    // Records stably sorted by time, as Recorder::snapshot() delivers them.
    Snapshot snapshot(std::int64_t end_ns, bool finished = true) const {
        Snapshot s = snap_;
        std::stable_sort(s.records.begin(), s.records.end(),
                         [](const Record& x, const Record& y) { return x.t_ns < y.t_ns; });
        s.end_ns = end_ns;
        s.finished = finished;
        return s;
    }

private:
    Snapshot snap_;
};

// Index of the n-th record (0-based) of this kind, lane and object; -1 if none.
inline std::ptrdiff_t find_record(const Snapshot& s, Kind kind, LaneId lane, ObjectId object,
                                  int nth = 0) {
    for (std::size_t i = 0; i < s.records.size(); ++i) {
        const Record& r = s.records[i];
        if (r.kind == kind && r.lane == lane && r.object == object && nth-- == 0)
            return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
}

} // namespace il::test
