#include "download/part.h"

#include "download/content_range.h"
#include "download/errors.h"
#include "net/errors.h"
#include "net/http_client.h"
#include "thread/sleep.h"

#include <limits>

namespace il::download {

namespace {

using Clock = std::chrono::steady_clock;

// Thrown by the body sink when another part failed.
struct Aborted {};

// What the current request asked for and what its reply announced.
struct Try {
    std::uint64_t from = 0;
    std::optional<std::uint64_t> last;   // inclusive; nullopt: to the end
    std::uint64_t bytes = 0;             // body bytes written by this try
    std::optional<std::uint64_t> expect; // body bytes the reply announced
    bool short_range = false;            // a 206 that ends before `last`
};

std::string range_value(const Try& t) {
    return "bytes=" + std::to_string(t.from) + "-" + (t.last ? std::to_string(*t.last) : "");
}

class PartRun {
public:
    PartRun(const PartContext& c, const PartPlan& p) : c_(c), p_(p) {
        report_.index = p.index;
        report_.first = p.first;
        report_.length = p.length.value_or(0);
        what_ = "part " + std::to_string(p.index);
        next_percent_ = c.progress_step;
    }

    PartReport run() {
        const auto start = Clock::now();
        net::ClientOptions options = c_.client;
        options.max_body = std::numeric_limits<std::uint64_t>::max(); // the disk takes it
        options.on_head = [this](const net::ClientResponse& h) { check_head(h); };
        net::HttpClient http(c_.session, options);
        int failures = 0;
        while (!c_.abort.load() && !done_) {
            cur_ = Try{};
            cur_.from = p_.ranged ? p_.first + report_.received : p_.first;
            if (!p_.ranged)
                restart();
            if (p_.length && *p_.length > 0)
                cur_.last = p_.first + *p_.length - 1;
            net::Headers headers;
            if (p_.ranged)
                headers.emplace_back("Range", range_value(cur_));
            std::string failure;
            try {
                http.get(c_.url, headers, [this](std::string_view b) { take(b); });
                if (!p_.length) { // unknown size: the reply's end is the file's end
                    report_.length = report_.received;
                    done_ = true;
                } else if (report_.received == *p_.length) {
                    done_ = true;
                } else if (!(cur_.short_range && got_all())) {
                    failure = "short body: " + std::to_string(cur_.bytes) + " of " +
                              std::to_string(cur_.expect.value_or(*p_.length)) + " bytes";
                }
            } catch (const Aborted&) {
                failure = "stopped: another part failed";
            } catch (const net::ConnectionError& e) { // (refused too: a server restarting)
                failure = e.what();
            } catch (const net::ProtocolError& e) {
                failure = e.what();
            } catch (const il::TimeoutError& e) {
                failure = e.what();
            } catch (const RetryableError& e) {
                failure = e.what();
            }
            if (!failure.empty() && !c_.abort.load() && p_.length &&
                report_.received == *p_.length) {
                done_ = true; // every byte is here; only the reply's end went wrong
                failure.clear();
            }
            report_.attempts.push_back({cur_.from, cur_.bytes, failure});
            if (failure.empty() || c_.abort.load())
                continue; // done, or a shorter range than asked: ask for the rest
            if (++failures > c_.retries)
                throw FatalError(what_ + " failed after " + std::to_string(failures) +
                                 (failures == 1 ? " try: " : " tries: ") + failure);
            note_retry(failure);
            thread::sleep(c_.session, c_.retry_delay * failures);
        }
        if (done_ && p_.length && next_percent_ <= 100) // (an empty part gets its 100% too)
            c_.session.recorder().record(trace::Kind::Mark, c_.progress_mark, 100);
        report_.elapsed_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
        return report_;
    }

private:
    bool got_all() const { return cur_.expect && cur_.bytes == *cur_.expect; }

    void restart() {
        report_.received = 0;
        next_percent_ = c_.progress_step;
        next_mib_ = 1;
    }

