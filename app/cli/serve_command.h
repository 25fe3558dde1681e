// `interleave serve --model thread|pool|async --port P`: the practice web
// server on 127.0.0.1 on its own, logging each request, until Ctrl-C.
#pragma once

#include "args.h"

namespace il::cli {

// 0 after Ctrl-C / SIGTERM; a server that cannot start (the port is in use)
// throws InputError (exit status 2).
int serve_command(const Args& args);

} // namespace il::cli
