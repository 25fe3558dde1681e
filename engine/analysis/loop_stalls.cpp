#include "analysis/loop_stalls.h"

#include "analysis/loop_runs.h"
#include "analysis/waits.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace il::analysis {

using trace::Kind;
using trace::Record;

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

std::string ms_text(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

std::string quoted_lane(const trace::Snapshot& s, trace::LaneId l) {
    const trace::LaneInfo* info = s.lane(l);
    return "'" + (info ? info->name : std::to_string(l)) + "'";
}

// When the task resumed by records[resume] became ready: the cause that
// ended its wait, its sleep's due time, its yield; npos when unknown (its
// first run, an I/O wait with no recorded cause).
std::int64_t ready_time(const trace::Snapshot& s, const std::vector<std::size_t>& lane_records,
                        std::size_t resume, const std::vector<WaitSpan>& spans,
                        const std::vector<std::size_t>& span_by_begin) {
    auto it = std::lower_bound(lane_records.begin(), lane_records.end(), resume);
    if (it == lane_records.begin())
        return -1;
    const std::size_t i = *std::prev(it);
    const Record& r = s.records[i];
    if (r.kind == Kind::SleepBegin)
        return r.t_ns + std::max<std::int64_t>(r.a, 0);
    if (r.kind == Kind::WaitBegin) {
        std::size_t k = span_by_begin[i];
        if (k == npos || spans[k].cause == WaitSpan::npos)
            return -1;
        return spans[k].ready_ns;
    }
    return -1;
}

std::string describe_wait(const trace::Snapshot& s, const Record& begin) {
    const trace::ObjectInfo* o = s.object(begin.object);
    std::string what = "something";
    if (o) {
        std::string kind = o->kind == trace::ObjectKind::Lane
                               ? "task"
                               : std::string(trace::object_kind_name(o->kind));
        what = kind + " '" + o->name + "'";
    }
    return what + " (" +
           std::string(trace::wait_reason_name(static_cast<trace::WaitReason>(begin.c))) + ")";
}

} // namespace

std::vector<LoopBlock> loop_blocks(const trace::Snapshot& s, std::int64_t threshold_ns) {
    const std::vector<Record>& records = s.records;
    // Built only when a step is long enough to explain: most traces have none,
    // and these cost a word per record.
    std::vector<std::vector<std::size_t>> per_lane;
    std::vector<LoopBlock> out;
    std::vector<WaitSpan> waits;
    std::vector<std::size_t> wait_by_begin;
    for (const LoopLane& loop : loop_runs(s)) {
        const std::vector<LoopRun>& runs = loop.runs;
        for (std::size_t k = 0; k < runs.size(); ++k) {
            const LoopRun& run = runs[k];
            // An open step lasts until the snapshot's end, not its last record.
            const std::int64_t t1 = run.open ? std::max(s.end_ns, run.t0) : run.t1;
            if (t1 - run.t0 <= threshold_ns)
                continue;
            if (per_lane.empty()) {
                per_lane.resize(s.lanes.size());
                for (std::size_t i = 0; i < records.size(); ++i)
                    if (records[i].lane < per_lane.size())
                        per_lane[records[i].lane].push_back(i);
                waits = wait_spans(s);
                wait_by_begin.assign(records.size(), npos);
                for (std::size_t w = 0; w < waits.size(); ++w)
                    wait_by_begin[waits[w].begin] = w;
            }
            LoopBlock b;
            b.loop_lane = loop.loop;
            b.task_lane = run.task;
            b.t0 = run.t0;
            b.t1 = t1;
            // The next resumption of every other task on this loop after the step.
            std::vector<bool> seen(s.lanes.size(), false);
            for (std::size_t j = k + 1; j < runs.size(); ++j) {
                const trace::LaneId task = runs[j].task;
                if (task == b.task_lane || task >= seen.size() || seen[task])
                    continue;
                seen[task] = true;
                std::int64_t ready =
                    ready_time(s, per_lane[task], runs[j].resume, waits, wait_by_begin);
                if (ready < 0 || ready >= t1)
                    continue;
                b.delayed.push_back(task);
                b.max_delay_ns = std::max(b.max_delay_ns, runs[j].t0 - ready);
            }
            out.push_back(std::move(b));
        }
    }
    return out;
}

