#include "webserver/load_generator.h"

#include "net/detail/request_text.h"
#include "net/errors.h"
#include "net/http_client.h"
#include "net/url.h"
#include "run/errors.h"
#include "sync/event.h"
#include "thread/thread.h"
#include "webserver/detail/raw_client.h"
#include "webserver/handler.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace il::webserver {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kSamples = 5;

std::int64_t ns_since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count();
}

// What the lanes share: the expected bodies and the error tally.
struct Shared {
    std::map<std::string, std::optional<std::string>, std::less<>> expected;
    std::mutex mutex; // guards samples
    std::vector<std::string> samples;
    std::atomic<std::int64_t> errors{0}, slow_errors{0};

    void fail(std::atomic<std::int64_t>& count, std::string why) {
        ++count;
        std::lock_guard g(mutex);
        if (samples.size() < kSamples)
            samples.push_back(std::move(why));
    }
    // Empty when `r` is the right reply to `target`, else why not.
    std::string check(const std::string& target, int status, const std::string& body) const {
        if (status != 200)
            return "GET " + target + ": status " + std::to_string(status);
        const auto& want = expected.find(target)->second;
        if (want && body != *want)
            return "GET " + target + ": wrong body (" + std::to_string(body.size()) + " bytes)";
        return {};
    }
};

void check_options(const LoadOptions& o) {
    if (o.clients < 1 || o.clients > 1024)
        throw ValueError("clients must be in 1..1024, got " + std::to_string(o.clients));
    if (o.requests < 1)
        throw ValueError("requests must be at least 1, got " + std::to_string(o.requests));
    if (o.slow_clients < 0 || o.slow_clients > 1024)
        throw ValueError("slow_clients must be in 0..1024, got " + std::to_string(o.slow_clients));
    if (o.slow_requests < 1 || o.slow_requests > 1000)
        throw ValueError("slow_requests must be in 1..1000, got " +
                         std::to_string(o.slow_requests));
    if (o.targets.empty())
        throw ValueError("the load needs at least one target");
    for (const std::string& t : o.targets)
        if (t.empty() || t.front() != '/')
            throw ValueError("a target must start with '/', got '" + t + "'");
    net::parse_url(o.origin); // names a bad origin
}

// One fast client: `count` requests over one kept-alive connection (a new
// one whenever the server closes it).
void fast_client(Session& session, const LoadOptions& o, Shared& shared, sync::Event& go, int index,
                 std::int64_t count, std::vector<std::int64_t>& latencies,
                 std::uint64_t& connections) {
    net::ClientOptions co;
    co.timeout = o.timeout;
    net::HttpClient client(session, co);
    go.wait();
    latencies.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        const std::string& target =
            o.targets[static_cast<std::size_t>(index + i) % o.targets.size()];
        const auto t0 = Clock::now();
        try {
            const net::ClientResponse r = client.get(o.origin + target);
            const std::int64_t took = ns_since(t0);
            if (std::string why = shared.check(target, r.status, r.body); !why.empty())
                shared.fail(shared.errors, "client " + std::to_string(index + 1) + ": " + why);
            else
                latencies.push_back(took);
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            shared.fail(shared.errors, "client " + std::to_string(index + 1) + ": GET " + target +
                                           ": " + e.what());
        }
    }
    connections = client.connections_opened();
}

// One slow client: its requests a byte at a time, on `first` (opened before
// the fast clients started), reconnecting if the server closes it.
void slow_client(Session& session, const LoadOptions& o, Shared& shared,
                 const webserver::detail::Wakeups& wake, std::uint16_t port, int index,
                 std::unique_ptr<webserver::detail::RawClient> conn,
                 std::vector<std::int64_t>& latencies) {
    const std::string who = "slow client " + std::to_string(index + 1);
    for (int i = 0; i < o.slow_requests; ++i) {
        const std::string& target =
            o.targets[static_cast<std::size_t>(index + i) % o.targets.size()];
        const net::Url url = net::parse_url(o.origin + target);
        const std::string text = net::detail::request_text("GET", url, {}, true);
        const auto t0 = Clock::now();
        try {
            if (!conn)
                conn = std::make_unique<webserver::detail::RawClient>(session, wake, port, who);
            std::string error;
            std::optional<net::ClientResponse> r;
            if (conn->send(text, o.slow_byte_delay))
                r = conn->read_reply(o.timeout, error);
            else
                error = "the connection broke while sending";
            session.check_stop();
            if (!r) {
                shared.fail(shared.slow_errors, who + ": GET " + target + ": " + error);
                conn.reset();
                continue;
            }
            const std::int64_t took = ns_since(t0);
            if (std::string why = shared.check(target, r->status, r->body); !why.empty())
                shared.fail(shared.slow_errors, who + ": " + why);
            else
                latencies.push_back(took);
            if (!r->keep_alive)
                conn.reset();
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            shared.fail(shared.slow_errors, who + ": GET " + target + ": " + e.what());
            conn.reset();
        }
    }
}

} // namespace

