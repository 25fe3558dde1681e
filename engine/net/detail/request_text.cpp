#include "net/detail/request_text.h"

#include "net/errors.h"

namespace il::net::detail {

namespace {

bool has_line_break(std::string_view s) {
    return s.find_first_of("\r\n") != std::string_view::npos;
}

} // namespace

void check_method(std::string_view method) {
    if (method.empty())
        throw il::ValueError("an HTTP method is needed (GET, HEAD, ...)");
    for (char c : method)
        if (c < 'A' || c > 'Z')
            throw il::ValueError("bad HTTP method '" + std::string(method) +
                                 "': upper-case letters only (GET, HEAD, ...)");
}

std::string request_text(std::string_view method, const Url& url, const Headers& headers,
                         bool keep_alive) {
    std::string s;
    s.reserve(256);
    s.append(method).append(" ").append(url.target()).append(" HTTP/1.1\r\n");
    bool host = false, agent = false;
    std::string extra;
    for (const auto& [k, v] : headers) {
        if (has_line_break(k) || has_line_break(v) || k.empty())
            throw il::ValueError("bad header '" + k + "': names and values must be one line");
        if (iequals(k, "Connection"))
            continue; // the client decides, from its keep_alive option
        host = host || iequals(k, "Host");
        agent = agent || iequals(k, "User-Agent");
        extra.append(k).append(": ").append(v).append("\r\n");
    }
    if (!host)
        s.append("Host: ").append(url.authority()).append("\r\n");
    if (!agent)
        s.append("User-Agent: interleave\r\n");
    s.append(extra);
    s.append(keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    s.append("\r\n");
    return s;
}

} // namespace il::net::detail
