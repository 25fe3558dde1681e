// Watches a run live: reads the records as they are committed, keeps the
// wait-for graph up to date, and reports a deadlock the moment its cycle
// closes (even while other lanes still run) and a stall once nothing has
// happened for a while with lanes blocked. On either it stops the session.
// Owns one thread; start() and the destructor are for the runner only.
#pragma once

#include "analysis/diagnostic.h"
#include "run/session.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace il::scenario {

class RunMonitor {
public:
    struct Options {
        Timeout stall; // nullopt: never report a stall
        bool stop_on_deadlock = true;
        std::chrono::milliseconds period{10}; // how often new records are read
    };

    RunMonitor(Session& session, Options options);
    ~RunMonitor(); // stops and joins the thread (after a last read)
    RunMonitor(const RunMonitor&) = delete;
    RunMonitor& operator=(const RunMonitor&) = delete;

    // Ends the watch: reads what is left and joins the thread. Idempotent.
    void finish();

    // Valid after finish(): what was found, in the order found.
    const std::vector<analysis::Diagnostic>& diagnostics() const { return found_; }
    bool deadlocked() const { return deadlocked_; }
    bool stalled() const { return stalled_; }

private:
    void watch();

    Session& session_;
    const Options options_;
    std::mutex mutex_; // guards done_
    std::condition_variable wake_;
    bool done_ = false;
    // Written by the watch thread only; read after finish() joined it.
    std::vector<analysis::Diagnostic> found_;
    bool deadlocked_ = false;
    bool stalled_ = false;
    std::thread thread_;
};

} // namespace il::scenario
