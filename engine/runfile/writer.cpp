// encode_run and save_run: the layout in detail/format.h, field by field.
#include "export/atomic_file.h"
#include "runfile/detail/bytes.h"
#include "runfile/detail/digest.h"
#include "runfile/detail/format.h"
#include "runfile/runfile.h"

#include <type_traits>

namespace il::runfile {

using detail::ByteWriter;

namespace {

void write_meta(ByteWriter& w, const scenario::RunResult& run) {
    w.str(run.scenario);
    w.u8(static_cast<std::uint8_t>(run.status));
    w.str(run.error);
    w.i64(run.duration_ns);
    w.i64(run.cpu_ns);
}

void write_params(ByteWriter& w, const scenario::Params& params) {
    w.u32(static_cast<std::uint32_t>(params.values().size()));
    for (const auto& [name, value] : params.values()) {
        w.str(name);
        w.u8(static_cast<std::uint8_t>(value.index())); // int, real, bool, text
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::int64_t>)
                    w.i64(v);
                else if constexpr (std::is_same_v<T, double>)
                    w.f64(v);
                else if constexpr (std::is_same_v<T, bool>)
                    w.boolean(v);
                else
                    w.str(v);
            },
            value);
    }
}

void write_outcome(ByteWriter& w, const scenario::Outcome& o) {
    w.boolean(o.ok);
    w.str(o.message);
    // Invalid UTF-8 in a value is replaced rather than thrown about.
    w.str(o.values.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void write_ids(ByteWriter& w, const std::vector<std::uint32_t>& ids) {
    w.u32(static_cast<std::uint32_t>(ids.size()));
    for (std::uint32_t id : ids)
        w.u32(id);
}

void write_diagnostics(ByteWriter& w, const std::vector<analysis::Diagnostic>& ds) {
    w.u32(static_cast<std::uint32_t>(ds.size()));
    for (const analysis::Diagnostic& d : ds) {
        w.str(d.kind);
        w.str(d.message);
        write_ids(w, d.lanes);
        write_ids(w, d.objects);
        w.i64(d.t_ns);
    }
}

void write_lanes(ByteWriter& w, const std::vector<trace::LaneInfo>& lanes) {
    w.u32(static_cast<std::uint32_t>(lanes.size()));
    for (const trace::LaneInfo& l : lanes) {
        w.u32(l.id);
        w.str(l.name);
        w.u16(static_cast<std::uint16_t>(l.kind));
        w.u32(l.object);
        w.i32(l.pid);
        w.u32(l.parent);
    }
}

void write_objects(ByteWriter& w, const std::vector<trace::ObjectInfo>& objects) {
    w.u32(static_cast<std::uint32_t>(objects.size()));
    for (const trace::ObjectInfo& o : objects) {
        w.u32(o.id);
        w.u16(static_cast<std::uint16_t>(o.kind));
        w.str(o.name);
        w.i64(o.capacity);
        w.u16(o.detail);
        w.u32(o.related);
        w.u32(o.lane);
    }
}

void write_snapshot_header(ByteWriter& w, const trace::Snapshot& s) {
    w.i64(s.start_ns);
    w.i64(s.end_ns);
    w.u64(s.dropped);
    w.u64(s.budget);
    w.boolean(s.finished);
}

void write_records(ByteWriter& w, const std::vector<trace::Record>& records) {
    w.u64(records.size());
    if constexpr (detail::kRecordsAsMemory) {
        w.raw(std::string_view(reinterpret_cast<const char*>(records.data()),
                               records.size() * detail::kRecordBytes));
        return;
    }
    w.data().reserve(w.data().size() + records.size() * detail::kRecordBytes);
    for (const trace::Record& r : records) {
        w.i64(r.t_ns);
        w.u32(r.lane);
        w.u32(r.object);
        w.u16(static_cast<std::uint16_t>(r.kind));
        w.u16(r.c);
        w.i32(r.b);
        w.i64(r.a);
    }
}

// Writes one section: its tag, its length, then what `body` wrote.
template <typename F> void section(ByteWriter& out, std::size_t index, F&& body) {
    ByteWriter w;
    body(w);
    out.u32(detail::kSections[index].tag);
    out.u64(w.data().size());
    out.raw(w.data());
}

} // namespace

std::string encode_run(const scenario::RunResult& run) {
    // The reader refuses a run without a scenario: never write one it would refuse.
    if (run.scenario.empty())
        throw RunFileError("nothing to save: the run has no scenario (run one to its end first)");
    ByteWriter out;
    // The records and a margin for the rest: one allocation for most runs.
    out.data().reserve(run.trace.records.size() * detail::kRecordBytes + (64 << 10));
    out.raw(detail::kMagic);
    out.u32(detail::kFormatVersion);
    std::size_t i = 0;
    section(out, i++, [&](ByteWriter& w) { write_meta(w, run); });
    section(out, i++, [&](ByteWriter& w) { write_params(w, run.params); });
    section(out, i++, [&](ByteWriter& w) { write_outcome(w, run.outcome); });
    section(out, i++, [&](ByteWriter& w) { write_diagnostics(w, run.diagnostics); });
    section(out, i++, [&](ByteWriter& w) { write_lanes(w, run.trace.lanes); });
    section(out, i++, [&](ByteWriter& w) { write_objects(w, run.trace.objects); });
    section(out, i++, [&](ByteWriter& w) { write_snapshot_header(w, run.trace); });
    // The records go straight into the file's bytes: they are most of it.
    out.u32(detail::kSections[i++].tag);
    out.u64(8 + run.trace.records.size() * detail::kRecordBytes);
    write_records(out, run.trace.records);
    const auto digest = detail::sha256(out.data());
    section(out, i++, [&](ByteWriter& w) {
        w.raw(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    });
    return std::move(out.data());
}

void save_run(const scenario::RunResult& run, const std::string& path) {
    exporter::write_file_atomically(path, encode_run(run));
}

} // namespace il::runfile
