// An incremental HTTP/1.x response parser on http-parser, for both clients:
// Content-Length, chunked and read-until-close bodies, HEAD replies (no
// body), limits on the head and the body. One per response; not thread-safe.
#pragma once

#include "net/client_options.h"
#include "net/message.h"

#include <memory>
#include <string>

namespace il::net::detail {

class ResponseParser {
public:
    enum class State { NeedMore, Complete, Error };

    // `head_request`: the reply has no body whatever its headers say.
    ResponseParser(bool head_request, const ClientOptions& options, BodySink sink);
    ~ResponseParser();
    ResponseParser(const ResponseParser&) = delete;
    ResponseParser& operator=(const ResponseParser&) = delete;

    // Parses up to n bytes; returns how many were used.
    std::size_t feed(const char* data, std::size_t n);
    // The peer closed the connection: ends a read-until-close body, or makes
    // an incomplete reply an Error.
    void feed_eof();
    State state() const;
    const std::string& error() const;
    bool got_bytes() const;    // any byte of the reply arrived
    bool closed_early() const; // the Error is a connection closed before the reply's end
    ClientResponse take();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace il::net::detail
