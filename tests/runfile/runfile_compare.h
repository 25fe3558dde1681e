// Field-by-field equality of two runs and of two analyses, for round-trip
// tests: a failure names the field. QtTest helpers (call from a test slot,
// then check QTest::currentTestFailed()).
#pragma once

#include "analysis/stats.h"
#include "scenario/runner.h"

#include <QtTest>

#include <cstring>

namespace il::test {

#define IL_SAME(a, b, what) QVERIFY2((a) == (b), qPrintable(QString("differs: ") + (what)))

inline void expect_same_distribution(const analysis::Distribution& a,
                                     const analysis::Distribution& b, const QString& what) {
    IL_SAME(a.count, b.count, what + " count");
    IL_SAME(a.min, b.min, what + " min");
    IL_SAME(a.max, b.max, what + " max");
    IL_SAME(a.total, b.total, what + " total");
    IL_SAME(a.mean, b.mean, what + " mean");
    IL_SAME(a.median, b.median, what + " median");
    IL_SAME(a.p95, b.p95, what + " p95");
}

inline void expect_same_run(const scenario::RunResult& a, const scenario::RunResult& b) {
    IL_SAME(a.scenario, b.scenario, "scenario");
    IL_SAME(a.params.values(), b.params.values(), "params");
    IL_SAME(a.outcome.ok, b.outcome.ok, "outcome ok");
    IL_SAME(a.outcome.message, b.outcome.message, "outcome message");
    IL_SAME(a.outcome.values, b.outcome.values, "outcome values");
    IL_SAME(a.status, b.status, "status");
    IL_SAME(a.error, b.error, "error");
    IL_SAME(a.duration_ns, b.duration_ns, "duration");
    IL_SAME(a.cpu_ns, b.cpu_ns, "cpu");
    IL_SAME(a.diagnostics.size(), b.diagnostics.size(), "diagnostics");
    for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
        const auto &x = a.diagnostics[i], &y = b.diagnostics[i];
        IL_SAME(x.kind, y.kind, "diagnostic kind");
        IL_SAME(x.message, y.message, "diagnostic message");
        IL_SAME(x.lanes, y.lanes, "diagnostic lanes");
        IL_SAME(x.objects, y.objects, "diagnostic objects");
        IL_SAME(x.t_ns, y.t_ns, "diagnostic time");
    }
    const trace::Snapshot &s = a.trace, &t = b.trace;
    IL_SAME(s.start_ns, t.start_ns, "start");
    IL_SAME(s.end_ns, t.end_ns, "end");
    IL_SAME(s.dropped, t.dropped, "dropped");
    IL_SAME(s.budget, t.budget, "budget");
    IL_SAME(s.finished, t.finished, "finished");
    IL_SAME(s.lanes.size(), t.lanes.size(), "lane count");
    for (std::size_t i = 0; i < s.lanes.size(); ++i) {
        const QString l = "lane " + QString::number(i);
        IL_SAME(s.lanes[i].id, t.lanes[i].id, l + " id");
        IL_SAME(s.lanes[i].name, t.lanes[i].name, l + " name");
        IL_SAME(s.lanes[i].kind, t.lanes[i].kind, l + " kind");
        IL_SAME(s.lanes[i].object, t.lanes[i].object, l + " object");
        IL_SAME(s.lanes[i].pid, t.lanes[i].pid, l + " pid");
        IL_SAME(s.lanes[i].parent, t.lanes[i].parent, l + " parent");
    }
    IL_SAME(s.objects.size(), t.objects.size(), "object count");
    for (std::size_t i = 0; i < s.objects.size(); ++i) {
        const QString o = "object " + QString::number(i);
        IL_SAME(s.objects[i].id, t.objects[i].id, o + " id");
        IL_SAME(s.objects[i].kind, t.objects[i].kind, o + " kind");
        IL_SAME(s.objects[i].name, t.objects[i].name, o + " name");
        IL_SAME(s.objects[i].capacity, t.objects[i].capacity, o + " capacity");
        IL_SAME(s.objects[i].detail, t.objects[i].detail, o + " detail");
        IL_SAME(s.objects[i].related, t.objects[i].related, o + " related");
        IL_SAME(s.objects[i].lane, t.objects[i].lane, o + " lane");
    }
    IL_SAME(s.records.size(), t.records.size(), "record count");
    QVERIFY2(std::memcmp(s.records.data(), t.records.data(),
                         s.records.size() * sizeof(trace::Record)) == 0,
             "the records differ");
}

