#include "analysis/stall.h"

#include "analysis/text.h"

#include <algorithm>

namespace il::analysis {

using trace::ObjectKind;
using trace::WaitReason;

namespace {

std::string names(const WaitForGraph& g, const std::vector<trace::LaneId>& lanes) {
    std::string s;
    for (std::size_t i = 0; i < lanes.size(); ++i)
        s += (i == 0 ? "" : ", ") + g.lane_name(lanes[i]);
    return s;
}

} // namespace

std::string describe_wait(const WaitForGraph& g, const BlockedLane& b) {
    const trace::ObjectInfo* info = g.object_info(b.object);
    const std::string name = "'" + g.object_name(b.object) + "'";
    switch (b.reason) {
    case WaitReason::Join: {
        const trace::LaneId target = info ? info->lane : 0;
        return "waits to join " + (target ? g.lane_name(target) : name);
    }
    case WaitReason::Gil:
        return "waits for the GIL";
    case WaitReason::Io:
        return "waits for I/O on " + name;
    case WaitReason::QueueGet:
        return "waits on queue " + name + " (get)";
    case WaitReason::QueuePut:
        return "waits on queue " + name + " (put)";
    case WaitReason::QueueJoin:
        return "waits on queue " + name + " (join)";
    case WaitReason::Future:
        if (b.awaited > 1)
            return "waits on " + std::to_string(b.awaited) + " futures, first " + name;
        else {
            std::vector<trace::LaneId> h = g.holders(b.object);
            return "waits on future " + name +
                   (h.empty() ? " (not running)" : " (running on " + names(g, h) + ")");
        }
    case WaitReason::Barrier: {
        std::string s = "waits on barrier " + name;
        if (info && info->capacity > 0)
            s += " (arrival " + std::to_string(b.awaited) + " of " +
                 std::to_string(info->capacity) + ")";
        return s;
    }
    default:
        break;
    }
    std::string s =
        "waits on " + (info ? kind_label(info->kind) : std::string("object")) + " " + name;
    if (info &&
        (info->kind == ObjectKind::Lock || info->kind == ObjectKind::RLock ||
         info->kind == ObjectKind::Semaphore || info->kind == ObjectKind::BoundedSemaphore)) {
        std::vector<trace::LaneId> h = g.holders(b.object);
        if (!h.empty())
            s += " (held by " + names(g, h) + ")";
    }
    return s;
}

bool is_stalled(const WaitForGraph& graph) {
    if (graph.any_sleeping())
        return false;
    std::size_t stuck = 0;
    for (const BlockedLane& b : graph.blocked()) {
        if (b.reason == WaitReason::Io || b.reason == WaitReason::Gil)
            return false;
        ++stuck;
    }
    return stuck > 0 && stuck == graph.live_lanes();
}

Diagnostic stall_diagnostic(const WaitForGraph& graph, std::int64_t now_ns, std::int64_t quiet_ns) {
    Diagnostic d;
    d.kind = "stall";
    d.t_ns = graph.last_t_ns() > 0 ? graph.last_t_ns() : now_ns - quiet_ns;
    std::string msg =
        "no progress for " + duration_text(std::max<std::int64_t>(0, now_ns - d.t_ns));
    std::vector<BlockedLane> blocked = graph.blocked();
    if (blocked.empty())
        msg += "; no lane is blocked";
    for (std::size_t i = 0; i < blocked.size(); ++i) {
        const BlockedLane& b = blocked[i];
        msg += (i == 0 ? ": " : ", ") + graph.lane_name(b.lane) + " " + describe_wait(graph, b);
        d.lanes.push_back(b.lane);
        d.objects.push_back(b.object);
    }
    d.message = std::move(msg);
    return d;
}

} // namespace il::analysis
