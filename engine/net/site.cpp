#include "net/site.h"

#include "net/links.h"
#include "net/url.h"
#include "run/errors.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace il::net {

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kBinary = "application/octet-stream";
constexpr std::string_view kResource = "/files/data.bin";
constexpr std::size_t kResourceBytes = 4096;
// Where reachability is computed: any origin gives the same answer.
constexpr std::string_view kProbeOrigin = "http://site.invalid:8080";

// splitmix64: small, fast and the same on every platform (unlike std's distributions).
struct Rng {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int below(int n) {
        return n <= 0 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(n));
    }
};

std::string main_path(int i) {
    return "/pages/p" + std::to_string(i) + ".html";
}
std::string chain_path(int k) {
    return "/deep/level" + std::to_string(k) + "/page.html";
}

// Replaces the origin placeholders: {origin}, {other-host} (the same port
// under another host name) and {other-port} (the same host, next port).
std::string expand(std::string_view href, std::string_view origin) {
    std::size_t colon = origin.rfind(':');
    const bool has_port = colon != std::string_view::npos && colon > origin.find("://");
    if (!has_port)
        colon = origin.size();
    const std::string_view scheme_host = origin.substr(0, colon);
    const int port = has_port ? std::stoi(std::string(origin.substr(colon + 1))) : 80;
    const bool loopback = scheme_host == "http://127.0.0.1";
    const std::string other_host = std::string(loopback ? "http://localhost" : "http://127.0.0.1") +
                                   ":" + std::to_string(port);
    const std::string other_port = std::string(scheme_host) + ":" + std::to_string(port + 1);
    std::string out(href);
    auto replace = [&](std::string_view key, const std::string& value) {
        for (std::size_t p; (p = out.find(key)) != std::string::npos;)
            out.replace(p, key.size(), value);
    };
    replace("{origin}", std::string(origin));
    replace("{other-host}", other_host);
    replace("{other-port}", other_port);
    return out;
}

const char* const kWords[] = {"thread", "lock",  "queue",  "event", "loop",    "task",
                              "socket", "await", "future", "pool",  "process", "signal"};

} // namespace

struct Site::Data {
    SiteOptions options;
    struct Node {
        std::string title;
        std::string text;               // a paragraph of filler
        std::vector<std::string> hrefs; // with origin placeholders
    };
    std::map<std::string, Node, std::less<>> pages; // HTML pages by path
    std::string resource;                           // the bytes at kResource
    std::vector<std::string> reachable, broken, unreachable;
    std::size_t external = 0;

    const Node* page(std::string_view path) const {
        auto it = pages.find(path);
        return it == pages.end() ? nullptr : &it->second;
    }

    std::string render_page(const Node& n, std::string_view origin) const {
        std::string s = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + n.title +
                        "</title></head>\n<body>\n<h1>" + n.title + "</h1>\n<p>" + n.text +
                        "</p>\n<ul>\n";
        for (std::size_t i = 0; i < n.hrefs.size(); ++i) {
            const std::string href = expand(n.hrefs[i], origin);
            // Some links in other spellings: the crawler reads HTML as found in the wild.
            if (i % 5 == 3)
                s += "<li><A class=\"x\" HREF='" + href + "'>link " + std::to_string(i) +
                     "</A></li>\n";
            else
                s += "<li><a href=\"" + href + "\">link " + std::to_string(i) + "</a></li>\n";
        }
        s += "</ul>\n<!-- <a href=\"/commented-out.html\">not a link</a> -->\n</body></html>\n";
        return s;
    }
};

