// Charts of one run, from its RunData (snapshot, analysis Summary, outcome):
// which kinds it has and the ChartData of each. Pure functions of the
// RunData; thread-safe (call from any thread, e.g. the CLI's main).
//
//  * utilisation: per lane (lanes that ran at all), stacked bars of the time
//    in Running, Ready, Blocked and Sleeping (LaneStats::time_ns), in ms.
//  * lock-wait / lock-hold: per Lock, RLock, Semaphore (any object the
//    ownership analysis covers) with at least one finished wait / hold, a
//    histogram of those durations over shared log-spaced 1-2-5 bins, in µs
//    (ms when the longest reaches 10 ms).
//  * queue-fill: per Queue, its items over time as a step line (x: ms since
//    the run's start), and its capacity as a dashed line when bounded.
//  * throughput: completed items per second in equal time buckets, one
//    series per kind present: items taken from queues (Get), executor tasks
//    finished (TaskEnd), lanes finished (LaneEnd: threads, processes,
//    coroutines).
//  * models: wall time (ms) per model, grouped: each member of the outcome's
//    values that is an object of objects with "wall_ns" is a group (e.g.
//    values["cpu"]["threads"]["wall_ns"]); members with "wall_ns" directly at
//    the top level form one group named after the scenario.
#pragma once

#include "charts/chart_data.h"
#include "model/run_data.h"

#include <string>
#include <vector>

namespace il::ui {

// The kinds this run has something to show for, in menu order.
std::vector<ChartKind> run_chart_kinds(const RunData& run);
// Why `kind` has nothing to show ("this run has no queues"); empty when it
// has. A sweep kind: "wall-time is a sweep chart". English; views translate
// it with QCoreApplication::translate("il::ui::Charts", ...).
std::string run_chart_unavailable(const RunData& run, ChartKind kind);

// Throws ChartError naming why and which kinds this run has.
ChartData run_chart(const RunData& run, ChartKind kind);
// By CLI name; an unknown name: ChartError listing the run chart names.
ChartData run_chart(const RunData& run, const std::string& kind_name);

} // namespace il::ui
