#include "download/downloader.h"

#include "download/errors.h"
#include "download/output_file.h"
#include "download/part.h"
#include "download/probe.h"
#include "download/sha256.h"
#include "net/url.h"
#include "run/errors.h"
#include "thread/thread.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

namespace il::download {

namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The parts: `parts` nearly equal ranges (the first size % parts one byte
// longer), never more parts than bytes; a single whole-body part when
// ranges cannot be used. `why` says when fewer parts than asked are used.
std::vector<PartPlan> plan_parts(const ProbeResult& p, int parts, std::string& why) {
    if (!p.size || !p.ranges || *p.size == 0) {
        if (parts > 1)
            why = !p.size        ? "the server does not say the size in advance"
                  : *p.size == 0 ? "the file is empty"
                                 : "the server does not support byte ranges";
        // An empty file has no byte to ask a range of: a plain GET confirms it.
        const bool ranged = p.ranges && p.size != 0u;
        return {PartPlan{1, 0, p.size, ranged, p.size}};
    }
    const std::uint64_t n = std::min<std::uint64_t>(static_cast<std::uint64_t>(parts), *p.size);
    if (n < static_cast<std::uint64_t>(parts))
        why = "the file has only " + std::to_string(*p.size) + " bytes";
    std::vector<PartPlan> plan;
    std::uint64_t at = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t len = *p.size / n + (i < *p.size % n ? 1 : 0);
        plan.push_back({static_cast<int>(i + 1), at, len, true, p.size});
        at += len;
    }
    return plan;
}

std::string seconds_text(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(ns) / 1e9);
    return buf;
}

std::string rate_text(std::uint64_t bytes, std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB/s",
                  ns > 0 ? static_cast<double>(bytes) * 1e3 / static_cast<double>(ns) : 0.0);
    return buf;
}

// Runs every part on its own lane and waits for all. The first failure
// (in part order) is rethrown once every lane has ended.
void run_parts(const PartContext& context, const std::vector<PartPlan>& plan,
               std::vector<PartReport>& reports) {
    reports.assign(plan.size(), {});
    std::vector<std::exception_ptr> errors(plan.size());
    std::vector<std::unique_ptr<thread::Thread>> lanes; // the destructors join, also on Cancelled
    for (std::size_t i = 0; i < plan.size(); ++i)
        lanes.push_back(std::make_unique<thread::Thread>(
            context.session, "part " + std::to_string(plan[i].index), [&, i] {
                try {
                    reports[i] = run_part(context, plan[i]);
                } catch (const Cancelled&) {
                    throw;
                } catch (...) {
                    errors[i] = std::current_exception();
                    context.abort = true; // the others stop at their next chunk
                }
            }));
    for (auto& lane : lanes)
        lane->start();
    for (auto& lane : lanes)
        lane->join();
    context.session.check_stop(); // a part that ended by a stop has no report
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace

void validate(const DownloadOptions& o) {
    net::parse_url(o.url); // throws UrlError naming the URL and what is allowed
    if (o.parts < 1 || o.parts > 32)
        throw ValueError("parts must be an integer in 1..32, not " + std::to_string(o.parts));
    if (o.retries < 0 || o.retries > 100)
        throw ValueError("retries must be an integer in 0..100, not " + std::to_string(o.retries));
    if (o.progress_step < 1 || o.progress_step > 100)
        throw ValueError("progress_step must be a percentage in 1..100, not " +
                         std::to_string(o.progress_step));
    if (o.expected_sha256 && !is_sha256_hex(*o.expected_sha256))
        throw ValueError("expected_sha256 must be 64 hex digits, not '" + *o.expected_sha256 + "'");
    if (o.output.empty())
        throw ValueError("output must name the file to write");
}

DownloadResult download(Session& session, const DownloadOptions& o) {
    validate(o);
    DownloadResult r;
    r.url = o.url;
    r.output = o.output;
    if (o.expected_sha256)
        r.expected_sha256 = lower(*o.expected_sha256);
    const auto start = Clock::now();
    auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    };
    try {
        OutputFile file(o.output); // first: a path that cannot be written costs no request
        const ProbeResult p = probe(session, o.url, o.client, o.retries, o.retry_delay);
        r.size = p.size;
        r.range_supported = p.ranges;
        r.probe = p.how;
        std::string fewer;
        const std::vector<PartPlan> plan = plan_parts(p, o.parts, fewer);
        r.parts = static_cast<int>(plan.size());
        if (p.size)
            file.allocate(*p.size);

        std::atomic<bool> abort{false};
        trace::Registry& reg = session.registry();
        PartContext context{session,
                            o.url,
                            file,
                            o.client,
                            o.retries,
                            o.retry_delay,
                            o.progress_step,
                            reg.add_object(trace::ObjectKind::Annotation, "% of the part received"),
                            p.size ? 0
                                   : reg.add_object(trace::ObjectKind::Annotation, "MiB received"),
                            abort};
        try {
            run_parts(context, plan, r.part_reports);
        } catch (...) {
            for (const PartReport& pr : r.part_reports)
                r.bytes += pr.received;
            throw;
        }
        for (const PartReport& pr : r.part_reports) {
            r.bytes += pr.received;
            for (const PartAttempt& a : pr.attempts)
                r.retries += !a.error.empty();
        }
        if (!p.size)
            file.truncate(r.bytes);

        const trace::ObjectId hashing =
            reg.add_object(trace::ObjectKind::Annotation, "SHA-256 of the whole file");
        session.recorder().record(trace::Kind::Mark, hashing, 0);
        try {
            r.sha256 = sha256_of_file(file.temp_path(), session.stop_token());
        } catch (const Cancelled&) {
            throw;
        } catch (const std::runtime_error& e) {
            throw OutputError(e.what());
        }
        session.recorder().record(trace::Kind::Mark, hashing, 1);
        if (!r.expected_sha256 && o.expected_sha256_from) {
            r.expected_sha256 = lower(o.expected_sha256_from());
            if (!is_sha256_hex(*r.expected_sha256))
                throw FatalError("the expected SHA-256 is not 64 hex digits: '" +
                                 *r.expected_sha256 + "'");
        }
        const bool matches = !r.expected_sha256 || r.sha256 == *r.expected_sha256;
        if (matches)
            file.commit();
        r.elapsed_ns = elapsed();
        r.ok = matches;
        r.message = "downloaded " + std::to_string(r.bytes) + " bytes in " +
                    std::to_string(r.parts) + (r.parts == 1 ? " part" : " parts") + " (" +
                    seconds_text(r.elapsed_ns) + ", " + rate_text(r.bytes, r.elapsed_ns) + "), " +
                    std::to_string(r.retries) + (r.retries == 1 ? " retry" : " retries");
        if (!fewer.empty())
            r.message += "; " + std::to_string(r.parts) + (r.parts == 1 ? " part" : " parts") +
                         " instead of " + std::to_string(o.parts) + ": " + fewer;
        if (!r.expected_sha256)
            r.message += "; SHA-256 " + r.sha256 + " (nothing to compare it with)";
        else if (matches)
            r.message += "; SHA-256 matches the expected one";
        else
            r.message += "; SHA-256 MISMATCH: got " + r.sha256 + ", expected " +
                         *r.expected_sha256 + "; the file was not kept";
    } catch (const FatalError& e) {
        r.message = std::string("download failed: ") + e.what();
    } catch (const OutputError& e) {
        r.message = e.what();
    }
    if (!r.ok)
        r.elapsed_ns = elapsed();
    return r;
}

} // namespace il::download
