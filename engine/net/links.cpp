#include "net/links.h"

#include <cctype>

namespace il::net {

namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Case-insensitive: does `s` continue with `word` at `i`?
bool at(std::string_view s, std::size_t i, std::string_view word) {
    if (i + word.size() > s.size())
        return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(s[i + k]) != word[k])
            return false;
    return true;
}

std::string decode_entities(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '&' && at(v, i, "&amp;")) {
            out += '&';
            i += 4;
        } else {
            out += v[i];
        }
    }
    return out;
}

} // namespace

std::vector<std::string> extract_links(std::string_view html) {
    std::vector<std::string> links;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        if (at(html, i, "<!--")) { // comments hide their links
            const std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos)
                break;
            i = end + 3;
            continue;
        }
        const std::size_t tag_end = html.find('>', i);
        if (tag_end == std::string_view::npos)
            break;
        if (!(at(html, i, "<a") && i + 2 < html.size() && space(html[i + 2]))) {
            i = tag_end;
            continue;
        }
        // Attributes of this <a ...> tag: name[=value] pairs.
        std::size_t k = i + 2;
        while (k < tag_end) {
            while (k < tag_end && space(html[k]))
                ++k;
            const std::size_t name_start = k;
            while (k < tag_end && !space(html[k]) && html[k] != '=' && html[k] != '/')
                ++k;
            const std::string_view name = html.substr(name_start, k - name_start);
            if (name.empty()) {
                ++k;
                continue;
            }
            while (k < tag_end && space(html[k]))
                ++k;
            if (k >= tag_end || html[k] != '=')
                continue;
            ++k;
            while (k < tag_end && space(html[k]))
                ++k;
            std::string_view value;
            if (k < tag_end && (html[k] == '"' || html[k] == '\'')) {
                const char q = html[k];
                const std::size_t close = html.find(q, k + 1);
                if (close == std::string_view::npos || close > tag_end)
                    break;
                value = html.substr(k + 1, close - k - 1);
                k = close + 1;
            } else {
                const std::size_t start = k;
                while (k < tag_end && !space(html[k]))
                    ++k;
                value = html.substr(start, k - start);
            }
            if (name.size() == 4 && at(name, 0, "href")) {
                links.push_back(decode_entities(value));
                break;
            }
        }
        i = tag_end;
    }
    return links;
}

} // namespace il::net
