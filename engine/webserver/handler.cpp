#include "webserver/handler.h"

#include <charconv>
#include <chrono>

namespace il::webserver {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kHello = "hello, world\n";

struct Route {
    std::string_view pattern;
    std::string_view help;
};
constexpr Route kRoutes[] = {
    {"GET /", "this page"},
    {"GET /hello", "\"hello, world\" (the tiny handler the benchmark uses)"},
    {"GET /work?ms=N", "N ms of CPU work on the serving thread (N in 0..1000)"},
    {"GET /sleep?ms=N", "answers after N ms of waiting, as I/O would (N in 0..10000)"},
    {"GET /file/N", "N bytes of generated content, Range requests work (N up to 64 MiB)"},
};

// The value of `key` in a query string "a=1&ms=5", or nullopt.
std::optional<std::string_view> query_value(std::string_view query, std::string_view key) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == key)
            return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::optional<std::uint64_t> to_u64(std::string_view s) {
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

// ms=N of a query, in 0..max; nullopt when missing or out of range.
std::optional<std::int64_t> parse_ms(std::string_view query, std::int64_t max) {
    const auto text = query_value(query, "ms");
    if (!text)
        return std::nullopt;
    const auto v = to_u64(*text);
    if (!v || *v > static_cast<std::uint64_t>(max))
        return std::nullopt;
    return static_cast<std::int64_t>(*v);
}

net::Response bad_ms(std::string_view route, std::int64_t max) {
    return net::Response::text(400, std::string(route) + " needs ms=N with N an integer in 0.." +
                                        std::to_string(max) + "\n");
}

// Busy work the optimizer cannot remove, until `ms` have passed.
void burn(std::int64_t ms) {
    const auto until = Clock::now() + std::chrono::milliseconds(ms);
    std::uint64_t x = 88172645463325252ull;
    volatile std::uint64_t sink = 0;
    do {
        for (int i = 0; i < 1000; ++i) { // xorshift: a few ns per step
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        sink = x;
    } while (Clock::now() < until);
    (void)sink;
}

std::string index_page() {
    std::string page = "<!DOCTYPE html>\n<html><head><title>Interleave web server</title></head>"
                       "<body>\n<h1>Interleave web server</h1>\n<ul>\n";
    for (const Route& r : kRoutes)
        page +=
            "<li><code>" + std::string(r.pattern) + "</code>: " + std::string(r.help) + "</li>\n";
    page += "</ul>\n</body></html>\n";
    return page;
}

std::string worked(std::int64_t ms) {
    return "worked " + std::to_string(ms) + " ms\n";
}
std::string slept(std::int64_t ms) {
    return "slept " + std::to_string(ms) + " ms\n";
}

std::optional<std::uint64_t> file_size(std::string_view path) {
    constexpr std::string_view prefix = "/file/";
    if (path.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    const auto n = to_u64(path.substr(prefix.size()));
    if (!n || *n > kMaxFileBytes)
        return std::nullopt;
    return n;
}

} // namespace

net::Router make_router() {
    net::Router r;
    r.add_static("/", index_page(), "text/html; charset=utf-8");
    r.add_static("/hello", std::string(kHello), "text/plain; charset=utf-8");
    r.add("/work", [](const net::Request& q) {
        const auto ms = parse_ms(q.query, kMaxWorkMs);
        if (!ms)
            return bad_ms("/work", kMaxWorkMs);
        burn(*ms);
        return net::Response::text(200, worked(*ms));
    });
    r.add("/sleep", [](const net::Request& q) {
        const auto ms = parse_ms(q.query, kMaxSleepMs);
        if (!ms)
            return bad_ms("/sleep", kMaxSleepMs);
        net::Response x = net::Response::text(200, slept(*ms));
        x.delay = std::chrono::milliseconds(*ms);
        return x;
    });
    r.add_prefix("/file/", [](const net::Request& q) {
        const auto n = file_size(q.path);
        if (!n)
            return net::Response::text(400, "/file/N needs N an integer in 0.." +
                                                std::to_string(kMaxFileBytes) + "\n");
        net::Response x;
        x.headers.emplace_back("Content-Type", "application/octet-stream");
        x.body = std::make_shared<net::GeneratedBody>(*n, kFileSeed);
        return x;
    });
    return r;
}

std::string route_help() {
    std::string s;
    for (const Route& r : kRoutes) {
        std::string pattern(r.pattern);
        pattern.resize(std::max<std::size_t>(pattern.size(), 18), ' ');
        s += "  " + pattern + "  " + std::string(r.help) + "\n";
    }
    return s;
}

std::optional<std::string> expected_body(std::string_view target) {
    const auto q = target.find('?');
    const std::string_view path = target.substr(0, q);
    const std::string_view query =
        q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    if (path == "/")
        return index_page();
    if (path == "/hello")
        return std::string(kHello);
    if (path == "/work")
        if (auto ms = parse_ms(query, kMaxWorkMs))
            return worked(*ms);
    if (path == "/sleep")
        if (auto ms = parse_ms(query, kMaxSleepMs))
            return slept(*ms);
    if (auto n = file_size(path)) {
        std::string s(*n, '\0');
        net::GeneratedBody(*n, kFileSeed).read(0, s.data(), s.size());
        return s;
    }
    return std::nullopt;
}

std::string work_target(bool cpu, std::int64_t work_ms) {
    if (work_ms <= 0)
        return "/hello";
    return (cpu ? "/work?ms=" : "/sleep?ms=") + std::to_string(work_ms);
}

} // namespace il::webserver
