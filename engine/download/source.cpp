#include "download/source.h"

#include "download/sha256.h"
#include "net/exchange.h"

#include <mutex>

namespace il::download {

struct DownloadSource::State {
    SourceOptions options;
    std::shared_ptr<const net::Body> body;
    mutable std::mutex mutex; // guards log and cut
    std::vector<ServedRequest> log;
    std::vector<net::ByteRange> cut; // the ranges of the requests dropped so far

    net::Response answer(const net::Request& request) {
        net::Response r;
        r.headers.emplace_back("Content-Type", "application/octet-stream");
        r.body = body;
        r.accept_ranges = options.ranges;
        r.chunked = options.chunked;

        ServedRequest s;
        s.method = request.method;
        if (auto range = request.header("Range"))
            s.range = std::string(*range);
        // What the client asks for, and what the server will send (exchange.h
        // applies the same rules): they differ when Range is ignored.
        net::ByteRange asked{0, body->size()};
        if (s.range &&
            net::parse_range(*s.range, body->size(), asked) == net::RangeKind::Unsatisfiable)
            asked = {0, 0};
        const net::ByteRange sent = options.ranges ? asked : net::ByteRange{0, body->size()};
        s.first = sent.first;
        s.length = request.method == "HEAD" ? 0 : sent.length;

        std::lock_guard g(mutex);
        // Cut what a part asks for (a probe's "bytes=0-0" is never cut, even
        // when the whole file comes back).
        if (options.drop_after > 0 && request.method == "GET" &&
            asked.length > options.drop_after && !resumes_cut(asked.first)) {
            r.drop_after = options.drop_after;
            cut.push_back(asked);
            s.dropped = true;
        }
        log.push_back(std::move(s));
        return r;
    }

    // The request starts inside one that was cut: it is a resume, let it through.
    bool resumes_cut(std::uint64_t first) const {
        for (const net::ByteRange& c : cut)
            if (first >= c.first && first < c.first + c.length)
                return true;
        return false;
    }
};

DownloadSource::DownloadSource(SourceOptions options) : state_(std::make_shared<State>()) {
    state_->options = options;
    state_->body = std::make_shared<net::GeneratedBody>(options.size, options.seed);
}

const SourceOptions& DownloadSource::options() const {
    return state_->options;
}

std::shared_ptr<const net::Body> DownloadSource::body() const {
    return state_->body;
}

void DownloadSource::mount(net::Router& router, std::string path) const {
    router.add(std::move(path), [s = state_](const net::Request& r) { return s->answer(r); });
}

std::string DownloadSource::expected_sha256(std::stop_token stop) const {
    return sha256_of_body(*state_->body, stop);
}

std::vector<ServedRequest> DownloadSource::requests() const {
    std::lock_guard g(state_->mutex);
    return state_->log;
}

} // namespace il::download
