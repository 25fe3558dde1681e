#include "analysis/waits.h"

#include "analysis/time_range.h"

#include <algorithm>

namespace il::analysis {

using trace::Kind;
using trace::Record;

namespace {

constexpr std::size_t npos = WaitSpan::npos;

// Per lane while pairing: the open spans (innermost last) and the span just
// closed, whose effect may be among the effect records that follow WaitEnd.
struct LaneCursor {
    std::vector<std::uint32_t> open;
    std::size_t just_closed = npos;
};

} // namespace

std::vector<WaitSpan> wait_spans(const trace::Snapshot& snapshot, const std::vector<Flow>& edges) {
    const std::vector<Record>& records = snapshot.records;
    const TimeRange range = time_range(snapshot);
    std::vector<WaitSpan> spans;
    std::vector<std::size_t> any_effect; // per span: last effect on another object inside it
    std::vector<LaneCursor> lanes(snapshot.lanes.size());

    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (r.lane >= lanes.size())
            continue;
        LaneCursor& lane = lanes[r.lane];
        const bool effect = trace::is_effect(r.kind);

        if (lane.just_closed != npos) {
            WaitSpan& s = spans[lane.just_closed];
            if (effect && r.object == s.object && s.effect == npos)
                s.effect = i;
            if (!effect)
                lane.just_closed = npos;
        }
        if (effect) {
            // An effect recorded while blocked: the lane noticed its wake-up.
            for (std::uint32_t k : lane.open) {
                if (records[i].object == spans[k].object)
                    spans[k].effect = i;
                else
                    any_effect[k] = i;
            }
            continue;
        }
        if (r.kind == Kind::WaitBegin) {
            WaitSpan s;
            s.lane = r.lane;
            s.object = r.object;
            s.reason = static_cast<trace::WaitReason>(r.c);
            s.awaited = r.b;
            s.t0 = r.t_ns;
            s.begin = i;
            lane.open.push_back(static_cast<std::uint32_t>(spans.size()));
            spans.push_back(s);
            any_effect.push_back(npos);
        } else if (r.kind == Kind::WaitEnd) {
            auto it = std::find_if(lane.open.rbegin(), lane.open.rend(),
                                   [&](std::uint32_t k) { return spans[k].object == r.object; });
            if (it == lane.open.rend())
                continue; // its WaitBegin was not recorded
            std::uint32_t k = *it;
            lane.open.erase(std::next(it).base());
            WaitSpan& s = spans[k];
            s.end = i;
            s.t1 = r.t_ns;
            s.result = static_cast<trace::WaitResult>(r.c);
            lane.just_closed = k;
        }
    }

    for (std::size_t k = 0; k < spans.size(); ++k) {
        WaitSpan& s = spans[k];
        if (s.open()) {
            s.t1 = std::max(range.end, s.t0);
            s.effect = npos;
        } else if (s.result != trace::WaitResult::Ok) {
            s.effect = npos;
        } else if (s.effect == npos) {
            s.effect = any_effect[k];
        }
        s.ready_ns = s.t1;
        if (s.effect == npos)
            continue;
        if (const Flow* f = flow_to(edges, s.effect)) {
            s.cause = f->from;
            std::int64_t t = records[f->from].t_ns;
            if (t >= s.t0 && t <= s.t1)
                s.ready_ns = t;
        }
    }
    return spans;
}

std::vector<WaitSpan> wait_spans(const trace::Snapshot& snapshot) {
    return wait_spans(snapshot, flows(snapshot));
}

} // namespace il::analysis