Site::Site(SiteOptions options) {
    if (options.pages < 1 || options.pages > 10000)
        throw il::ValueError("site pages must be in 1..10000, not " +
                             std::to_string(options.pages));
    auto d = std::make_shared<Data>();
    d->options = options;
    Rng rng{options.seed * 0x2545f4914f6cdd1dull + 7};
    const int P = options.pages;
    const int K = P >= 10 ? 3 : 0; // the deep chain
    const int O = P >= 8 ? 1 : 0;  // the orphan
    const int M = P - 1 - K - O;   // ordinary pages p1..pM

    auto filler = [&] {
        std::string t;
        const int n = 12 + rng.below(30);
        for (int w = 0; w < n; ++w)
            t += std::string(w ? " " : "") + kWords[rng.below(12)];
        return t;
    };
    // A link from an ordinary page to p{j}, in one of several spellings.
    auto to_main = [&](int j) {
        const std::string f = "p" + std::to_string(j) + ".html";
        switch (rng.below(6)) {
        case 0:
            return f;
        case 1:
            return "./" + f;
        case 2:
            return "../pages/" + f;
        case 3:
            return main_path(j);
        case 4:
            return "{origin}" + main_path(j);
        default:
            return f + "#part" + std::to_string(rng.below(3));
        }
    };

    Data::Node& root = d->pages["/"];
    root.title = "Home";
    root.text = filler();
    for (int j = 1; j <= std::min(M, 4); ++j)
        root.hrefs.push_back("pages/p" + std::to_string(j) + ".html");
    root.hrefs.push_back(std::string(kResource).substr(1));
    root.hrefs.push_back("#top");
    root.hrefs.push_back("mailto:webmaster@example.com");

    for (int i = 1; i <= M; ++i) {
        Data::Node& n = d->pages[main_path(i)];
        n.title = "Page " + std::to_string(i);
        n.text = filler();
        for (int j : {2 * i, 2 * i + 1}) // a tree: every ordinary page is reachable
            if (j <= M)
                n.hrefs.push_back(to_main(j));
        for (int extra = rng.below(3); extra > 0; --extra)
            n.hrefs.push_back(to_main(1 + rng.below(M)));
        switch (rng.below(3)) { // home again: cycles
        case 0:
            n.hrefs.push_back("../");
            break;
        case 1:
            n.hrefs.push_back("/");
            break;
        default:
            n.hrefs.push_back("{origin}/");
            break;
        }
    }
    if (M >= 1) // p_M -> p1 closes a longer cycle
        d->pages[main_path(M)].hrefs.push_back(to_main(1));

    // The deep chain: only its entry is linked from an ordinary page.
    if (K > 0) {
        d->pages[main_path(M)].hrefs.push_back(chain_path(1));
        for (int k = 1; k <= K; ++k) {
            Data::Node& n = d->pages[chain_path(k)];
            n.title = "Deep " + std::to_string(k);
            n.text = filler();
            n.hrefs.push_back(k < K ? "../level" + std::to_string(k + 1) + "/page.html"
                                    : "{origin}/");
        }
    }
    if (O > 0) {
        Data::Node& n = d->pages["/pages/orphan.html"];
        n.title = "Orphan";
        n.text = filler();
        n.hrefs = {"p1.html", "/missing/orphan-only.html"};
    }
    // Broken and external links, scattered over ordinary pages (the home page if none).
    auto some_page = [&]() -> Data::Node& {
        return M >= 1 ? d->pages[main_path(1 + rng.below(M))] : d->pages["/"];
    };
    const int broken = std::max(1, P / 8);
    for (int b = 1; b <= broken; ++b) {
        const std::string p = "/missing/m" + std::to_string(b) + ".html";
        some_page().hrefs.push_back(b % 2 ? p : "{origin}" + p);
    }
    const int external = std::max(1, P / 6);
    for (int e = 0; e < external; ++e) {
        const std::string n = std::to_string(e);
        static const char* const forms[] = {"http://example.com/e", "https://example.org/s",
                                            "{other-host}/pages/p", "{other-port}/x",
                                            "//example.net/n"};
        some_page().hrefs.push_back(forms[e % 5] + n + ".html");
    }
    d->resource.resize(kResourceBytes);
    GeneratedBody(kResourceBytes, options.seed).read(0, d->resource.data(), kResourceBytes);

    // The answer: breadth-first over same-origin links from "/".
    const Url probe = parse_url(kProbeOrigin);
    std::set<std::string> seen{"/"}, broken_set;
    std::deque<std::string> todo{"/"};
    while (!todo.empty()) {
        const std::string path = todo.front();
        todo.pop_front();
        const Data::Node* n = d->page(path);
        if (!n)
            continue; // the resource: no links
        Url base = probe;
        base.path = path;
        for (const std::string& href : extract_links(d->render_page(*n, kProbeOrigin))) {
            const std::optional<Url> u = resolve(base, href);
            if (!u || u->origin() != probe.origin()) {
                ++d->external;
                continue;
            }
            if (!seen.insert(u->path).second)
                continue;
            if (d->page(u->path) || u->path == kResource)
                todo.push_back(u->path);
            else
                broken_set.insert(u->path);
        }
    }
    for (const std::string& p : seen)
        if (!broken_set.count(p))
            d->reachable.push_back(p);
    d->broken.assign(broken_set.begin(), broken_set.end());
    for (const auto& [p, n] : d->pages)
        if (!seen.count(p))
            d->unreachable.push_back(p);
    data_ = std::move(d);
}

const SiteOptions& Site::options() const {
    return data_->options;
}

std::vector<std::string> Site::paths() const {
    std::vector<std::string> v;
    for (const auto& [p, n] : data_->pages)
        v.push_back(p);
    v.emplace_back(kResource);
    std::sort(v.begin(), v.end());
    return v;
}

bool Site::serves(std::string_view path) const {
    return data_->page(path) || path == kResource;
}

std::string Site::render(std::string_view path, std::string_view origin) const {
    if (path == kResource)
        return data_->resource;
    const Data::Node* n = data_->page(path);
    if (!n)
        throw il::ValueError("the site has no page at '" + std::string(path) + "'");
    return data_->render_page(*n, origin);
}

std::string Site::content_type(std::string_view path) const {
    return std::string(path == kResource ? kBinary : kHtml);
}

const std::vector<std::string>& Site::reachable() const {
    return data_->reachable;
}
const std::vector<std::string>& Site::broken() const {
    return data_->broken;
}
const std::vector<std::string>& Site::unreachable() const {
    return data_->unreachable;
}
std::size_t Site::external_links() const {
    return data_->external;
}

std::uint64_t Site::reachable_bytes(std::string_view origin) const {
    std::uint64_t total = 0;
    for (const std::string& p : data_->reachable)
        total += render(p, origin).size();
    return total;
}

void Site::mount(Router& router) const {
    for (const std::string& path : paths()) {
        router.add(path, [site = *this, path](const Request& req) {
            Response r =
                Response::text(200, site.render(path, req.origin), site.content_type(path));
            return r;
        });
    }
}

void Site::write_to(const std::string& dir, std::string_view origin) const {
    namespace fs = std::filesystem;
    for (const std::string& path : paths()) {
        fs::path file = fs::path(dir) / (path == "/" ? std::string("index.html") : path.substr(1));
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        const std::string body = render(path, origin);
        out.write(body.data(), static_cast<std::streamsize>(body.size()));
        if (!out)
            throw std::runtime_error("cannot write " + file.string());
    }
}

} // namespace il::net
