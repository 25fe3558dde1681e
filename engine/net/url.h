// URLs for the loopback clients and the crawler: parsing with http-parser's
// http_parser_parse_url (absolute http:// URLs only) and resolving a link
// found in a page against the page's URL (RFC 3986: relative paths, "..",
// "//host", fragments dropped). Plain values, thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace il::net {

struct Url {
    std::string scheme = "http";
    std::string host;        // "127.0.0.1", "localhost", "::1" (no brackets)
    std::uint16_t port = 80; // 80 when the URL names none
    std::string path = "/";  // never empty
    std::string query;       // without '?'; empty when none

    // "/path?query": what a request line names.
    std::string target() const;
    // "http://host:port" (":80" left out): two URLs on the same server have the same origin.
    std::string origin() const;
    // "host:port" for the Host header (":80" left out).
    std::string authority() const;
    std::string text() const { return origin() + target(); }

    friend bool operator==(const Url&, const Url&) = default;
};

// Parses an absolute http:// URL. Throws UrlError naming the URL and what is
// allowed (http://host[:port][/path][?query]; no https, no user info).
Url parse_url(std::string_view text);

// The URL a link `ref` found on page `base` points to, fragment dropped and
// dot segments removed; nullopt for links that are not http (mailto:,
// javascript:, https:, ...) or cannot be parsed.
std::optional<Url> resolve(const Url& base, std::string_view ref);

} // namespace il::net
