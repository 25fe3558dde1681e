// Shared by the saved-run suites: real and hand-made runs, and a map of an
// encoded file's sections for tests that damage it on purpose. Test-only.
#pragma once

#include "analysis/trace_builder.h"

#include "runfile/detail/digest.h"
#include "runfile/runfile.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QtTest>

#include <cstring>
#include <stdexcept>

namespace il::test {

inline scenario::RunResult real_run(const std::string& id,
                                    const std::vector<std::string>& assignments) {
    const scenario::Scenario* s = scenario::find_scenario(id);
    if (!s)
        throw std::runtime_error("no scenario " + id);
    scenario::RunOptions o;
    o.timeout = std::chrono::seconds(60);
    return scenario::run_scenario(*s, scenario::parse_params(s->info().params, assignments), o);
}

// A small run of `counter` built by hand: every section has content.
inline scenario::RunResult hand_run() {
    TraceBuilder b(1000);
    const auto main = b.lane("main");
    const auto w = b.lane("worker", 100, main);
    const auto lock = b.object(trace::ObjectKind::Lock, "counter_lock");
    const auto q = b.object(trace::ObjectKind::Queue, "jobs", 4);
    b.start(1000, main).start(1100, w);
    b.acquire(1200, main, lock, 0).put(1250, main, q, 1, 1);
    b.wait(1300, w, lock, trace::WaitReason::Lock);
    b.release(1400, main, lock, 1).acquire(1450, w, lock, 1).wait_end(1450, w, lock);
    b.get(1500, w, q, 1, 0).sleep(1500, 1600, w).release(1700, w, lock, 2);
    b.end(1800, w).joined(1850, main, w).end(1900, main);
    scenario::RunResult r;
    r.scenario = "counter";
    r.params =
        scenario::parse_params(scenario::find_scenario("counter")->info().params, {"threads=2"});
    r.outcome.ok = true;
    r.outcome.message = "the counter reached 2";
    r.outcome.values = {{"final", 2}, {"expected", 2}, {"nested", {{"a", {1, 2.5, "x"}}}}};
    r.status = scenario::RunStatus::Finished;
    r.duration_ns = 900;
    r.cpu_ns = 1200;
    r.trace = b.snapshot(2000);
    r.trace.budget = 4096;
    r.trace.dropped = 3;
    analysis::Diagnostic d;
    d.kind = "deadlock";
    d.message = "main and worker wait for each other";
    d.lanes = {main, w};
    d.objects = {lock};
    d.t_ns = 1500;
    r.diagnostics = {d};
    return r;
}

// Where each section of an encoded run begins (its tag) and its payload.
struct SectionAt {
    std::string tag;
    std::size_t header;
    std::size_t payload;
    std::size_t length;
};

inline std::uint64_t get_le(const std::string& b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v |= std::uint64_t(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

inline void put_le(std::string& b, std::size_t at, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
        b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

inline std::vector<SectionAt> sections(const std::string& b) {
    std::vector<SectionAt> out;
    for (std::size_t at = 12; at + 12 <= b.size();) {
        const auto length = static_cast<std::size_t>(get_le(b, at + 4, 8));
        out.push_back({b.substr(at, 4), at, at + 12, length});
        at += 12 + length;
    }
    return out;
}

inline SectionAt section(const std::vector<SectionAt>& all, const std::string& tag) {
    for (const SectionAt& s : all)
        if (s.tag == tag)
            return s;
    throw std::runtime_error("no section " + tag);
}

// Recomputes the closing checksum, so damage reaches the checks behind it.
// `sums`: where the undamaged file had it (damage may garble the lengths).
inline void reseal(std::string& b, const SectionAt& sums) {
    const auto digest = runfile::detail::sha256(std::string_view(b).substr(0, sums.header));
    std::memcpy(&b[sums.payload], digest.data(), digest.size());
}

// The message of the RunFileError decoding `bytes` throws ("" and a failure if none).
inline QString decode_error(const std::string& bytes) {
    try {
        runfile::decode_run(bytes, "damaged.ilrun");
    } catch (const runfile::RunFileError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

#define EXPECT_DAMAGE(bytes, part)                                                                 \
    do {                                                                                           \
        const QString m = decode_error(bytes);                                                     \
        QVERIFY2(!m.isEmpty(), "decoded without an error");                                        \
        QVERIFY2(m.contains(part), qPrintable(m));                                                 \
        QVERIFY2(m.startsWith("'damaged.ilrun' "), qPrintable(m));                                 \
    } while (0)

} // namespace il::test