inline void expect_same_analysis(const analysis::Summary& a, const analysis::Summary& b) {
    IL_SAME(a.range.begin, b.range.begin, "range begin");
    IL_SAME(a.range.end, b.range.end, "range end");
    IL_SAME(a.flows.size(), b.flows.size(), "flow count");
    for (std::size_t i = 0; i < a.flows.size(); ++i) {
        IL_SAME(a.flows[i].from, b.flows[i].from, "flow from");
        IL_SAME(a.flows[i].to, b.flows[i].to, "flow to");
        IL_SAME(a.flows[i].kind, b.flows[i].kind, "flow kind");
        IL_SAME(a.flows[i].handoff, b.flows[i].handoff, "flow handoff");
    }
    IL_SAME(a.waits.size(), b.waits.size(), "wait count");
    for (std::size_t i = 0; i < a.waits.size(); ++i) {
        const auto &x = a.waits[i], &y = b.waits[i];
        IL_SAME(x.lane, y.lane, "wait lane");
        IL_SAME(x.object, y.object, "wait object");
        IL_SAME(x.reason, y.reason, "wait reason");
        IL_SAME(x.result, y.result, "wait result");
        IL_SAME(x.t0, y.t0, "wait t0");
        IL_SAME(x.t1, y.t1, "wait t1");
        IL_SAME(x.ready_ns, y.ready_ns, "wait ready");
        IL_SAME(x.effect, y.effect, "wait effect");
        IL_SAME(x.cause, y.cause, "wait cause");
    }
    IL_SAME(a.timelines.size(), b.timelines.size(), "timeline count");
    for (std::size_t i = 0; i < a.timelines.size(); ++i)
        IL_SAME(a.timelines[i].intervals.size(), b.timelines[i].intervals.size(),
                "intervals of lane " + QString::number(i + 1));
    IL_SAME(a.levels.size(), b.levels.size(), "level series");
    IL_SAME(a.loops.size(), b.loops.size(), "loops");
    IL_SAME(a.diagnostics.size(), b.diagnostics.size(), "analysis diagnostics");

    const analysis::Stats &s = a.stats, &t = b.stats;
    IL_SAME(s.lanes.size(), t.lanes.size(), "lane stats");
    for (std::size_t i = 0; i < s.lanes.size(); ++i) {
        const QString l = "lane stats " + QString::number(i);
        IL_SAME(s.lanes[i].lane, t.lanes[i].lane, l + " lane");
        IL_SAME(s.lanes[i].time_ns, t.lanes[i].time_ns, l + " state times");
        IL_SAME(s.lanes[i].alive_ns, t.lanes[i].alive_ns, l + " alive");
        IL_SAME(s.lanes[i].utilisation, t.lanes[i].utilisation, l + " utilisation");
        IL_SAME(s.lanes[i].waits, t.lanes[i].waits, l + " waits");
        IL_SAME(s.lanes[i].sleeps, t.lanes[i].sleeps, l + " sleeps");
    }
    IL_SAME(s.locks.size(), t.locks.size(), "lock stats");
    for (std::size_t i = 0; i < s.locks.size(); ++i) {
        const QString l = "lock stats " + QString::number(i);
        IL_SAME(s.locks[i].object, t.locks[i].object, l + " object");
        IL_SAME(s.locks[i].kind, t.locks[i].kind, l + " kind");
        IL_SAME(s.locks[i].acquisitions, t.locks[i].acquisitions, l + " acquisitions");
        IL_SAME(s.locks[i].contended, t.locks[i].contended, l + " contended");
        IL_SAME(s.locks[i].contended_pct, t.locks[i].contended_pct, l + " contended %");
        expect_same_distribution(s.locks[i].wait, t.locks[i].wait, l + " wait");
        expect_same_distribution(s.locks[i].hold, t.locks[i].hold, l + " hold");
    }
    IL_SAME(s.semaphores.size(), t.semaphores.size(), "semaphore stats");
    for (std::size_t i = 0; i < s.semaphores.size(); ++i) {
        const QString l = "semaphore stats " + QString::number(i);
        IL_SAME(s.semaphores[i].object, t.semaphores[i].object, l + " object");
        IL_SAME(s.semaphores[i].capacity, t.semaphores[i].capacity, l + " capacity");
        IL_SAME(s.semaphores[i].acquisitions, t.semaphores[i].acquisitions, l + " acquisitions");
        IL_SAME(s.semaphores[i].contended, t.semaphores[i].contended, l + " contended");
        IL_SAME(s.semaphores[i].min_free, t.semaphores[i].min_free, l + " min free");
        expect_same_distribution(s.semaphores[i].wait, t.semaphores[i].wait, l + " wait");
    }
    IL_SAME(s.queues.size(), t.queues.size(), "queue stats");
    for (std::size_t i = 0; i < s.queues.size(); ++i) {
        const QString q = "queue stats " + QString::number(i);
        IL_SAME(s.queues[i].object, t.queues[i].object, q + " object");
        IL_SAME(s.queues[i].capacity, t.queues[i].capacity, q + " capacity");
        IL_SAME(s.queues[i].puts, t.queues[i].puts, q + " puts");
        IL_SAME(s.queues[i].gets, t.queues[i].gets, q + " gets");
        IL_SAME(s.queues[i].max_fill, t.queues[i].max_fill, q + " max fill");
        IL_SAME(s.queues[i].mean_fill, t.queues[i].mean_fill, q + " mean fill");
        IL_SAME(s.queues[i].time_full_ns, t.queues[i].time_full_ns, q + " time full");
        IL_SAME(s.queues[i].time_empty_ns, t.queues[i].time_empty_ns, q + " time empty");
        expect_same_distribution(s.queues[i].get_wait, t.queues[i].get_wait, q + " get wait");
        expect_same_distribution(s.queues[i].put_wait, t.queues[i].put_wait, q + " put wait");
    }
}

#undef IL_SAME

} // namespace il::test
