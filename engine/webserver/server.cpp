#include "webserver/server.h"

#include "run/errors.h"
#include "trace/registry.h"
#include "webserver/detail/models.h"

namespace il::webserver {

namespace detail {
trace::ObjectId listener_object(Session& session, const Listener& listener) {
    return session.registry().add_object(trace::ObjectKind::Socket,
                                         "listener " + listener.address + ":" +
                                             std::to_string(listener.port));
}
} // namespace detail

std::unique_ptr<Server> start_server(Session& session, Model model, net::Router router,
                                     ServerOptions options) {
    if (options.pool_workers < 1 || options.pool_workers > 256)
        throw ValueError("pool_workers must be in 1..256, got " +
                         std::to_string(options.pool_workers));
    if (options.queue_size < 1 || options.queue_size > 10000)
        throw ValueError("queue_size must be in 1..10000, got " +
                         std::to_string(options.queue_size));
    if (options.idle_timeout.count() <= 0 || options.stop_grace.count() < 0)
        throw ValueError("idle_timeout must be positive and stop_grace not negative");
    detail::Listener l = detail::listen_loopback(options.port);
    switch (model) {
    case Model::Thread:
        return detail::start_thread_server(session, std::move(router), std::move(options),
                                           std::move(l));
    case Model::Pool:
        return detail::start_pool_server(session, std::move(router), std::move(options),
                                         std::move(l));
    case Model::Async:
        return detail::start_async_server(session, std::move(router), std::move(options),
                                          std::move(l));
    }
    throw ValueError("unknown server model");
}

} // namespace il::webserver
