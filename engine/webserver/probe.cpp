#include "webserver/probe.h"

#include "webserver/detail/raw_client.h"

namespace il::webserver {

ProbeResult probe(Session& session, std::uint16_t port, std::string_view bytes, bool wait_for_close,
                  std::chrono::nanoseconds timeout) {
    detail::Wakeups wake(session);
    detail::RawClient client(session, wake, port, "probe");
    ProbeResult r;
    if (!client.send(bytes)) {
        // The server may refuse before reading it all: its reply still counts.
    }
    if (auto reply = client.read_reply(timeout, r.error))
        r.status = reply->status;
    if (r.status != 0 && wait_for_close)
        r.closed = client.closed_by_peer(timeout);
    return r;
}

std::string malformed_request() {
    return "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nthis line has no colon\r\n\r\n";
}

std::string oversized_head_request(const net::ParserLimits& limits) {
    return "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " +
           std::string(limits.max_header_bytes + 1, 'x') + "\r\n\r\n";
}

std::string oversized_body_request(const net::ParserLimits& limits) {
    return "POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
           std::to_string(limits.max_body_bytes + 1) + "\r\n\r\n";
}

} // namespace il::webserver
