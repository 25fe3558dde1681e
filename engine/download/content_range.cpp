#include "download/content_range.h"

#include <charconv>

namespace il::download {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Digits only (no sign, no spaces inside), and no overflow.
std::optional<std::uint64_t> number(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9')
            return std::nullopt;
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

std::optional<ContentRange> parse_content_range(std::string_view value) {
    value = trim(value);
    constexpr std::string_view unit = "bytes";
    if (value.size() <= unit.size() || !net::iequals(value.substr(0, unit.size()), unit) ||
        (value[unit.size()] != ' ' && value[unit.size()] != '\t'))
        return std::nullopt;
    const std::string_view spec = trim(value.substr(unit.size()));
    const auto slash = spec.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    const std::string_view range = spec.substr(0, slash);
    const std::string_view total_text = spec.substr(slash + 1);

    ContentRange r;
    if (total_text != "*") {
        r.total = number(total_text);
        if (!r.total)
            return std::nullopt;
    }
    if (range == "*") { // "bytes */N": the size of a range that could not be served
        if (!r.total)
            return std::nullopt;
        r.kind = ContentRange::Kind::Unsatisfiable;
        return r;
    }
    const auto dash = range.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const auto first = number(range.substr(0, dash));
    const auto last = number(range.substr(dash + 1));
    if (!first || !last || *last < *first)
        return std::nullopt;
    if (r.total && *last >= *r.total)
        return std::nullopt;
    r.first = *first;
    r.last = *last;
    return r;
}

bool accepts_byte_ranges(const net::Headers& headers) {
    for (const auto& [name, value] : headers) {
        if (!net::iequals(name, "Accept-Ranges"))
            continue;
        std::string_view list = value;
        while (!list.empty()) {
            const auto comma = list.find(',');
            if (net::iequals(trim(list.substr(0, comma)), "bytes"))
                return true;
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        }
    }
    return false;
}

std::optional<std::uint64_t> content_length(const net::Headers& headers) {
    std::optional<std::uint64_t> found;
    for (const auto& [name, value] : headers) {
        if (!net::iequals(name, "Content-Length"))
            continue;
        // "Content-Length: 5, 5" is allowed when the values agree.
        std::string_view list = value;
        do {
            const auto comma = list.find(',');
            const auto n = number(trim(list.substr(0, comma)));
            if (!n || (found && *found != *n))
                return std::nullopt;
            found = n;
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        } while (!list.empty());
    }
    return found;
}

} // namespace il::download
