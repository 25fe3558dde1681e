// A generated web site for the crawler, deterministic from a seed: `pages`
// HTML pages that link to each other with relative, root-relative and
// absolute links (same host and port), links to other hosts, ports and
// schemes (never to be followed), broken links (404), a chain of pages only
// reachable through each other, cycles, a page nothing links to, and one
// non-HTML resource. It knows its own answer: which paths are reachable from
// "/" and which links are broken, so tests and the crawler's check compare.
//
// Absolute links name the origin the site is served at, so the bytes of a
// page depend on (seed, pages, origin) only. Served by a Router (mount) or
// written to a folder for any ordinary web server (write_to).
// Immutable after construction; thread-safe. Copies share the data.
#pragma once

#include "net/router.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace il::net {

struct SiteOptions {
    int pages = 30; // HTML pages, 1..10000
    std::uint64_t seed = 1;
};

class Site {
public:
    explicit Site(SiteOptions options = {});

    const SiteOptions& options() const;
    // Every path served (pages and the resource), sorted.
    std::vector<std::string> paths() const;
    bool serves(std::string_view path) const;
    // The body at `path` when the site is served at `origin`
    // ("http://127.0.0.1:8080"). Throws il::ValueError for a path not served.
    std::string render(std::string_view path, std::string_view origin) const;
    std::string content_type(std::string_view path) const;

    // Paths reachable from "/" through links on the same origin (pages and
    // the resource), sorted.
    const std::vector<std::string>& reachable() const;
    // Paths on the same origin linked from reachable pages but not served, sorted.
    const std::vector<std::string>& broken() const;
    // Pages served that no reachable page links to.
    const std::vector<std::string>& unreachable() const;
    // Links on reachable pages that leave the origin (other host, port or scheme).
    std::size_t external_links() const;
    // The bytes of every reachable path's body, served at `origin`.
    std::uint64_t reachable_bytes(std::string_view origin) const;

    // Adds a route per path; the routes share this site's data.
    void mount(Router& router) const;
    // Writes every path below `dir` ("/" as index.html), absolute links
    // naming `origin`. Throws std::runtime_error if a file cannot be written.
    void write_to(const std::string& dir, std::string_view origin) const;

    struct Data;

private:
    std::shared_ptr<const Data> data_;
};

} // namespace il::net
