// multiprocessing.Process with the "spawn" start method: a child OS process
// running a named task (task_registry.h) in the interleave-worker executable.
//
// The process's lane (LaneKind::Process, parent: the creating lane) is
// registered when the Process is made, so lanes are numbered in creation
// order; its trace records (LaneStart with a = pid, what its IPC objects do,
// LaneEnd) are recorded by the child into shared memory and appear in the
// session's snapshots. A child killed by a signal gets its LaneEnd (Killed,
// b = signal) from the parent.
//
// The child dies with this process (PR_SET_PDEATHSIG) and with this object:
// destroying a Process whose child still runs kills and reaps it, so no
// zombie is ever left. The IPC objects passed must outlive start().
//
// Recorded here: join() as a WaitBegin/WaitEnd with WaitReason::Join on the
// lane's object, then Joined (effect of the child's LaneEnd, token 1).
// Thread-safe; start() once, from one lane.
#pragma once

#include "process/shareable.h"
#include "run/session.h"
#include "trace/record.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace il::trace {
class SharedBuffer;
}

namespace il::process {

class Process {
public:
    // `task` must be a registered task (il::ValueError at start() otherwise).
    Process(Session& session, std::string name, std::string task,
            std::vector<std::string> args = {}, std::vector<Shareable> objects = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    // Spawns the worker. Throws il::RuntimeError if already started,
    // il::ValueError for an unknown task, ProcessError if the worker cannot
    // be found or started.
    void start();
    // Waits until the child ends (true) or the timeout passes (false).
    // il::RuntimeError before start(); il::Cancelled when the session stops
    // (the child keeps running; the destructor kills it).
    bool join(Timeout timeout = std::nullopt);
    bool is_alive();
    // Python's convention: nullopt while running (or before start), the exit
    // status once it exited, -N once signal N killed it.
    std::optional<int> exitcode();
    void terminate(); // SIGTERM
    void kill();      // SIGKILL

    // What the task threw (its message), "" if nothing did or it still runs.
    std::string error() const;
    const std::string& name() const { return name_; }
    const std::string& task() const { return task_; }
    pid_t pid() const { return pid_; } // 0 before start()
    // A descriptor that becomes readable when the child ends (Python's
    // Process.sentinel; a pidfd), valid from start() until destruction; -1
    // before start().
    int sentinel() const { return pidfd_; }
    trace::LaneId lane() const { return lane_; }
    trace::ObjectId object() const { return object_; }
    bool started() const { return started_; }

private:
    bool try_reap();              // with mutex_ held: true once reaped
    void reaped(int wait_status); // with mutex_ held

    Session& session_;
    const std::string name_;
    const std::string task_;
    const std::vector<std::string> args_;
    const std::vector<Shareable> objects_;
    const trace::LaneId lane_;
    const trace::ObjectId object_;

    mutable std::mutex mutex_; // guards everything below once started
    bool started_ = false;
    pid_t pid_ = 0;
    int pidfd_ = -1;
    bool reaped_ = false;
    std::optional<int> exitcode_;
    std::int64_t end_tick_ = 0; // the child's LaneEnd: Joined is stamped after it
    std::shared_ptr<trace::SharedBuffer> trace_;
};

// How a process ended, in words for messages: "killed by signal 9: Killed",
// "exited with status 3"; "still running" for nullopt (Process::exitcode()).
std::string describe_exit(std::optional<int> exitcode);

} // namespace il::process
