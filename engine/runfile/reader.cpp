// decode_run: the sections of detail/format.h read in order,
// each within its own declared length, then the cross checks of
// detail/validate.h, then the checksum. Nothing in the file is trusted.
#include "runfile/detail/bytes.h"
#include "runfile/detail/digest.h"
#include "runfile/detail/format.h"
#include "runfile/detail/validate.h"
#include "runfile/runfile.h"

#include <cstring>

namespace il::runfile {

using detail::ByteReader;
using detail::Damage;

namespace {

void read_meta(ByteReader& r, scenario::RunResult& run) {
    run.scenario = r.str("the scenario id");
    if (run.scenario.empty())
        r.fail("the scenario id is empty");
    const std::uint8_t status = r.u8("the run status");
    if (status > std::uint8_t(scenario::RunStatus::Failed))
        r.fail("the run status is unknown (" + std::to_string(status) + ")");
    run.status = scenario::RunStatus(status);
    run.error = r.str("the error text");
    run.duration_ns = r.time("the run's duration");
    run.cpu_ns = r.time("the run's CPU time");
}

void read_params(ByteReader& r, scenario::Params& params) {
    // Smallest parameter: empty name (4) + type (1) + bool (1).
    const std::size_t count = r.count("the parameter count", 6);
    for (std::size_t i = 0; i < count; ++i) {
        std::string name = r.str("a parameter's name");
        if (name.empty())
            r.fail("parameter " + std::to_string(i) + " has no name");
        if (params.values().count(name))
            r.fail("parameter '" + name + "' appears twice");
        const std::uint8_t type = r.u8("the type of parameter '" + name + "'");
        const std::string field = "the value of parameter '" + name + "'";
        switch (type) {
        case 0:
            params.set(name, r.i64(field));
            break;
        case 1:
            params.set(name, r.f64(field));
            break;
        case 2:
            params.set(name, r.boolean(field));
            break;
        case 3:
            params.set(name, r.str(field));
            break;
        default:
            r.fail("parameter '" + name + "' has an unknown type (" + std::to_string(type) + ")");
        }
    }
}

void read_outcome(ByteReader& r, scenario::Outcome& o) {
    o.ok = r.boolean("the outcome's verdict");
    o.message = r.str("the outcome's message");
    o.values = detail::parse_values(r.str("the outcome's values"));
}

std::vector<std::uint32_t> read_ids(ByteReader& r, const std::string& what) {
    std::vector<std::uint32_t> ids(r.count(what, 4));
    for (auto& id : ids)
        id = r.u32(what);
    return ids;
}

void read_diagnostics(ByteReader& r, std::vector<analysis::Diagnostic>& out) {
    // Smallest diagnostic: two empty strings, two empty id lists, a time.
    const std::size_t count = r.count("the diagnostic count", 4 * 4 + 8);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        analysis::Diagnostic d;
        d.kind = r.str("a diagnostic's kind");
        d.message = r.str("a diagnostic's message");
        d.lanes = read_ids(r, "a diagnostic's lanes");
        d.objects = read_ids(r, "a diagnostic's objects");
        d.t_ns = r.time("a diagnostic's time");
        out.push_back(std::move(d));
    }
}

void read_lanes(ByteReader& r, std::vector<trace::LaneInfo>& out) {
    const std::size_t count = r.count("the lane count", 4 + 4 + 2 + 4 + 4 + 4);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        trace::LaneInfo l;
        l.id = r.u32("a lane's id");
        l.name = r.str("a lane's name");
        l.kind = trace::LaneKind(r.u16("a lane's kind"));
        l.object = r.u32("a lane's object");
        l.pid = r.i32("a lane's process id");
        l.parent = r.u32("a lane's parent");
        out.push_back(std::move(l));
    }
}

void read_objects(ByteReader& r, std::vector<trace::ObjectInfo>& out) {
    const std::size_t count = r.count("the object count", 4 + 2 + 4 + 8 + 2 + 4 + 4);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        trace::ObjectInfo o;
        o.id = r.u32("an object's id");
        o.kind = trace::ObjectKind(r.u16("an object's kind"));
        o.name = r.str("an object's name");
        o.capacity = r.i64("an object's capacity");
        o.detail = r.u16("an object's detail");
        o.related = r.u32("an object's related object");
        o.lane = r.u32("an object's lane");
        out.push_back(std::move(o));
    }
}

void read_snapshot_header(ByteReader& r, trace::Snapshot& s) {
    s.start_ns = r.time("the trace's start");
    s.end_ns = r.time("the trace's end");
    s.dropped = r.u64("the dropped record count");
    s.budget = r.u64("the event budget");
    s.finished = r.boolean("the trace's finished flag");
}

