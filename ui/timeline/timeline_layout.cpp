#include "timeline/timeline_layout.h"

#include <algorithm>
#include <functional>
#include <map>

namespace il::ui {

TimelineLayout::TimelineLayout(const trace::Snapshot& snapshot,
                               const std::set<std::int32_t>& collapsed, TimelineMetrics metrics)
    : metrics_(metrics) {
    const std::size_t count = snapshot.lanes.size();
    row_of_lane_.assign(count, -1);

    // Group lanes by pid; groups ordered by their first (lowest) lane id.
    std::vector<std::int32_t> group_order;
    std::map<std::int32_t, std::vector<trace::LaneId>> groups;
    for (std::size_t id = 1; id < count; ++id) {
        auto [it, fresh] = groups.try_emplace(snapshot.lanes[id].pid);
        if (fresh)
            group_order.push_back(snapshot.lanes[id].pid);
        it->second.push_back(static_cast<trace::LaneId>(id));
    }

    // A coroutine hangs under its parent when the parent is an earlier lane
    // of the same process (so the tree has no cycles); others are roots.
    auto parent_of = [&](trace::LaneId id) -> trace::LaneId {
        const trace::LaneInfo& info = snapshot.lanes[id];
        const trace::LaneId p = info.parent;
        if (info.kind != trace::LaneKind::Coroutine || p == 0 || p >= id)
            return 0;
        return snapshot.lanes[p].pid == info.pid ? p : 0;
    };

    int y = 0;
    for (std::int32_t pid : group_order) {
        const std::vector<trace::LaneId>& lanes = groups[pid];
        TimelineRow header;
        header.kind = TimelineRow::Kind::Process;
        header.pid = pid;
        header.lane = lanes.front();
        header.lanes = static_cast<int>(lanes.size());
        header.collapsed = collapsed.count(pid) > 0;
        header.y = y;
        header.height = metrics_.header_height;
        rows_.push_back(header);
        y += header.height;
        if (header.collapsed)
            continue;

        std::map<trace::LaneId, std::vector<trace::LaneId>> children; // ids ascending
        for (trace::LaneId id : lanes)
            if (trace::LaneId p = parent_of(id))
                children[p].push_back(id);
        std::function<void(trace::LaneId, int)> place = [&](trace::LaneId id, int depth) {
            TimelineRow row;
            row.kind = TimelineRow::Kind::Lane;
            row.pid = pid;
            row.lane = id;
            row.depth = depth;
            row.y = y;
            row.height = metrics_.lane_height();
            row_of_lane_[id] = static_cast<int>(rows_.size());
            rows_.push_back(row);
            y += row.height;
            auto it = children.find(id);
            if (it != children.end())
                for (trace::LaneId child : it->second)
                    place(child, depth + 1);
        };
        for (trace::LaneId id : lanes)
            if (parent_of(id) == 0)
                place(id, 0);
    }
    height_ = y;
}

int TimelineLayout::row_at(int y) const {
    if (y < 0 || y >= height_)
        return -1;
    auto it = std::upper_bound(rows_.begin(), rows_.end(), y,
                               [](int v, const TimelineRow& r) { return v < r.y; });
    return static_cast<int>(it - rows_.begin()) - 1;
}

trace::LaneId TimelineLayout::lane_at(int y) const {
    const int r = row_at(y);
    return r >= 0 && rows_[r].kind == TimelineRow::Kind::Lane ? rows_[r].lane : 0;
}

const TimelineRow* TimelineLayout::lane_row(trace::LaneId lane) const {
    if (lane >= row_of_lane_.size() || row_of_lane_[lane] < 0)
        return nullptr;
    return &rows_[row_of_lane_[lane]];
}

int TimelineLayout::lane_y(trace::LaneId lane) const {
    const TimelineRow* r = lane_row(lane);
    return r ? r->y : -1;
}

} // namespace il::ui
