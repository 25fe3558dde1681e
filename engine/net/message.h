// HTTP messages as plain values: headers, the request a server received,
// the response a handler returns (its body a shared, read-only Body that may
// be generated on the fly, so a 64 MB file costs no memory), and the reply a
// client received. Values are thread-compatible; a Body is immutable and may
// be read from any number of threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace il::net {

// In arrival order; names compare case-insensitively (find_header).
using Headers = std::vector<std::pair<std::string, std::string>>;

// The first header named `name` (any case), or nullopt.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);
bool iequals(std::string_view a, std::string_view b);

struct Request {
    std::string method; // "GET", "HEAD", ...
    std::string target; // as sent: "/pages/p1.html?x=1"
    std::string path;   // "/pages/p1.html"
    std::string query;  // "x=1" (without '?'), empty if none
    int version_major = 1;
    int version_minor = 1;
    Headers headers;
    std::string body;
    bool keep_alive = true; // what the client asked for (HTTP/1.1 default, Connection header)
    // Filled by the server that received it: "http://127.0.0.1:PORT", so a
    // handler can write absolute links to itself.
    std::string origin;

    std::optional<std::string_view> header(std::string_view name) const {
        return find_header(headers, name);
    }
};

// A response body: its size and its bytes at any offset (Range requests and
// bandwidth-limited sending read it piecewise).
class Body {
public:
    virtual ~Body() = default;
    virtual std::uint64_t size() const = 0;
    // Copies bytes [offset, offset + n) into out; the caller keeps offset + n <= size().
    virtual void read(std::uint64_t offset, char* out, std::size_t n) const = 0;
};

std::shared_ptr<const Body> string_body(std::string bytes);

// `size` bytes whose value depends only on (seed, offset): a large file for
// downloads that needs no memory and whose checksum anyone can recompute.
class GeneratedBody final : public Body {
public:
    GeneratedBody(std::uint64_t size, std::uint64_t seed) : size_(size), seed_(seed) {}
    std::uint64_t size() const override { return size_; }
    void read(std::uint64_t offset, char* out, std::size_t n) const override;
    static char byte_at(std::uint64_t seed, std::uint64_t offset);

private:
    std::uint64_t size_;
    std::uint64_t seed_;
};

// What a handler answers. The server adds Content-Length, Date-free framing,
// Connection, and applies HEAD and Range (exchange.h).
struct Response {
    int status = 200;
    Headers headers; // e.g. Content-Type; framing headers are the server's
    std::shared_ptr<const Body> body;
    bool accept_ranges =
        true; // false: Range is ignored and no Accept-Ranges (a server without Range support)
    bool chunked = false; // send with Transfer-Encoding: chunked instead of Content-Length
    std::chrono::nanoseconds delay{0}; // extra latency for this response, on top of the server's
    // Failure injection: close the connection after this many body bytes.
    std::optional<std::uint64_t> drop_after;

    static Response text(int status, std::string body,
                         std::string content_type = "text/plain; charset=utf-8");
    static Response html(std::string body) {
        return text(200, std::move(body), "text/html; charset=utf-8");
    }
};

// The standard reason phrase ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

// What a client received.
struct ClientResponse {
    int status = 0;
    std::string reason;
    Headers headers;
    std::string body;             // empty when a body sink took the bytes
    std::uint64_t body_bytes = 0; // bytes of body received (also with a sink)
    bool keep_alive = false;      // the connection may be reused
    bool chunked = false;         // the body came with Transfer-Encoding: chunked

    std::optional<std::string_view> header(std::string_view name) const {
        return find_header(headers, name);
    }
};

} // namespace il::net