LoadResult run_load(Session& session, const LoadOptions& o) {
    check_options(o);
    const std::uint16_t port = net::parse_url(o.origin).port;
    Shared shared;
    for (const std::string& t : o.targets)
        shared.expected[t] = o.expect ? o.expect(t) : expected_body(t);

    // Slow clients connect first, so a server takes them before the others.
    webserver::detail::Wakeups wake(session);
    std::vector<std::unique_ptr<webserver::detail::RawClient>> slow_conns;
    for (int i = 0; i < o.slow_clients; ++i) {
        try {
            slow_conns.push_back(std::make_unique<webserver::detail::RawClient>(
                session, wake, port, "slow client " + std::to_string(i + 1)));
        } catch (const net::ConnectionError&) {
            slow_conns.push_back(nullptr); // its lane tries again and reports the error
        }
    }
    std::vector<std::vector<std::int64_t>> slow_latencies(static_cast<std::size_t>(o.slow_clients));
    std::vector<std::unique_ptr<thread::Thread>> lanes;
    for (int i = 0; i < o.slow_clients; ++i) {
        const auto k = static_cast<std::size_t>(i);
        lanes.push_back(std::make_unique<thread::Thread>(
            session, "slow client " + std::to_string(i + 1),
            [&, i, k,
             conn = std::make_shared<std::unique_ptr<webserver::detail::RawClient>>(
                 std::move(slow_conns[k]))] {
                slow_client(session, o, shared, wake, port, i, std::move(*conn), slow_latencies[k]);
            }));
        lanes.back()->start();
    }

    sync::Event go(session, "go");
    const auto n = static_cast<std::size_t>(o.clients);
    std::vector<std::vector<std::int64_t>> latencies(n);
    std::vector<std::uint64_t> connections(n, 0);
    std::vector<std::unique_ptr<thread::Thread>> fast;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t count = o.requests / o.clients +
                                   (static_cast<std::int64_t>(i) < o.requests % o.clients ? 1 : 0);
        fast.push_back(std::make_unique<thread::Thread>(
            session, "client " + std::to_string(i + 1), [&, i, count] {
                fast_client(session, o, shared, go, static_cast<int>(i), count, latencies[i],
                            connections[i]);
            }));
        fast.back()->start();
    }
    const auto start = Clock::now();
    go.set();
    for (auto& t : fast)
        t->join();
    LoadResult r;
    r.wall_ns = ns_since(start);
    for (auto& t : lanes)
        t->join();
    for (auto* group : {&fast, &lanes})
        for (auto& t : *group)
            if (auto e = t->exception())
                std::rethrow_exception(e);

    std::vector<std::int64_t> all, slow_all;
    for (std::size_t i = 0; i < n; ++i) {
        all.insert(all.end(), latencies[i].begin(), latencies[i].end());
        r.connections += connections[i];
    }
    for (const auto& v : slow_latencies)
        slow_all.insert(slow_all.end(), v.begin(), v.end());
    r.requests = static_cast<std::int64_t>(all.size());
    r.errors = shared.errors.load();
    r.slow_requests = static_cast<std::int64_t>(slow_all.size());
    r.slow_errors = shared.slow_errors.load();
    r.error_samples = std::move(shared.samples);
    r.latency = percentiles(std::move(all));
    r.slow_latency = percentiles(std::move(slow_all));
    r.throughput_rps =
        r.wall_ns > 0 ? static_cast<double>(r.requests) * 1e9 / static_cast<double>(r.wall_ns) : 0;
    return r;
}

} // namespace il::webserver
