#include "analysis/loop_runs.h"

#include "analysis/time_range.h"

#include <algorithm>
#include <map>

namespace il::analysis {

using trace::Kind;

std::vector<LoopLane> loop_runs(const trace::Snapshot& snapshot) {
    const std::int64_t end = time_range(snapshot).end;
    std::map<trace::LaneId, LoopLane> loops;
    for (std::size_t i = 0; i < snapshot.records.size(); ++i) {
        const trace::Record& r = snapshot.records[i];
        if (r.kind != Kind::Resume && r.kind != Kind::Suspend)
            continue;
        const trace::ObjectInfo* o = snapshot.object(r.object);
        if (!o || o->kind != trace::ObjectKind::Lane || o->lane == 0)
            continue;
        LoopLane& loop = loops[r.lane];
        loop.loop = r.lane;
        std::vector<LoopRun>& runs = loop.runs;
        if (r.kind == Kind::Resume) {
            // A Resume while a step is open closes it there: the loop cannot
            // run two coroutines at once, so its Suspend was lost (budget).
            if (!runs.empty() && runs.back().open) {
                runs.back().t1 = r.t_ns;
                runs.back().open = false;
            }
            runs.push_back({r.t_ns, end, o->lane, false, true, RecordIndex(i)});
        } else if (!runs.empty() && runs.back().open && runs.back().task == o->lane) {
            runs.back().t1 = r.t_ns;
            runs.back().open = false;
            runs.back().finished = r.c != 0;
        }
    }
    std::vector<LoopLane> out;
    out.reserve(loops.size());
    for (auto& [lane, loop] : loops) {
        loop.runs.shrink_to_fit();
        out.push_back(std::move(loop));
    }
    return out;
}

const LoopRun* run_at(const LoopLane& loop, std::int64_t t) {
    auto it = std::upper_bound(loop.runs.begin(), loop.runs.end(), t,
                               [](std::int64_t v, const LoopRun& r) { return v < r.t0; });
    if (it == loop.runs.begin())
        return nullptr;
    --it;
    return t < it->t1 ? &*it : nullptr;
}

} // namespace il::analysis