    // Runs on the reply's head, before its body: nothing is written unless it is right.
    void check_head(const net::ClientResponse& h) {
        const std::string asked = p_.ranged ? "'Range: " + range_value(cur_) + "'" : "a GET";
        if (h.status == 206) {
            const auto text = h.header("Content-Range");
            const auto r = text ? parse_content_range(*text) : std::nullopt;
            if (!p_.ranged)
                throw FatalError(what_ + ": a 206 partial reply to a GET without Range");
            if (!r || r->kind != ContentRange::Kind::Range)
                throw FatalError(what_ + ": a 206 reply to " + asked + " with " +
                                 (text ? "a bad Content-Range '" + std::string(*text) + "'"
                                       : std::string("no Content-Range")));
            if (r->first != cur_.from || (cur_.last && r->last > *cur_.last))
                throw FatalError(what_ + ": asked for " + asked + ", the server sent bytes " +
                                 std::to_string(r->first) + "-" + std::to_string(r->last));
            check_size(r->total);
            cur_.expect = r->length();
            cur_.short_range = cur_.last && r->last < *cur_.last;
            return;
        }
        if (h.status == 200) {
            const bool whole = cur_.from == 0 && (!p_.length || !p_.size || *p_.length == *p_.size);
            if (p_.ranged && !whole)
                throw FatalError(what_ + ": the server answered 200 (the whole file) to " + asked +
                                 ": it does not serve ranges any more");
            const auto length = h.chunked ? std::nullopt : content_length(h.headers);
            check_size(length);
            cur_.expect = length;
            return;
        }
        throw_for_status(h, what_);
        throw FatalError(what_ + ": unexpected " + status_text(h) + " to " + asked);
    }

    void check_size(std::optional<std::uint64_t> total) const {
        if (p_.size && total && *total != *p_.size)
            throw FatalError(what_ + ": the file changed on the server: it had " +
                             std::to_string(*p_.size) + " bytes, now " + std::to_string(*total));
    }

    void take(std::string_view bytes) {
        if (c_.abort.load())
            throw Aborted{};
        const std::uint64_t at = cur_.from + cur_.bytes;
        if ((cur_.expect && cur_.bytes + bytes.size() > *cur_.expect) ||
            (p_.length && at + bytes.size() > p_.first + *p_.length))
            throw net::ProtocolError(what_ + ": more body bytes than were announced");
        c_.file.write_at(at, bytes);
        cur_.bytes += bytes.size();
        report_.received = at + bytes.size() - p_.first;
        note_progress();
    }

    void note_progress() {
        trace::Recorder& rec = c_.session.recorder();
        if (!p_.length) {
            const std::uint64_t mib = report_.received >> 20;
            if (mib >= next_mib_) {
                rec.record(trace::Kind::Mark, c_.mib_mark, static_cast<std::int64_t>(mib));
                next_mib_ = mib + 1;
            }
            return;
        }
        const std::uint64_t len = *p_.length;
        const int percent = len == 0 ? 100 : static_cast<int>(report_.received * 100 / len);
        if (percent >= next_percent_) {
            const int at = percent / c_.progress_step * c_.progress_step;
            rec.record(trace::Kind::Mark, c_.progress_mark, at);
            next_percent_ = at + c_.progress_step;
        }
    }

    // The event log shows why the part tries again and from where.
    void note_retry(const std::string& failure) {
        const std::uint64_t from = p_.ranged ? p_.first + report_.received : p_.first;
        const trace::ObjectId mark = c_.session.registry().add_object(
            trace::ObjectKind::Annotation,
            what_ + " retries from byte " + std::to_string(from) + " after: " + failure);
        c_.session.recorder().record(trace::Kind::Mark, mark, static_cast<std::int64_t>(from));
    }

    const PartContext& c_;
    const PartPlan& p_;
    std::string what_;
    PartReport report_;
    Try cur_;
    bool done_ = false;
    int next_percent_ = 0;
    std::uint64_t next_mib_ = 1;
};

} // namespace

PartReport run_part(const PartContext& context, const PartPlan& plan) {
    return PartRun(context, plan).run();
}

} // namespace il::download
