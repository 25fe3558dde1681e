#include "net/url.h"

#include "net/errors.h"

#include <http_parser.h>

#include <cctype>
#include <vector>

namespace il::net {

namespace {

std::string field(std::string_view text, const http_parser_url& u, int f) {
    if (!(u.field_set & (1u << f)))
        return {};
    return std::string(text.substr(u.field_data[f].off, u.field_data[f].len));
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

[[noreturn]] void bad_url(std::string_view text, std::string_view why) {
    throw UrlError("bad URL '" + std::string(text) + "': " + std::string(why) +
                   "; allowed: http://host[:port][/path][?query]");
}

// RFC 3986 section 5.2.4: removes "." and ".." segments of an absolute path.
std::string remove_dot_segments(std::string_view path) {
    std::vector<std::string_view> out;
    bool dir = false; // the result ends with '/' (a last "." or "..")
    std::size_t i = (!path.empty() && path[0] == '/') ? 1 : 0;
    for (;;) {
        const std::size_t j = path.find('/', i);
        const bool last = j == std::string_view::npos;
        const std::string_view seg = path.substr(i, last ? std::string_view::npos : j - i);
        if (seg == "." || seg == "..") {
            if (seg == ".." && !out.empty())
                out.pop_back();
            dir = last;
        } else {
            out.push_back(seg);
            dir = false;
        }
        if (last)
            break;
        i = j + 1;
    }
    std::string result;
    for (std::string_view s : out) {
        result += '/';
        result += s;
    }
    if (result.empty() || dir)
        result += '/';
    return result;
}

// The scheme of a reference ("mailto" of "mailto:x"), empty if it has none.
std::string_view scheme_of(std::string_view ref) {
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const char c = ref[i];
        if (c == ':')
            return i == 0 ? std::string_view{} : ref.substr(0, i);
        const bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
                        (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' ||
                                   c == '-' || c == '.'));
        if (!ok)
            return {};
    }
    return {};
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

// Why http_parser refused `text`, in the user's terms: the scheme, the host
// or the port, when one of those is what is wrong.
std::string why_not_absolute(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
            return "it contains a space or a control character (write a space as %20)";
    const std::size_t sep = text.find("://");
    if (sep == std::string_view::npos || sep == 0)
        return "it is not an absolute URL (it does not begin with http://)";
    const std::string scheme = lower(std::string(text.substr(0, sep)));
    if (scheme != "http")
        return "scheme '" + scheme + "' is not supported (http only)";
    std::string_view rest = text.substr(sep + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.empty())
        return "it names no host";
    const std::size_t close = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        const std::string port(authority.substr(colon + 1));
        bool digits = !port.empty();
        for (char c : port)
            digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (!digits)
            return "port '" + port + "' is not a number (1..65535)";
        if (port.size() > 5 || std::stoul(port) > 65535)
            return "port " + port + " is out of range (1..65535)";
        if (colon == 0)
            return "it names no host";
    }
    return "it is not an absolute URL";
}

} // namespace

std::string Url::target() const {
    return query.empty() ? path : path + "?" + query;
}

std::string Url::authority() const {
    const bool v6 = host.find(':') != std::string::npos;
    std::string h = v6 ? "[" + host + "]" : host;
    return port == 80 ? h : h + ":" + std::to_string(port);
}

std::string Url::origin() const {
    return scheme + "://" + authority();
}

Url parse_url(std::string_view text) {
    if (text.empty())
        bad_url(text, "it is empty");
    http_parser_url u;
    http_parser_url_init(&u);
    if (http_parser_parse_url(text.data(), text.size(), 0, &u) != 0)
        bad_url(text, why_not_absolute(text));
    Url url;
    url.scheme = lower(field(text, u, UF_SCHEMA));
    if (url.scheme != "http")
        bad_url(text, url.scheme.empty()
                          ? "it names no scheme"
                          : "scheme '" + url.scheme + "' is not supported (http only)");
    if (u.field_set & (1u << UF_USERINFO))
        bad_url(text, "user info is not supported");
    url.host = lower(field(text, u, UF_HOST));
    if (url.host.empty())
        bad_url(text, "it names no host");
    if (u.field_set & (1u << UF_PORT)) {
        if (u.port == 0)
            bad_url(text, "port 0 cannot be fetched");
        url.port = u.port;
    }
    url.path = field(text, u, UF_PATH);
    if (url.path.empty())
        url.path = "/";
    url.query = field(text, u, UF_QUERY);
    return url;
}

std::optional<Url> resolve(const Url& base, std::string_view raw) {
    std::string ref = trim(raw);
    if (auto hash = ref.find('#'); hash != std::string::npos)
        ref.erase(hash);
    const std::string_view scheme = scheme_of(ref);
    try {
        if (!scheme.empty()) {
            if (lower(std::string(scheme)) != "http")
                return std::nullopt;
            Url u = parse_url(ref);
            u.path = remove_dot_segments(u.path);
            return u;
        }
        if (ref.rfind("//", 0) == 0) {
            Url u = parse_url(base.scheme + ":" + ref);
            u.path = remove_dot_segments(u.path);
            return u;
        }
    } catch (const UrlError&) {
        return std::nullopt;
    }
    Url u = base;
    if (ref.empty())
        return u;
    std::string path = ref;
    std::string query;
    if (auto q = ref.find('?'); q != std::string::npos) {
        path = ref.substr(0, q);
        query = ref.substr(q + 1);
    }
    if (path.empty()) { // "?x": same path, new query
        u.query = query;
        return u;
    }
    if (path.front() != '/') // merge with the base's directory
        path = base.path.substr(0, base.path.rfind('/') + 1) + path;
    u.path = remove_dot_segments(path);
    u.query = query;
    return u;
}

} // namespace il::net
