#include "stop_signals.h"

#include <csignal>
#include <iostream>
#include <pthread.h>

namespace il::cli {

namespace {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void block_stop_signals() {
    sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::stop_source& stop, std::string what) {
    thread_ = std::thread([this, &stop, what = std::move(what)] {
        sigset_t set = stop_signals();
        int sig = 0;
        while (sigwait(&set, &sig) == 0) {
            if (done_)
                return;
            std::cerr << "interleave: " << (sig == SIGINT ? "interrupted" : "terminated") << ", "
                      << what << "\n";
            stop.request_stop();
        }
    });
}

SignalWatcher::~SignalWatcher() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
}

} // namespace il::cli
