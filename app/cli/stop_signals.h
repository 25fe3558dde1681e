// Ctrl-C and SIGTERM as a stop request: main blocks both signals before any
// thread exists, and a SignalWatcher thread turns them into stop_source
// requests (a signal handler may not touch a std::stop_source; a thread may).
#pragma once

#include <atomic>
#include <stop_token>
#include <string>
#include <thread>

namespace il::cli {

// Blocks SIGINT and SIGTERM in the calling thread (call first thing in main).
void block_stop_signals();

class SignalWatcher {
public:
    // `what` is said on stderr when a signal arrives: "stopping the run".
    SignalWatcher(std::stop_source& stop, std::string what);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

private:
    std::atomic<bool> done_{false};
    std::thread thread_;
};

} // namespace il::cli
