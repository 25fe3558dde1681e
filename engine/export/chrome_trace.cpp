#include "export/chrome_trace.h"

#include "export/atomic_file.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <map>
#include <ostream>

namespace il::exporter {

using analysis::LaneState;
using analysis::StateInterval;
using trace::Kind;

namespace {

using json = nlohmann::json;

std::string dump(const json& j) {
    // Names come from scenarios; invalid UTF-8 must not abort an export.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A JSON string's escaped contents, without the quotes, so it can be spliced.
std::string escaped(const std::string& s) {
    std::string d = dump(json(s));
    return d.substr(1, d.size() - 2);
}

void append_int(std::string& b, std::int64_t v) {
    char tmp[24];
    auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
    (void)ec;
    b.append(tmp, end);
}

// Nanoseconds as microseconds with exactly three decimals, with no rounding.
void append_us(std::string& b, std::int64_t ns) {
    if (ns < 0) {
        b += '-';
        ns = -ns;
    }
    append_int(b, ns / 1000);
    const int frac = static_cast<int>(ns % 1000);
    b += '.';
    b += static_cast<char>('0' + frac / 100);
    b += static_cast<char>('0' + frac / 10 % 10);
    b += static_cast<char>('0' + frac % 10);
}

// Streams comma-separated events through a small buffer.
class Events {
public:
    Events(std::ostream& out, std::int64_t origin) : out_(out), origin_(origin) {
        buf_.reserve(kFlushAt + 4096);
    }

    // Starts an event: {"ph":"<ph>","pid":<pid>[,"tid":<tid>] — the caller adds
    // the rest and calls close().
    std::string& open(const char* ph, std::int32_t pid, std::int64_t tid = -1) {
        buf_ += count_++ ? ",\n" : "\n";
        buf_ += R"({"ph":")";
        buf_ += ph;
        buf_ += R"(","pid":)";
        append_int(buf_, pid);
        if (tid >= 0) {
            buf_ += R"(,"tid":)";
            append_int(buf_, tid);
        }
        return buf_;
    }
    void ts(const char* key, std::int64_t t_ns) {
        buf_ += ",\"";
        buf_ += key;
        buf_ += "\":";
        append_us(buf_, t_ns - origin_);
    }
    void dur(std::int64_t ns) {
        buf_ += R"(,"dur":)";
        append_us(buf_, ns);
    }
    void close() {
        buf_ += '}';
        if (buf_.size() >= kFlushAt)
            flush();
    }
    void flush() {
        out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }

private:
    static constexpr std::size_t kFlushAt = 1 << 16;
    std::ostream& out_;
    std::int64_t origin_;
    std::string buf_;
    std::size_t count_ = 0;
};

bool drawn(LaneState s) {
    return s != LaneState::NotStarted && s != LaneState::Done;
}

class Writer {
public:
    Writer(std::ostream& out, const trace::Snapshot& s, const analysis::Summary& sum,
           const ChromeTraceOptions& o)
        : out_(out), snap_(s), sum_(sum), opt_(o), ev_(out, s.start_ns) {
        lane_names_.resize(s.lanes.size());
        for (std::size_t l = 1; l < s.lanes.size(); ++l)
            lane_names_[l] = escaped(s.lanes[l].name);
        object_names_.resize(s.objects.size());
        for (std::size_t i = 1; i < s.objects.size(); ++i)
            object_names_[i] = escaped(s.objects[i].name);
        main_pid_ = s.lanes.size() > 1 ? s.lanes[1].pid : 1;
    }

    void run() {
        header();
        processes_and_threads();
        slices();
        counters();
        flows();
        marks();
        diagnostics();
        ev_.flush();
        out_ << "\n]}\n";
    }

private:
    std::int32_t pid_of(trace::LaneId l) const {
        return l > 0 && l < snap_.lanes.size() ? snap_.lanes[l].pid : main_pid_;
    }
    std::string lane_name(trace::LaneId l) const {
        return l > 0 && l < lane_names_.size() ? lane_names_[l] : "lane " + std::to_string(l);
    }
    std::string object_name(trace::ObjectId o) const {
        return o > 0 && o < object_names_.size() ? object_names_[o] : "object " + std::to_string(o);
    }