std::vector<Diagnostic> find_loop_issues(const trace::Snapshot& s, std::int64_t threshold_ns) {
    std::vector<Diagnostic> out;
    for (const LoopBlock& b : loop_blocks(s, threshold_ns)) {
        Diagnostic d;
        d.kind = "loop_blocked";
        d.message = "task " + quoted_lane(s, b.task_lane) + " blocked the event loop " +
                    quoted_lane(s, b.loop_lane) + " for " + ms_text(b.duration()) + "; ";
        if (b.delayed.empty())
            d.message += "no other task was ready meanwhile";
        else
            d.message += std::to_string(b.delayed.size()) +
                         (b.delayed.size() == 1 ? " other task was" : " other tasks were") +
                         " ready and waited (up to " + ms_text(b.max_delay_ns) + ")";
        d.lanes = {b.task_lane, b.loop_lane};
        d.lanes.insert(d.lanes.end(), b.delayed.begin(), b.delayed.end());
        if (const trace::LaneInfo* t = s.lane(b.task_lane))
            d.objects.push_back(t->object);
        if (const trace::LaneInfo* l = s.lane(b.loop_lane))
            for (const trace::ObjectInfo& o : s.objects)
                if (o.kind == trace::ObjectKind::Loop && o.name == l->name) {
                    d.objects.push_back(o.id);
                    break;
                }
        d.t_ns = b.t0 + threshold_ns;
        out.push_back(std::move(d));
    }

    // Per coroutine lane: started? how it ended? what it still waited on?
    struct Walk {
        bool started = false;
        bool ended = false;
        bool abandoned = false;
        std::int64_t end_t = 0;
        std::vector<std::size_t> waits; // open WaitBegins
        bool sleeping = false;
    };
    std::vector<Walk> walks(s.lanes.size());
    for (std::size_t i = 0; i < s.records.size(); ++i) {
        const Record& r = s.records[i];
        if (r.lane >= walks.size() || s.lanes[r.lane].kind != trace::LaneKind::Coroutine)
            continue;
        Walk& w = walks[r.lane];
        switch (r.kind) {
        case Kind::LaneStart:
            w.started = true;
            break;
        case Kind::LaneEnd:
            w.ended = true;
            w.end_t = r.t_ns;
            w.abandoned = r.c == static_cast<std::uint16_t>(trace::LaneEndReason::Abandoned);
            break;
        case Kind::WaitBegin:
            w.waits.push_back(i);
            break;
        case Kind::WaitEnd:
            if (!w.waits.empty())
                w.waits.pop_back();
            break;
        case Kind::SleepBegin:
            w.sleeping = true;
            break;
        case Kind::SleepEnd:
            w.sleeping = false;
            break;
        default:
            break;
        }
    }
    std::vector<Diagnostic> unfinished, unawaited;
    for (std::size_t l = 1; l < walks.size(); ++l) {
        const Walk& w = walks[l];
        if (s.lanes[l].kind != trace::LaneKind::Coroutine)
            continue;
        const auto lane = static_cast<trace::LaneId>(l);
        if (w.started && (w.abandoned || (!w.ended && s.finished))) {
            Diagnostic d;
            d.kind = "task_never_finished";
            std::string doing = "suspended";
            if (!w.waits.empty()) {
                const Record& b = s.records[w.waits.back()];
                doing = "waiting on " + describe_wait(s, b);
                d.objects.push_back(b.object);
            } else if (w.sleeping) {
                doing = "sleeping";
            }
            d.message = "task " + quoted_lane(s, lane) + " never finished: it was still " + doing +
                        (w.ended ? " when its event loop closed" : " when the run ended");
            d.lanes = {lane};
            d.t_ns = w.ended ? w.end_t : s.end_ns;
            unfinished.push_back(std::move(d));
        } else if (!w.started && w.abandoned) {
            Diagnostic d;
            d.kind = "task_never_awaited";
            d.message = "coroutine " + quoted_lane(s, lane) +
                        " was never awaited: it was created and destroyed without ever running "
                        "(a missing co_await, or a task its event loop never got to)";
            d.lanes = {lane};
            d.t_ns = w.end_t;
            unawaited.push_back(std::move(d));
        }
    }
    auto by_time = [](const Diagnostic& a, const Diagnostic& b) { return a.t_ns < b.t_ns; };
    std::stable_sort(unfinished.begin(), unfinished.end(), by_time);
    std::stable_sort(unawaited.begin(), unawaited.end(), by_time);
    out.insert(out.end(), unfinished.begin(), unfinished.end());
    out.insert(out.end(), unawaited.begin(), unawaited.end());
    return out;
}

} // namespace il::analysis