void read_records(ByteReader& r, std::vector<trace::Record>& out) {
    const std::uint64_t count = r.u64("the record count");
    if (r.left() % detail::kRecordBytes != 0 || count != r.left() / detail::kRecordBytes)
        r.fail("it says " + std::to_string(count) + " records but holds " +
               std::to_string(r.left()) + " bytes for them, " +
               std::to_string(detail::kRecordBytes) + " each");
    out.resize(static_cast<std::size_t>(count));
    if constexpr (detail::kRecordsAsMemory) {
        const std::string_view all = r.raw(r.left(), "the records");
        if (!all.empty())
            std::memcpy(out.data(), all.data(), all.size());
        return;
    }
    for (trace::Record& rec : out) {
        rec.t_ns = r.i64("a record's time");
        rec.lane = r.u32("a record's lane");
        rec.object = r.u32("a record's object");
        rec.kind = trace::Kind(r.u16("a record's kind"));
        rec.c = r.u16("a record's c");
        rec.b = r.i32("a record's b");
        rec.a = r.i64("a record's a");
    }
}

std::string tag_text(std::uint32_t tag) {
    std::string s;
    for (int i = 0; i < 4; ++i) {
        const char c = static_cast<char>((tag >> (8 * i)) & 0xFF);
        s += c >= 0x20 && c < 0x7F ? std::string(1, c) : "?";
    }
    return "'" + s + "'";
}

// The next section's payload; `at` moves past it.
std::string_view next_section(std::string_view bytes, std::size_t& at, std::size_t index) {
    const detail::SectionName& want = detail::kSections[index];
    const std::string name = std::string("the ") + want.name + " section";
    ByteReader head(bytes.substr(at), std::string(want.name) + " section's header");
    if (head.left() == 0)
        throw Damage("truncated: the file ends before " + name);
    const std::uint32_t tag = head.u32("the section tag");
    if (tag != want.tag)
        throw Damage("section " + std::to_string(index + 1) + " should be " + name + " (" +
                     tag_text(want.tag) + ") but is tagged " + tag_text(tag));
    const std::uint64_t length = head.u64("the section length");
    if (length > head.left())
        throw Damage("truncated: " + name + " says it holds " + std::to_string(length) +
                     " bytes, " + std::to_string(head.left()) + " are left");
    const std::size_t begin = at + detail::kSectionHeaderBytes;
    at = begin + static_cast<std::size_t>(length);
    return bytes.substr(begin, static_cast<std::size_t>(length));
}

template <typename F>
void read_section(std::string_view bytes, std::size_t& at, std::size_t index, F&& read) {
    ByteReader r(next_section(bytes, at, index),
                 std::string(detail::kSections[index].name) + " section");
    read(r);
    r.expect_end();
}

scenario::RunResult decode(std::string_view bytes) {
    std::size_t at = detail::kMagic.size() + 4;
    scenario::RunResult run;
    std::size_t i = 0;
    read_section(bytes, at, i++, [&](ByteReader& r) { read_meta(r, run); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_params(r, run.params); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_outcome(r, run.outcome); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_diagnostics(r, run.diagnostics); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_lanes(r, run.trace.lanes); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_objects(r, run.trace.objects); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_snapshot_header(r, run.trace); });
    read_section(bytes, at, i++, [&](ByteReader& r) { read_records(r, run.trace.records); });
    const std::size_t sums_at = at;
    std::string_view digest;
    read_section(bytes, at, i++, [&](ByteReader& r) {
        digest = r.raw(detail::kDigestBytes, "the SHA-256 digest");
    });
    if (at != bytes.size())
        throw Damage(std::to_string(bytes.size() - at) + " unexpected bytes after the checksum");

    detail::check_registry(run.trace);
    detail::check_records(run.trace);
    detail::check_diagnostics(run.diagnostics, run.trace);
    detail::check_params(run.scenario, run.params);
    // Last, so that a damaged structure is named precisely above.
    const auto sum = detail::sha256(bytes.substr(0, sums_at));
    if (digest != std::string_view(reinterpret_cast<const char*>(sum.data()), sum.size()))
        throw Damage("its checksum does not match its content: it was changed or damaged "
                     "after it was saved");
    return run;
}

} // namespace

scenario::RunResult decode_run(std::string_view bytes, const std::string& name) {
    const std::string who = "'" + name + "'";
    const std::string not_a_run = who + " is not an Interleave run: ";
    if (bytes.empty())
        throw RunFileError(not_a_run + "the file is empty");
    if (bytes.substr(0, detail::kMagic.size()) != detail::kMagic)
        throw RunFileError(not_a_run + "it does not begin with the run file signature");
    ByteReader head(bytes.substr(detail::kMagic.size()), "file header");
    try {
        const std::uint32_t version = head.u32("the format version");
        if (version == 0)
            throw RunFileError(not_a_run + "its format version is 0, which does not exist");
        if (version > detail::kFormatVersion)
            throw RunFileError(who +
                               " was saved by a newer version of Interleave (run file "
                               "format " +
                               std::to_string(version) + "); this build reads format " +
                               std::to_string(detail::kFormatVersion));
        return decode(bytes);
    } catch (const RunFileError&) {
        throw;
    } catch (const Damage& e) {
        throw RunFileError(who + " is not a valid Interleave run: " + e.what());
    } catch (const std::bad_alloc&) {
        throw RunFileError(who + " is too large to open in the memory available");
    } catch (const std::exception& e) {
        throw RunFileError(who + " is not a valid Interleave run: " + e.what());
    }
}

} // namespace il::runfile
