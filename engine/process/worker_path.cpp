#include "process/worker_path.h"

#include "process/errors.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace il::process {

std::string worker_path() {
    std::vector<std::string> tried;
    auto usable = [&](const std::string& p, const std::string& why) {
        tried.push_back(p + " (" + why + ")");
        return !p.empty() && ::access(p.c_str(), X_OK) == 0;
    };
    if (const char* env = std::getenv("INTERLEAVE_WORKER"); env && *env)
        if (usable(env, "$INTERLEAVE_WORKER"))
            return env;
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        std::string beside = (self.parent_path() / "interleave-worker").string();
        if (usable(beside, "next to " + self.filename().string()))
            return beside;
    }
#ifdef INTERLEAVE_WORKER_BUILD_PATH
    if (usable(INTERLEAVE_WORKER_BUILD_PATH, "where the build put it"))
        return INTERLEAVE_WORKER_BUILD_PATH;
#endif
    std::string msg = "the process worker 'interleave-worker' was not found; tried: ";
    for (std::size_t i = 0; i < tried.size(); ++i)
        msg += (i ? ", " : "") + tried[i];
    msg += ". Build the interleave-worker target or set INTERLEAVE_WORKER to its path.";
    throw ProcessError(msg);
}

} // namespace il::process
