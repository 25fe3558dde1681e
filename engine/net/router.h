// A route table: which handler answers which path. Handlers are plain
// functions of the request, so one table serves every server model (the
// loopback server here, the web-server project's thread, pool and async
// servers). Exact paths win over prefixes; the longest prefix wins.
// Thread-safety: build the table before serving; handle() is const and may
// run on many threads at once, so handlers must be thread-safe and must not
// block (they run on the server's event loop).
#pragma once

#include "net/message.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace il::net {

using Handler = std::function<Response(const Request&)>;

class Router {
public:
    // Answers requests for exactly `path`.
    void add(std::string path, Handler handler);
    // Answers every path starting with `prefix` that no exact route takes.
    void add_prefix(std::string prefix, Handler handler);
    // A fixed in-memory resource.
    void add_static(std::string path, std::string content, std::string content_type);
    // `size` bytes of deterministic content (GeneratedBody with `seed`).
    void add_generated(std::string path, std::uint64_t size, std::uint64_t seed,
                       std::string content_type = "application/octet-stream");

    // The handler's response; 404 for an unknown path, 405 (with Allow) for
    // methods other than GET and HEAD, 500 if the handler threw.
    Response handle(const Request& request) const;

private:
    std::map<std::string, Handler, std::less<>> exact_;
    std::map<std::string, Handler, std::less<>> prefixes_;
};

} // namespace il::net
