// `interleave serve --model thread|pool|async --port P`: one server model
// on its own, until `stop` is requested (Ctrl-C), so that real clients
// (curl, ab, wrk, a browser) can be pointed at it.
//
// It prints "serving on http://127.0.0.1:PORT/ (model: thread); Ctrl-C
// stops", the routes, then one line per request ("GET /hello 200 57 µs")
// to `log`, and a summary when stopped. The server runs in a Session of its
// own that records with a budget of kServeEventBudget events (32 MiB):
// past it events are dropped and counted, and serving goes on. The session's
// registry still grows by a lane and a socket name per connection (about
// 0.3 KB): clients that keep connections alive (ab -k, wrk) cost nothing
// more per request.
//
// Returns 0 after a clean stop. Throws ServeError when the server cannot
// start, with a message a user can act on ("port 8080 is in use; choose
// another or 0 for any free port").
#pragma once

#include "webserver/model.h"
#include "webserver/server.h"

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <stop_token>

namespace il::webserver {

inline constexpr std::uint64_t kServeEventBudget = 1u << 20;

struct ServeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `options` gives the pool's size and the limits; its port and log are
// replaced by `port` and the line-per-request log.
int serve_until_stopped(Model model, std::uint16_t port, std::stop_token stop, std::ostream& log,
                        ServerOptions options = {});

} // namespace il::webserver
