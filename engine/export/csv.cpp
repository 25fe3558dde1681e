#include "export/csv.h"

#include "export/atomic_file.h"

#include <charconv>
#include <cmath>
#include <ostream>

namespace il::exporter {

using analysis::Distribution;
using analysis::LaneState;

namespace {

std::string number(std::int64_t v) {
    return std::to_string(v);
}

std::string number(double v) {
    return csv_number(v, 3);
}

class Table {
public:
    explicit Table(std::ostream& out) : out_(out) {
        out_ << "section,id,name,kind,metric,value,unit\r\n";
    }
    void entity(std::string_view section, std::uint32_t id, std::string_view name,
                std::string_view kind) {
        prefix_ = csv_field(section) + "," + std::to_string(id) + "," + csv_field(name) + "," +
                  csv_field(kind) + ",";
    }
    void row(std::string_view metric, const std::string& value, std::string_view unit) {
        out_ << prefix_ << metric << ',' << value << ',' << unit << "\r\n";
    }
    void row(std::string_view metric, std::int64_t v, std::string_view unit) {
        row(metric, number(v), unit);
    }
    void row(std::string_view metric, std::size_t v, std::string_view unit) {
        row(metric, number(static_cast<std::int64_t>(v)), unit);
    }
    void row(std::string_view metric, double v, std::string_view unit) {
        row(metric, number(v), unit);
    }
    void distribution(const std::string& prefix, const Distribution& d) {
        row(prefix + "_count", d.count, "count");
        if (d.count == 0)
            return;
        row(prefix + "_min_ns", d.min, "ns");
        row(prefix + "_median_ns", d.median, "ns");
        row(prefix + "_p95_ns", d.p95, "ns");
        row(prefix + "_max_ns", d.max, "ns");
        row(prefix + "_mean_ns", d.mean, "ns");
        row(prefix + "_total_ns", d.total, "ns");
    }

private:
    std::ostream& out_;
    std::string prefix_;
};

std::string object_name(const trace::Snapshot& s, trace::ObjectId id) {
    const trace::ObjectInfo* o = s.object(id);
    return o ? o->name : std::string();
}

} // namespace

std::string csv_number(double v, int decimals) {
    char tmp[400]; // fixed notation of the largest double: 309 digits and the decimals
    auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, decimals);
    if (!std::isfinite(v) || ec != std::errc())
        return {};
    std::string s(tmp, end);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string q = "\"";
    for (char c : text) {
        if (c == '"')
            q += '"';
        q += c;
    }
    q += '"';
    return q;
}

void write_stats_csv(std::ostream& out, const trace::Snapshot& snapshot,
                     const analysis::Summary& summary) {
    Table t(out);
    const analysis::Stats& st = summary.stats;
    for (const analysis::LaneStats& l : st.lanes) {
        const trace::LaneInfo* info = snapshot.lane(l.lane);
        t.entity("lane", l.lane, info ? info->name : std::string(),
                 info ? trace::lane_kind_name(info->kind) : "");
        for (int s = 0; s < analysis::kLaneStateCount; ++s) {
            auto state = static_cast<LaneState>(s);
            if (state == LaneState::NotStarted || state == LaneState::Done)
                continue;
            t.row(std::string(analysis::lane_state_name(state)) + "_ns", l.time(state), "ns");
        }
        t.row("alive_ns", l.alive_ns, "ns");
        t.row("utilisation", l.utilisation, "ratio");
        t.row("waits", l.waits, "count");
        t.row("sleeps", l.sleeps, "count");
    }
    for (const analysis::LockStats& l : st.locks) {
        t.entity("lock", l.object, object_name(snapshot, l.object),
                 trace::object_kind_name(l.kind));
        t.row("acquisitions", l.acquisitions, "count");
        t.row("contended", l.contended, "count");
        t.row("contended_pct", l.contended_pct, "%");
        t.distribution("wait", l.wait);
        t.distribution("hold", l.hold);
    }
    for (const analysis::SemaphoreStats& s : st.semaphores) {
        t.entity("semaphore", s.object, object_name(snapshot, s.object),
                 trace::object_kind_name(s.kind));
        t.row("capacity", s.capacity, "permits");
        t.row("acquisitions", s.acquisitions, "count");
        t.row("contended", s.contended, "count");
        t.row("contended_pct", s.contended_pct, "%");
        t.row("min_free", s.min_free, "permits");
        t.distribution("wait", s.wait);
    }
    for (const analysis::QueueStats& q : st.queues) {
        t.entity("queue", q.object, object_name(snapshot, q.object), "queue");
        t.row("capacity", q.capacity, "items");
        t.row("puts", q.puts, "count");
        t.row("gets", q.gets, "count");
        t.row("max_fill", q.max_fill, "items");
        t.row("mean_fill", q.mean_fill, "items");
        t.row("time_full_ns", q.time_full_ns, "ns");
        t.row("time_empty_ns", q.time_empty_ns, "ns");
        t.distribution("get_wait", q.get_wait);
        t.distribution("put_wait", q.put_wait);
    }
}

void export_stats_csv(const std::string& path, const trace::Snapshot& snapshot,
                      const analysis::Summary& summary) {
    write_file_atomically(path,
                          [&](std::ostream& out) { write_stats_csv(out, snapshot, summary); });
}

} // namespace il::exporter
