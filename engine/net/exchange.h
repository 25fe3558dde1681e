// From a handler's Response to the bytes a server sends: HEAD (headers
// only), single byte ranges (206 with Content-Range; 416 when unsatisfiable;
// several ranges get the whole body with 200, as RFC 9110 allows), framing
// (Content-Length or chunked) and Connection. Shared by every server model.
// Pure functions, thread-safe.
#pragma once

#include "net/message.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace il::net {

// A response ready to send: its head and which slice of the body follows.
struct Prepared {
    int status = 200;
    std::string head; // status line, headers, blank line
    std::shared_ptr<const Body> body;
    std::uint64_t offset = 0; // first body byte to send
    std::uint64_t length = 0; // body bytes to send (0 for HEAD)
    bool chunked = false;
    bool head_only = false; // HEAD: the head is all that is sent
    bool keep_alive = true; // the connection stays open after this response
    std::chrono::nanoseconds delay{0};
    std::optional<std::uint64_t> drop_after;
};

// `keep_alive`: the server is willing to keep the connection (false while
// stopping); the request's own wish is combined with it.
Prepared prepare(const Request& request, Response response, bool keep_alive);

// An error answer to a request that could not be parsed (400, 413, 431, ...):
// always closes the connection.
Prepared prepare_error(int status, const std::string& why);

// A byte range of a body of `size` bytes: [first, first + length).
struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t length = 0;
};
enum class RangeKind { None, Single, Unsatisfiable };
// Reads a Range header value ("bytes=0-99", "bytes=100-", "bytes=-50").
// Malformed values and several ranges give None (answer the whole body).
RangeKind parse_range(std::string_view value, std::uint64_t size, ByteRange& out);

// Chunked transfer coding, for the servers that frame a body of unknown
// size: the line that opens a chunk of `n` bytes ("1a2f\r\n"), and the last
// chunk (no trailers).
std::string chunk_size_line(std::size_t n);
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

} // namespace il::net