    void header() {
        json other = {
            {"generator", "interleave"},       {"scenario", opt_.scenario},
            {"records", snap_.records.size()}, {"dropped", snap_.dropped},
            {"budget", snap_.budget},          {"finished", snap_.finished},
            {"start_ns", snap_.start_ns},      {"end_ns", snap_.end_ns},
        };
        if (snap_.dropped > 0)
            other["note"] = std::to_string(snap_.dropped) +
                            " records were dropped past the event budget of " +
                            std::to_string(snap_.budget) + "; the trace ends early";
        out_ << R"({"displayTimeUnit":"ns","otherData":)" << dump(other) << R"(,"traceEvents":[)";
    }

    void processes_and_threads() {
        std::map<std::int32_t, int> order; // pid -> sort index, by first lane
        order[main_pid_] = 0;
        for (std::size_t l = 1; l < snap_.lanes.size(); ++l)
            order.emplace(snap_.lanes[l].pid, static_cast<int>(order.size()));
        for (auto [pid, index] : order) {
            std::string name = pid == main_pid_
                                   ? (opt_.scenario.empty() ? "interleave" : opt_.scenario)
                                   : "worker";
            ev_.open("M", pid) +=
                R"(,"name":"process_name","args":{"name":)" + dump(json(name)) + "}";
            ev_.close();
            std::string& b = ev_.open("M", pid);
            b += R"(,"name":"process_sort_index","args":{"sort_index":)";
            append_int(b, index);
            b += '}';
            ev_.close();
        }
        for (std::size_t l = 1; l < snap_.lanes.size(); ++l) {
            std::int32_t pid = snap_.lanes[l].pid;
            ev_.open("M", pid, static_cast<std::int64_t>(l)) +=
                R"(,"name":"thread_name","args":{"name":")" + lane_names_[l] + "\"}";
            ev_.close();
            std::string& b = ev_.open("M", pid, static_cast<std::int64_t>(l));
            b += R"(,"name":"thread_sort_index","args":{"sort_index":)";
            append_int(b, static_cast<std::int64_t>(l));
            b += '}';
            ev_.close();
        }
    }

