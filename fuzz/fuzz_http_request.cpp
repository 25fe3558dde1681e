// fuzz_http_request: what every web-server model does with the bytes a
// client sends. Two layers, both sans-I/O:
//  1. net::RequestParser alone, fed the input in chunks (requests arrive in
//     pieces, several may be pipelined in one read): it must consume what it
//     is given unless a request completed or failed, and a failure must be
//     400, 413, 431 or 505 with a reason.
//  2. The web server's per-connection code (webserver::detail::Conversation:
//     parser -> the project's router -> net::prepare -> ReplyBytes), the
//     same bytes in the same chunks: a malformed request gets a 4xx (or 505)
//     and closes the connection; no reply is a 500 (a handler that threw);
//     a reply's byte range lies inside its body.
// Input: byte 0 is the chunk size (1..255; 0: all at once), byte 1's low
// bit picks small parser limits (so 413 and 431 are reachable), the rest is
// what the client sent.
#include "fuzz_check.h"

#include "net/exchange.h"
#include "net/request_parser.h"
#include "run/session.h"
#include "webserver/detail/core.h"
#include "webserver/handler.h"

#include <algorithm>
#include <memory>

namespace il::fuzz::http {

bool refusal_status(int s) {
    return s == 400 || s == 413 || s == 431 || s == 505;
}

// The project's routes, except that /work?ms=N burns at most 1 ms here
// (the real handler still parses N): one input must stay fast.
net::Router router() {
    net::Router r = webserver::make_router();
    auto real = std::make_shared<const net::Router>(webserver::make_router());
    r.add("/work", [real](const net::Request& q) {
        net::Request capped = q;
        if (auto body = webserver::expected_body("/work?" + q.query);
            body && *body != "worked 0 ms\n")
            capped.query = "ms=1";
        return real->handle(capped);
    });
    return r;
}

net::ParserLimits limits(bool small) {
    return small ? net::ParserLimits{256, 512} : net::ParserLimits{};
}

void parser_alone(std::string_view input, std::size_t chunk, bool small) {
    net::RequestParser parser(limits(small));
    std::string pending;
    std::size_t completed = 0;
    for (std::size_t at = 0; at < input.size(); at += chunk) {
        pending.append(input.substr(at, chunk));
        while (!pending.empty()) {
            const std::size_t used = parser.feed(pending.data(), pending.size());
            require(used <= pending.size(), "feed used more bytes than it was given");
            pending.erase(0, used);
            const auto state = parser.state();
            if (state == net::RequestParser::State::Error) {
                require(refusal_status(parser.error_status()),
                        "parser error status " + std::to_string(parser.error_status()));
                require(!parser.error_text().empty(), "a parser error without a reason");
                return;
            }
            if (state == net::RequestParser::State::NeedMore) {
                require(pending.empty(), "the parser wants more but left bytes unread");
                break;
            }
            const net::Request r = parser.take();
            require(parser.state() == net::RequestParser::State::NeedMore && !parser.in_progress(),
                    "take() did not reset the parser");
            require(!r.method.empty() && !r.path.empty(),
                    "a completed request without a method or path");
            require(r.body.size() <= limits(small).max_body_bytes, "a body over the limit");
            require(++completed <= input.size(), "more requests than bytes: the parser loops");
        }
    }
}

webserver::ServerOptions small_options() {
    webserver::ServerOptions o;
    o.limits = limits(true);
    return o;
}

void conversation(std::string_view input, std::size_t chunk, bool small) {
    static Session session;
    static webserver::detail::Core core_default(session, router(), {}, 8080);
    static webserver::detail::Core core_small(session, router(), small_options(), 8080);
    webserver::detail::Conversation conv(small ? core_small : core_default, 1);
    bool closed = false;
    std::string piece;
    for (std::size_t at = 0; at < input.size() && !closed; at += chunk) {
        conv.received(input.data() + at, std::min(chunk, input.size() - at));
        while (auto reply = conv.next(true)) {
            const net::Prepared& p = reply->prepared;
            const std::string status = std::to_string(p.status);
            require(p.head.rfind("HTTP/1.1 " + status + " ", 0) == 0 &&
                        p.head.ends_with("\r\n\r\n"),
                    "a reply head that is not a status line and headers: " + p.head.substr(0, 40));
            if (reply->bad) {
                require(refusal_status(p.status), "a malformed request answered with " + status);
                require(!p.keep_alive, "a refused request keeps the connection open");
            } else {
                require(p.status != 500, "a handler failed: " + reply->target);
                require(p.status >= 200 && p.status < 500,
                        "status " + status + " for " + reply->target);
            }
            require(p.head_only ? p.length == 0
                                : (p.body ? p.offset <= p.body->size() &&
                                                p.length <= p.body->size() - p.offset
                                          : p.length == 0),
                    "a reply's range lies outside its body");
            // The first pieces of the bytes sent (a /file/N body may be 64 MiB).
            webserver::detail::ReplyBytes bytes(p);
            for (int i = 0; i < 3 && bytes.next(piece); ++i)
                require(!piece.empty(), "an empty piece of a reply");
            conv.done(*reply, true);
            if (reply->bad)
                require(!conv.next(true), "a reply after a refused request");
            if (!p.keep_alive) {
                closed = true; // the server closes: what follows is never read
                break;
            }
        }
    }
}

} // namespace il::fuzz::http

extern "C" int FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
    il::fuzz::Input in(data, size);
    std::size_t chunk = in.byte();
    const bool small = in.byte() & 1;
    const std::string_view rest = in.rest();
    if (chunk == 0)
        chunk = std::max<std::size_t>(rest.size(), 1);
    il::fuzz::http::parser_alone(rest, chunk, small);
    il::fuzz::http::conversation(rest, chunk, small);
    return 0;
}
