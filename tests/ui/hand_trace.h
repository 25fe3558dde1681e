// A snapshot built by hand for exact checks of the event log, the statistics
// tables and the diagnostics panel: lanes, objects and records pushed one by
// one, then analysed and wrapped in a RunData like a real run.
#pragma once

#include "analysis/stats.h"
#include "model/run_data.h"
#include "trace/snapshot.h"

#include <memory>
#include <string>

struct HandTrace {
    static constexpr std::int64_t kStart = 1'000'000'000; // CLOCK_MONOTONIC of the start

    il::trace::Snapshot s;

    HandTrace() {
        s.lanes.push_back({});
        s.objects.push_back({});
        s.start_ns = kStart;
        s.end_ns = kStart;
    }

    // A lane and its own Lane object (ids follow registration order).
    il::trace::LaneId lane(const std::string& name, std::int32_t pid = 100) {
        const auto id = static_cast<il::trace::LaneId>(s.lanes.size());
        const il::trace::ObjectId obj = object(il::trace::ObjectKind::Lane, name);
        s.objects[obj].lane = id;
        s.lanes.push_back({id, name, il::trace::LaneKind::Thread, obj, pid, 0});
        return id;
    }
    il::trace::ObjectId laneObject(il::trace::LaneId lane) const { return s.lanes[lane].object; }

    il::trace::ObjectId object(il::trace::ObjectKind kind, const std::string& name,
                               std::int64_t capacity = 0, il::trace::ObjectId related = 0) {
        const auto id = static_cast<il::trace::ObjectId>(s.objects.size());
        il::trace::ObjectInfo o;
        o.id = id;
        o.kind = kind;
        o.name = name;
        o.capacity = capacity;
        o.related = related;
        s.objects.push_back(o);
        return id;
    }

    // A record `t` ns after the start; returns its index.
    std::size_t rec(std::int64_t t, il::trace::LaneId lane, il::trace::Kind kind,
                    il::trace::ObjectId object = 0, std::int64_t a = 0, std::int32_t b = 0,
                    std::uint16_t c = 0) {
        s.records.push_back({kStart + t, lane, object, kind, c, b, a});
        s.end_ns = std::max(s.end_ns, kStart + t);
        return s.records.size() - 1;
    }
    template <class E> static std::uint16_t u(E e) { return static_cast<std::uint16_t>(e); }

    // Analysed, like a finished run; `end` ns after the start (default: the last record).
    il::ui::RunDataPtr data(std::int64_t end = -1, bool live = false) const {
        auto d = std::make_shared<il::ui::RunData>();
        d->scenario = "hand";
        d->snapshot = s;
        if (end >= 0)
            d->snapshot.end_ns = kStart + end;
        d->snapshot.finished = !live;
        d->summary = il::analysis::analyze(d->snapshot);
        d->live = live;
        d->duration_ns = d->snapshot.end_ns - d->snapshot.start_ns;
        return d;
    }
};
