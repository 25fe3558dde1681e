// compare_runs: the rows of the "what changed" table.
//
// Matching: a lock, semaphore or queue by (kind, name), a lane by name. A
// name can occur more than once in one run (two lanes both called "worker",
// say, in different processes): the k-th occurrence on the left matches the
// k-th on the right, in order of id, which is the order the run created them.
// Entries only one run has come after the matched ones of their section,
// with the other side empty.
#include "compare/compare.h"

#include <map>
#include <utility>

namespace il::compare {

using analysis::LaneState;

namespace {

struct Entry {
    std::string key;     // what matches across runs: kind + name
    std::string subject; // name, "#k" added from the second occurrence on
    std::string kind;
    std::size_t index; // into the side's stats vector
};

// Names the k-th occurrence of each key in order.
void number_occurrences(std::vector<Entry>& entries) {
    std::map<std::string, int> seen;
    for (Entry& e : entries) {
        const int k = ++seen[e.key];
        if (k > 1) {
            e.key += "\n#" + std::to_string(k);
            e.subject += " #" + std::to_string(k);
        }
    }
}

// Pairs left and right entries by key: left order, then right-only ones.
std::vector<std::pair<const Entry*, const Entry*>> match(const std::vector<Entry>& left,
                                                         const std::vector<Entry>& right) {
    std::map<std::string, const Entry*> by_key;
    for (const Entry& e : right)
        by_key[e.key] = &e;
    std::vector<std::pair<const Entry*, const Entry*>> out;
    std::map<std::string, bool> used;
    for (const Entry& e : left) {
        auto it = by_key.find(e.key);
        out.emplace_back(&e, it == by_key.end() ? nullptr : it->second);
        if (it != by_key.end())
            used[e.key] = true;
    }
    for (const Entry& e : right)
        if (!used.count(e.key))
            out.emplace_back(nullptr, &e);
    return out;
}

std::string object_name(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    return o && !o->name.empty() ? o->name : "object " + std::to_string(id);
}

std::string lane_name(const trace::Snapshot& s, trace::LaneId id) {
    const trace::LaneInfo* l = s.lane(id);
    return l && !l->name.empty() ? l->name : "lane " + std::to_string(id);
}

// Locks first, then semaphores: one "lock" section for everything lock-like.
std::vector<Entry> lock_entries(const Side& side) {
    std::vector<Entry> out;
    const auto& st = side.summary.stats;
    for (std::size_t i = 0; i < st.locks.size(); ++i) {
        const std::string kind(trace::object_kind_name(st.locks[i].kind));
        const std::string name = object_name(side.snapshot, st.locks[i].object);
        out.push_back({kind + "\n" + name, name, kind, i});
    }
    for (std::size_t i = 0; i < st.semaphores.size(); ++i) {
        const std::string kind(trace::object_kind_name(st.semaphores[i].kind));
        const std::string name = object_name(side.snapshot, st.semaphores[i].object);
        out.push_back({kind + "\n" + name, name, kind, st.locks.size() + i});
    }
    number_occurrences(out);
    return out;
}

std::vector<Entry> queue_entries(const Side& side) {
    std::vector<Entry> out;
    const auto& qs = side.summary.stats.queues;
    for (std::size_t i = 0; i < qs.size(); ++i) {
        const std::string name = object_name(side.snapshot, qs[i].object);
        out.push_back({"queue\n" + name, name, "queue", i});
    }
    number_occurrences(out);
    return out;
}

std::vector<Entry> lane_entries(const Side& side) {
    std::vector<Entry> out;
    const auto& ls = side.summary.stats.lanes;
    for (std::size_t i = 0; i < ls.size(); ++i) {
        const trace::LaneInfo* l = side.snapshot.lane(ls[i].lane);
        const std::string name = lane_name(side.snapshot, ls[i].lane);
        out.push_back({name, name, l ? std::string(trace::lane_kind_name(l->kind)) : "", i});
    }
    number_occurrences(out);
    return out;
}

template <typename Stats> using Get = double (*)(const Stats&);

// Lock-like metrics read from a LockStats, or a SemaphoreStats (nullptr:
// the semaphore has none; its permits are not held by one lane).
struct LockMetric {
    const char* name;
    Unit unit;
    Get<analysis::LockStats> lock;
    Get<analysis::SemaphoreStats> semaphore;
};
template <typename Stats> struct Metric {
    const char* name;
    Unit unit;
    Get<Stats> get;
};

// Generic getters: one lambda serves both stats types.
constexpr auto acquisitions = [](const auto& x) { return double(x.acquisitions); };
constexpr auto contended = [](const auto& x) { return x.contended_pct / 100.0; };
constexpr auto wait_total = [](const auto& x) { return double(x.wait.total); };
constexpr auto wait_p50 = [](const auto& x) { return x.wait.median; };
constexpr auto wait_p95 = [](const auto& x) { return x.wait.p95; };
constexpr auto wait_max = [](const auto& x) { return double(x.wait.max); };

const LockMetric kLockMetrics[] = {
    {"acquisitions", Unit::Count, acquisitions, acquisitions},
    {"contended", Unit::Ratio, contended, contended},
    {"wait_total", Unit::Nanoseconds, wait_total, wait_total},
    {"wait_p50", Unit::Nanoseconds, wait_p50, wait_p50},
    {"wait_p95", Unit::Nanoseconds, wait_p95, wait_p95},
    {"wait_max", Unit::Nanoseconds, wait_max, wait_max},
    {"hold_p50", Unit::Nanoseconds, [](const analysis::LockStats& x) { return x.hold.median; },
     nullptr},
    {"hold_max", Unit::Nanoseconds, [](const analysis::LockStats& x) { return double(x.hold.max); },
     nullptr},
};

using analysis::QueueStats;
const Metric<QueueStats> kQueueMetrics[] = {
    {"puts", Unit::Count, [](const QueueStats& q) { return double(q.puts); }},
    {"gets", Unit::Count, [](const QueueStats& q) { return double(q.gets); }},
    {"mean_fill", Unit::Items, [](const QueueStats& q) { return q.mean_fill; }},
    {"max_fill", Unit::Items, [](const QueueStats& q) { return double(q.max_fill); }},
    {"time_full", Unit::Nanoseconds, [](const QueueStats& q) { return double(q.time_full_ns); }},
    {"time_empty", Unit::Nanoseconds, [](const QueueStats& q) { return double(q.time_empty_ns); }},
};

using analysis::LaneStats;
const Metric<LaneStats> kLaneMetrics[] = {
    {"utilisation", Unit::Ratio, [](const LaneStats& l) { return l.utilisation; }},
    {"running", Unit::Nanoseconds,
     [](const LaneStats& l) { return double(l.time(LaneState::Running)); }},
    {"blocked", Unit::Nanoseconds,
     [](const LaneStats& l) { return double(l.time(LaneState::Blocked)); }},
    {"ready", Unit::Nanoseconds,
     [](const LaneStats& l) { return double(l.time(LaneState::Ready)); }},
    {"sleeping", Unit::Nanoseconds,
     [](const LaneStats& l) { return double(l.time(LaneState::Sleeping)); }},
};

// The lock section's entry index i covers the locks, then the semaphores.
std::optional<double> lock_value(const Side& s, std::size_t i, const LockMetric& m) {
    const auto& st = s.summary.stats;
    if (i < st.locks.size())
        return m.lock(st.locks[i]);
    if (!m.semaphore)
        return std::nullopt;
    return m.semaphore(st.semaphores[i - st.locks.size()]);
}

// One row per matched subject and metric; `value(side, index, metric)`.
template <typename M, std::size_t N, typename Value>
void add_rows(std::vector<Row>& rows, Section section, const M (&metrics)[N], Value value,
              const Side& left, const std::vector<Entry>& l, const Side& right,
              const std::vector<Entry>& r) {
    for (const auto& [a, b] : match(l, r)) {
        const Entry& e = a ? *a : *b;
        for (const M& m : metrics) {
            Row row;
            row.section = section;
            row.subject = e.subject;
            row.kind = e.kind;
            row.metric = m.name;
            row.unit = m.unit;
            if (a)
                row.left = value(left, a->index, m);
            if (b)
                row.right = value(right, b->index, m);
            if (row.left || row.right) // a semaphore has no hold rows
                rows.push_back(std::move(row));
        }
    }
}

Row run_row(const char* metric, Unit unit, double left, double right) {
    Row r;
    r.section = Section::Run;
    r.metric = metric;
    r.unit = unit;
    r.left = left;
    r.right = right;
    return r;
}

double lane_count(const trace::Snapshot& s) {
    return s.lanes.empty() ? 0.0 : static_cast<double>(s.lanes.size() - 1); // [0]: placeholder
}

} // namespace

std::optional<double> Row::change() const {
    if (!left || !right || *left == 0)
        return std::nullopt;
    return *right / *left - 1.0;
}

std::vector<Row> compare_runs(const Side& left, const Side& right) {
    std::vector<Row> rows;
    rows.push_back(run_row("duration", Unit::Nanoseconds, static_cast<double>(left.duration_ns),
                           static_cast<double>(right.duration_ns)));
    rows.push_back(run_row("events", Unit::Count, static_cast<double>(left.snapshot.records.size()),
                           static_cast<double>(right.snapshot.records.size())));
    rows.push_back(run_row("dropped", Unit::Count, static_cast<double>(left.snapshot.dropped),
                           static_cast<double>(right.snapshot.dropped)));
    rows.push_back(
        run_row("lanes", Unit::Count, lane_count(left.snapshot), lane_count(right.snapshot)));
    add_rows(rows, Section::Lock, kLockMetrics, lock_value, left, lock_entries(left), right,
             lock_entries(right));
    add_rows(
        rows, Section::Queue, kQueueMetrics,
        [](const Side& s, std::size_t i, const Metric<QueueStats>& m) -> std::optional<double> {
            return m.get(s.summary.stats.queues[i]);
        },
        left, queue_entries(left), right, queue_entries(right));
    add_rows(
        rows, Section::Lane, kLaneMetrics,
        [](const Side& s, std::size_t i, const Metric<LaneStats>& m) -> std::optional<double> {
            return m.get(s.summary.stats.lanes[i]);
        },
        left, lane_entries(left), right, lane_entries(right));
    return rows;
}

std::string_view section_name(Section s) {
    switch (s) {
    case Section::Run:
        return "run";
    case Section::Lock:
        return "lock";
    case Section::Queue:
        return "queue";
    case Section::Lane:
        return "lane";
    }
    return "unknown";
}

std::string_view unit_name(Unit u) {
    switch (u) {
    case Unit::Nanoseconds:
        return "ns";
    case Unit::Count:
        return "count";
    case Unit::Ratio:
        return "ratio";
    case Unit::Items:
        return "items";
    }
    return "unknown";
}

} // namespace il::compare
