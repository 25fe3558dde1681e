// An incremental HTTP/1.x request parser on http-parser, with limits: what
// every server model reads requests with (the loopback server here, and the
// thread / pool / event-loop servers of the web-server project).
//
// Feed it bytes as they arrive; it stops at the end of each request, so
// pipelined requests stay in the caller's buffer for the next round. A
// malformed request ends in Error with status 400, a head larger than
// max_header_bytes with 431, a body larger than max_body_bytes with 413.
// One parser per connection; not thread-safe.
#pragma once

#include "net/message.h"

#include <cstddef>
#include <memory>
#include <string>

namespace il::net {

struct ParserLimits {
    std::size_t max_header_bytes = 8 * 1024; // request line + header lines
    std::size_t max_body_bytes = 1024 * 1024;
};

class RequestParser {
public:
    enum class State { NeedMore, Complete, Error };

    explicit RequestParser(ParserLimits limits = {});
    ~RequestParser();
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    // Parses up to n bytes and returns how many it used: fewer than n when a
    // request completed (the rest belongs to the next one) or on an error.
    std::size_t feed(const char* data, std::size_t n);
    State state() const;
    // Error: the status to answer (400, 413, 431, 505) and why, for the body.
    int error_status() const;
    const std::string& error_text() const;
    // Some bytes of a request arrived but it is not complete: a peer that
    // disconnects now disconnected mid-request.
    bool in_progress() const;
    // The completed request; the parser is then ready for the next one.
    Request take();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace il::net
