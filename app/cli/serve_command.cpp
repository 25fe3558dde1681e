#include "serve_command.h"

#include "stop_signals.h"

#include "webserver/serve.h"

#include <iostream>

namespace il::cli {

int serve_command(const Args& args) {
    const auto model = webserver::parse_model(args.model);
    if (!model) // args.cpp checked the word already
        throw UsageError("--model: '" + args.model + "' is not a server model");
    std::stop_source stop;
    SignalWatcher watcher(stop, "stopping the server");
    try {
        return webserver::serve_until_stopped(*model, static_cast<std::uint16_t>(args.port),
                                              stop.get_token(), std::cout);
    } catch (const webserver::ServeError& e) {
        throw InputError(e.what());
    }
}

} // namespace il::cli
