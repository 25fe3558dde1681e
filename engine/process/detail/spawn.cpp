#include "process/detail/spawn.h"

#include "process/errors.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <mutex>
#include <spawn.h>
#include <thread>

extern char** environ;

namespace il::process::detail {

namespace {

// Runs posix_spawn for the caller, on the spawner thread.
pid_t spawn_here(const SpawnRequest& r, int& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (auto [from, to] : r.fds)
        posix_spawn_file_actions_adddup2(&actions, from, to); // clears O_CLOEXEC on `to`

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    // The child starts with no blocked signals and default dispositions (a
    // parent that ignores SIGPIPE or SIGINT must not pass that on).
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    for (const auto& a : r.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    pid_t pid = -1;
    err = posix_spawn(&pid, r.path.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return err == 0 ? pid : -1;
}

class Spawner {
public:
    pid_t spawn(const SpawnRequest& r) {
        Job job{&r};
        {
            std::lock_guard g(mutex_);
            if (!started_) {
                // Detached and never ending: it must outlive every child it starts.
                std::thread([this] { loop(); }).detach();
                started_ = true;
            }
            jobs_.push_back(&job);
        }
        wake_.notify_one();
        std::unique_lock g(mutex_);
        done_.wait(g, [&] { return job.done; });
        if (job.pid < 0)
            throw ProcessError("cannot start the worker '" + r.path +
                               "': " + std::strerror(job.err));
        return job.pid;
    }

private:
    struct Job {
        const SpawnRequest* request;
        pid_t pid = -1;
        int err = 0;
        bool done = false;
    };

    void loop() {
        // Signals are for the application's threads, not this one.
        sigset_t all;
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, nullptr);
        std::unique_lock g(mutex_);
        for (;;) {
            wake_.wait(g, [&] { return !jobs_.empty(); });
            Job* job = jobs_.front();
            jobs_.pop_front();
            g.unlock();
            int err = 0;
            pid_t pid = spawn_here(*job->request, err);
            g.lock();
            job->pid = pid;
            job->err = err;
            job->done = true;
            done_.notify_all();
        }
    }

    std::mutex mutex_; // guards everything below and every Job's results
    std::condition_variable wake_, done_;
    std::deque<Job*> jobs_;
    bool started_ = false;
};

Spawner& spawner() {
    static Spawner* s = new Spawner; // never destroyed: its thread never ends
    return *s;
}

} // namespace

pid_t spawn(const SpawnRequest& request) {
    return spawner().spawn(request);
}

int first_free_child_fd(const std::vector<int>& fds) {
    int top = 2;
    for (int fd : fds)
        top = std::max(top, fd);
    return top + 1;
}

} // namespace il::process::detail
