// A blocking HTTP/1.1 client for lanes (threads): what urllib / requests are
// to a Python thread. GET and HEAD (any method, really) with the caller's
// headers (Range, ...), keep-alive reuse of one connection per host and
// port, Content-Length, chunked and read-until-close bodies (http-parser), a
// per-step timeout, and cancellation: when the session stops, a blocked call
// throws il::Cancelled at once.
//
// Recorded on the calling lane: each request is one WaitBegin(Io)..WaitEnd
// span on the connection's Socket object (ObjectKind::Socket, one per TCP
// connection, named after the server and the connection's number), ending
// Ok, Timeout or Cancelled.
//
// Errors: UrlError (not an absolute http:// URL), ConnectionRefusedError,
// ConnectionError (reset, closed early), ProtocolError (not HTTP, too big),
// il::TimeoutError, il::Cancelled. Any HTTP status is a reply, not an error.
// Not thread-safe: one client per lane (make one in each thread).
#pragma once

#include "net/client_options.h"
#include "net/message.h"
#include "run/session.h"
#include "trace/record.h"

#include <memory>
#include <string_view>

namespace il::net {

class HttpClient {
public:
    explicit HttpClient(Session& session, ClientOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    ClientResponse get(std::string_view url, const Headers& headers = {}, BodySink sink = {});
    ClientResponse head(std::string_view url, const Headers& headers = {});
    ClientResponse request(std::string_view method, std::string_view url,
                           const Headers& headers = {}, BodySink sink = {});

    // Closes the kept-alive connections.
    void close();
    // TCP connections opened so far (keep-alive reuse keeps this low).
    std::uint64_t connections_opened() const;
    // The Socket object the latest request waited on (0 before any).
    trace::ObjectId last_socket() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace il::net