    void slices() {
        for (const analysis::LaneTimeline& tl : sum_.timelines) {
            const std::int32_t pid = pid_of(tl.lane);
            for (const StateInterval& iv : tl.intervals) {
                if (!drawn(iv.state))
                    continue;
                std::string& b = ev_.open("X", pid, tl.lane);
                b += R"(,"cat":"state","name":")";
                const std::string_view state = analysis::lane_state_name(iv.state);
                const bool waiting = iv.object != 0 && (iv.state == LaneState::Blocked ||
                                                        iv.state == LaneState::Ready);
                std::string reason(waiting ? trace::wait_reason_name(iv.reason) : "");
                b += state;
                if (waiting && iv.state == LaneState::Blocked)
                    b += ": " + reason + " " + object_name(iv.object);
                b += '"';
                ev_.ts("ts", iv.t0);
                ev_.dur(iv.duration());
                b += R"(,"args":{"state":")";
                b += state;
                b += '"';
                if (waiting) {
                    b += R"(,"reason":")" + reason + R"(","object":")" + object_name(iv.object) +
                         R"(","object_id":)";
                    append_int(b, iv.object);
                }
                b += "}";
                ev_.close();
            }
        }
    }

    void counters() {
        for (const analysis::LevelSeries& l : sum_.levels) {
            const bool queue = l.kind == trace::ObjectKind::Queue;
            const std::string name = (queue ? "queue " : "semaphore ") + object_name(l.object);
            const char* key = queue ? "size" : "free";
            for (const analysis::LevelPoint& p : l.points) {
                std::string& b = ev_.open("C", main_pid_);
                b += R"(,"cat":"level","name":")" + name + '"';
                ev_.ts("ts", p.t);
                b += R"(,"args":{")";
                b += key;
                b += "\":";
                append_int(b, p.value);
                b += '}';
                ev_.close();
            }
        }
    }

    // Flow events attach to the slice around their time on their thread. A
    // cause at the very end of a lane's last slice (a LaneEnd) is moved 1 ns
    // back into it, since no slice is drawn for Done.
    std::int64_t bind_time(trace::LaneId lane, std::int64_t t) const {
        const analysis::LaneTimeline* tl = sum_.timeline(lane);
        if (tl == nullptr)
            return t;
        const StateInterval* iv = analysis::state_at(*tl, t);
        if (iv != nullptr && drawn(iv->state) && t < iv->t1)
            return t;
        if (iv != nullptr && iv != tl->intervals.data() && (iv - 1)->t1 == t &&
            drawn((iv - 1)->state))
            return t - 1;
        return t;
    }

    void flows() {
        std::int64_t id = 0;
        for (const analysis::Flow& f : sum_.flows) {
            ++id;
            const trace::Record& from = snap_.records[f.from];
            const trace::Record& to = snap_.records[f.to];
            const std::string_view name = analysis::flow_kind_name(f.kind);
            for (int end = 0; end < 2; ++end) {
                const trace::Record& r = end == 0 ? from : to;
                std::string& b = ev_.open(end == 0 ? "s" : "f", pid_of(r.lane), r.lane);
                if (end == 1)
                    b += R"(,"bp":"e")";
                b += R"(,"cat":"flow","name":")";
                b += name;
                b += R"(","id":)";
                append_int(b, id);
                ev_.ts("ts", bind_time(r.lane, r.t_ns));
                if (end == 1)
                    b += f.handoff ? R"(,"args":{"handoff":true})" : R"(,"args":{"handoff":false})";
                ev_.close();
            }
        }
    }

    void marks() {
        for (const trace::Record& r : snap_.records) {
            if (r.kind != Kind::Mark)
                continue;
            std::string& b = ev_.open("i", pid_of(r.lane), r.lane);
            b += R"(,"s":"t","cat":"mark","name":")";
            b += r.object != 0 ? object_name(r.object) : std::string("mark");
            b += '"';
            ev_.ts("ts", r.t_ns);
            b += R"(,"args":{"value":)";
            append_int(b, r.a);
            b += '}';
            ev_.close();
        }
        if (snap_.dropped > 0) {
            std::int64_t t = snap_.records.empty() ? snap_.end_ns : snap_.records.back().t_ns;
            std::string& b = ev_.open("i", main_pid_);
            b += R"(,"s":"g","cat":"diagnostic","name":"records dropped")";
            ev_.ts("ts", t);
            b += R"(,"args":{"dropped":)";
            append_int(b, static_cast<std::int64_t>(snap_.dropped));
            b += '}';
            ev_.close();
        }
    }

    void diagnostics() {
        for (const analysis::Diagnostic& d : sum_.diagnostics) {
            json lanes = json::array(), objects = json::array();
            for (trace::LaneId l : d.lanes)
                lanes.push_back(l > 0 && l < snap_.lanes.size() ? snap_.lanes[l].name
                                                                : "lane " + std::to_string(l));
            for (trace::ObjectId o : d.objects)
                objects.push_back(o > 0 && o < snap_.objects.size()
                                      ? snap_.objects[o].name
                                      : "object " + std::to_string(o));
            json args = {{"message", d.message},
                         {"lanes", lanes},
                         {"objects", objects},
                         {"lane_ids", d.lanes},
                         {"object_ids", d.objects}};
            std::string& b = ev_.open("i", main_pid_);
            b += R"(,"s":"g","cat":"diagnostic","name":)" + dump(json(d.kind));
            ev_.ts("ts", d.t_ns);
            b += R"(,"args":)" + dump(args);
            ev_.close();
        }
    }

    std::ostream& out_;
    const trace::Snapshot& snap_;
    const analysis::Summary& sum_;
    const ChromeTraceOptions& opt_;
    Events ev_;
    std::vector<std::string> lane_names_;   // escaped, index = LaneId
    std::vector<std::string> object_names_; // escaped, index = ObjectId
    std::int32_t main_pid_ = 0;
};

} // namespace

void write_chrome_trace(std::ostream& out, const trace::Snapshot& snapshot,
                        const analysis::Summary& summary, const ChromeTraceOptions& options) {
    Writer(out, snapshot, summary, options).run();
}

void export_chrome_trace(const std::string& path, const trace::Snapshot& snapshot,
                         const analysis::Summary& summary, const ChromeTraceOptions& options) {
    write_file_atomically(
        path, [&](std::ostream& out) { write_chrome_trace(out, snapshot, summary, options); });
}

} // namespace il::exporter
