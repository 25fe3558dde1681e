#include "net/router.h"

#include <exception>
#include <utility>

namespace il::net {

void Router::add(std::string path, Handler handler) {
    exact_[std::move(path)] = std::move(handler);
}

void Router::add_prefix(std::string prefix, Handler handler) {
    prefixes_[std::move(prefix)] = std::move(handler);
}

void Router::add_static(std::string path, std::string content, std::string content_type) {
    // Built once: every request shares the same bytes.
    Response r = Response::text(200, std::move(content), std::move(content_type));
    add(std::move(path), [r](const Request&) { return r; });
}

void Router::add_generated(std::string path, std::uint64_t size, std::uint64_t seed,
                           std::string content_type) {
    Response r;
    r.headers.emplace_back("Content-Type", std::move(content_type));
    r.body = std::make_shared<GeneratedBody>(size, seed);
    add(std::move(path), [r](const Request&) { return r; });
}

Response Router::handle(const Request& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response r = Response::text(405, "only GET and HEAD are allowed\n");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    const Handler* h = nullptr;
    if (auto it = exact_.find(request.path); it != exact_.end()) {
        h = &it->second;
    } else {
        std::size_t best = 0;
        for (const auto& [prefix, handler] : prefixes_)
            if (request.path.rfind(prefix, 0) == 0 && prefix.size() >= best) {
                best = prefix.size();
                h = &handler;
            }
    }
    if (!h)
        return Response::text(404, "no resource at " + request.path + "\n");
    try {
        return (*h)(request);
    } catch (const std::exception& e) {
        return Response::text(500, std::string("the handler failed: ") + e.what() + "\n");
    }
}

} // namespace il::net
