// Two runs side by side: what changed between them, as rows of a table
// (duration, per-lock waits, per-queue fill, per-lane utilisation). Objects
// and lanes are matched by name (the same scenario names them the same way);
// one present in only one run gets a row with the other side missing.
#pragma once

#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace il::compare {

enum class Section { Run, Lock, Queue, Lane };
enum class Unit { Nanoseconds, Count, Ratio, Items };

struct Row {
    Section section = Section::Run;
    std::string subject; // "" for the run, else the lock/queue/lane name ("name #2" for
                         // the second of that name in a run: matched in order of appearance)
    std::string kind;    // "" for the run, else the object or lane kind: "lock", "rlock",
                         // "condition", "semaphore", "bounded_semaphore", "queue", "thread",
                         // "process", "coroutine" (a lock and a semaphore may share a name)
    std::string metric;  // stable key: "duration", "wait_total", "wait_p95", "contended",
                         // "mean_fill", "max_fill", "time_full", "utilisation", "running", ...
    Unit unit = Unit::Count;
    std::optional<double> left; // nullopt: not in that run
    std::optional<double> right;
    // right / left - 1 when both are there and left != 0 (0.25 = 25 % more).
    std::optional<double> change() const;
};

struct Side {
    const trace::Snapshot& snapshot;
    const analysis::Summary& summary;
    std::int64_t duration_ns;
};

std::vector<Row> compare_runs(const Side& left, const Side& right);

std::string_view section_name(Section s);
std::string_view unit_name(Unit u);

} // namespace il::compare
