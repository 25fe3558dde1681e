#include "net/exchange.h"

#include <charconv>
#include <utility>

namespace il::net {

namespace {

bool parse_u64(std::string_view s, std::uint64_t& out) {
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Framing headers are the server's: a handler's own copies are dropped.
bool is_framing(std::string_view name) {
    return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
           iequals(name, "Connection") || iequals(name, "Content-Range") ||
           iequals(name, "Accept-Ranges");
}

std::string status_line(int status) {
    return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) + "\r\n";
}

} // namespace

RangeKind parse_range(std::string_view value, std::uint64_t size, ByteRange& out) {
    value = trim(value);
    if (value.substr(0, 6) != "bytes=")
        return RangeKind::None;
    std::string_view spec = trim(value.substr(6));
    if (spec.find(',') != std::string_view::npos)
        return RangeKind::None;
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos)
        return RangeKind::None;
    const std::string_view a = trim(spec.substr(0, dash));
    const std::string_view b = trim(spec.substr(dash + 1));
    std::uint64_t first = 0, last = 0;
    if (a.empty()) { // suffix: the last b bytes
        if (!parse_u64(b, last))
            return RangeKind::None;
        if (last == 0 || size == 0)
            return RangeKind::Unsatisfiable;
        out.length = std::min(last, size);
        out.first = size - out.length;
        return RangeKind::Single;
    }
    if (!parse_u64(a, first))
        return RangeKind::None;
    if (b.empty())
        last = size == 0 ? 0 : size - 1;
    else if (!parse_u64(b, last) || last < first)
        return RangeKind::None;
    if (first >= size)
        return RangeKind::Unsatisfiable;
    last = std::min(last, size - 1);
    out.first = first;
    out.length = last - first + 1;
    return RangeKind::Single;
}

Prepared prepare(const Request& request, Response response, bool keep_alive) {
    Prepared p;
    p.keep_alive = keep_alive && request.keep_alive;
    p.delay = response.delay;
    p.drop_after = response.drop_after;
    p.body = response.body;
    const std::uint64_t size = p.body ? p.body->size() : 0;
    p.status = response.status;
    p.length = size;

    std::string extra;
    if (response.accept_ranges && response.status == 200) {
        extra += "Accept-Ranges: bytes\r\n";
        if (auto range = request.header("Range")) {
            ByteRange r;
            switch (parse_range(*range, size, r)) {
            case RangeKind::Single:
                p.status = 206;
                p.offset = r.first;
                p.length = r.length;
                extra += "Content-Range: bytes " + std::to_string(r.first) + "-" +
                         std::to_string(r.first + r.length - 1) + "/" + std::to_string(size) +
                         "\r\n";
                break;
            case RangeKind::Unsatisfiable:
                p.status = 416;
                p.body = string_body("range not satisfiable\n");
                p.offset = 0;
                p.length = p.body->size();
                extra += "Content-Range: bytes */" + std::to_string(size) + "\r\n";
                response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
                break;
            case RangeKind::None:
                break;
            }
        }
    }
    // A 416 is never chunked: its small body is ours, not the handler's.
    p.chunked = response.chunked && p.status != 416 && request.version_minor >= 1;

    std::string head = status_line(p.status);
    for (const auto& [k, v] : response.headers)
        if (!is_framing(k))
            head += k + ": " + v + "\r\n";
    head += extra;
    if (p.chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + std::to_string(p.length) + "\r\n";
    head += p.keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "\r\n";
    p.head = std::move(head);
    if (request.method == "HEAD") {
        p.head_only = true;
        p.length = 0;
    }
    return p;
}

Prepared prepare_error(int status, const std::string& why) {
    Prepared p;
    p.status = status;
    p.keep_alive = false;
    p.body = string_body(why + "\n");
    p.length = p.body->size();
    p.head = status_line(status) + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
             std::to_string(p.length) + "\r\nConnection: close\r\n\r\n";
    return p;
}

std::string chunk_size_line(std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    do {
        s.insert(s.begin(), digits[n % 16]);
        n /= 16;
    } while (n);
    return s + "\r\n";
}

} // namespace il::net
