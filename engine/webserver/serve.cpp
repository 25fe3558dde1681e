#include "webserver/serve.h"

#include "net/errors.h"
#include "run/errors.h"
#include "webserver/handler.h"

#include <condition_variable>
#include <mutex>

namespace il::webserver {

int serve_until_stopped(Model model, std::uint16_t port, std::stop_token stop, std::ostream& log,
                        ServerOptions options) {
    Session session(SessionOptions{kServeEventBudget});
    std::mutex log_mutex; // server lanes log concurrently
    options.port = port;
    options.log = [&](const RequestLogEntry& e) {
        const std::string line = e.method + " " + e.target + " " + std::to_string(e.status) + " " +
                                 std::to_string(e.duration_ns / 1000) + " \u00b5s\n";
        std::lock_guard g(log_mutex);
        log << line << std::flush;
    };
    std::unique_ptr<Server> server;
    try {
        server = start_server(session, model, make_router(), options);
    } catch (const net::ServerError& e) {
        throw ServeError(e.what());
    } catch (const ValueError& e) {
        throw ServeError(e.what());
    }
    {
        std::lock_guard g(log_mutex);
        log << "serving on " << server->origin() << "/ (model: " << model_name(model)
            << "); Ctrl-C stops\n"
            << "routes:\n"
            << route_help() << std::flush;
    }
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock g(m);
    cv.wait(g, stop, [] { return false; });
    g.unlock();
    server->stop();
    const ServerStats s = server->stats();
    const std::uint64_t dropped = session.recorder().dropped();
    std::lock_guard lg(log_mutex);
    log << "stopped: " << s.requests << " requests, " << s.bad_requests << " refused, on "
        << s.connections << " connections";
    if (dropped)
        log << " (" << dropped << " trace events over the budget were not kept)";
    log << "\n" << std::flush;
    return 0;
}

} // namespace il::webserver
