// The three server models behind start_server (server.h), one file each.
#pragma once

#include "webserver/detail/core.h"
#include "webserver/server.h"

#include <memory>

namespace il::webserver::detail {

std::unique_ptr<Server> start_thread_server(Session& session, net::Router router,
                                            ServerOptions options, Listener listener);
std::unique_ptr<Server> start_pool_server(Session& session, net::Router router,
                                          ServerOptions options, Listener listener);
std::unique_ptr<Server> start_async_server(Session& session, net::Router router,
                                           ServerOptions options, Listener listener);

// The listening socket's object: "listener 127.0.0.1:PORT".
trace::ObjectId listener_object(Session& session, const Listener& listener);

} // namespace il::webserver::detail
