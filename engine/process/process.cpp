#include "process/process.h"

#include "process/boot.h"
#include "process/detail/spawn.h"
#include "process/detail/wait.h"
#include "process/errors.h"
#include "process/task_registry.h"
#include "process/worker_path.h"
#include "run/errors.h"
#include "trace/shared_buffer.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace il::process {

using trace::Kind;

namespace {

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); // O_CLOEXEC by definition
#else
    (void)pid;
    return -1;
#endif
}

std::string known_tasks() {
    std::string s;
    for (const auto& n : builtin_tasks().names())
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

} // namespace

Process::Process(Session& session, std::string name, std::string task,
                 std::vector<std::string> args, std::vector<Shareable> objects)
    : session_(session), name_(std::move(name)), task_(std::move(task)), args_(std::move(args)),
      objects_(std::move(objects)),
      lane_(session.registry().add_lane(name_, trace::LaneKind::Process,
                                        session.recorder().current_lane())),
      object_(session.registry().lane(lane_).object) {}

Process::~Process() {
    std::lock_guard g(mutex_);
    if (started_ && !try_reap()) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        reaped(status);
    }
    if (pidfd_ >= 0)
        ::close(pidfd_);
}

void Process::start() {
    std::lock_guard g(mutex_);
    if (started_)
        throw RuntimeError("process '" + name_ + "' can only be started once");
    if (!builtin_tasks().find(task_))
        throw ValueError("unknown task '" + task_ + "' for process '" + name_ +
                         "'; registered tasks: " + known_tasks());
    const std::string path = worker_path();

    trace_ = session_.recorder().open_child_buffer(lane_);
    detail::Boot boot;
    boot.task = task_;
    boot.lane = lane_;
    boot.lane_object = object_;
    boot.args = args_;

    int boot_fd = -1;
    detail::SpawnRequest req;
    try {
        boot_fd = detail::make_boot_fd();
        // The child's descriptors: numbered from above every descriptor
        // copied, so no dup2 overwrites one still to be copied.
        std::vector<int> sources{boot_fd, trace_->fd()};
        for (const Shareable& s : objects_)
            sources.insert(sources.end(), s.fds.begin(), s.fds.end());
        int next = detail::first_free_child_fd(sources);
        const int boot_child = next++;
        boot.trace_fd = next++;
        req.fds.emplace_back(boot_fd, boot_child);
        req.fds.emplace_back(trace_->fd(), boot.trace_fd);
        for (const Shareable& s : objects_) {
            Shareable c = s;
            for (std::size_t k = 0; k < s.fds.size(); ++k) {
                c.fds[k] = next++;
                req.fds.emplace_back(s.fds[k], c.fds[k]);
            }
            boot.objects.push_back(std::move(c));
        }
        detail::write_boot(boot_fd, boot);
        req.path = path;
        req.argv = {
            path,     "--parent", std::to_string(::getpid()), "--boot", std::to_string(boot_child),
            "--task", task_};
        pid_ = detail::spawn(req);
    } catch (...) {
        if (boot_fd >= 0)
            ::close(boot_fd);
        trace_->close_fd();
        session_.recorder().close_child_buffer(*trace_);
        throw;
    }
    ::close(boot_fd);
    trace_->close_fd(); // the mapping keeps the segment alive
    started_ = true;
    pidfd_ = open_pidfd(pid_);
    session_.recorder().set_lane_pid(lane_, static_cast<std::int32_t>(pid_));
}

bool Process::try_reap() {
    if (reaped_)
        return true;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        reaped(status);
        return true;
    }
    return false;
}

void Process::reaped(int status) {
    reaped_ = true;
    const bool signalled = WIFSIGNALED(status);
    exitcode_ = signalled ? -WTERMSIG(status) : WEXITSTATUS(status);
    trace::Recorder& rec = session_.recorder();
    if (trace_->ended()) {
        end_tick_ = trace_->end_tick();
    } else {
        // The child could not end its own lane (killed, or it died before it
        // could record): the parent does, on the child's lane.
        auto reason = signalled ? trace::LaneEndReason::Killed : trace::LaneEndReason::Exited;
        end_tick_ = rec.record_as(lane_, 0, Kind::LaneEnd, object_, 1,
                                  signalled ? WTERMSIG(status) : WEXITSTATUS(status),
                                  static_cast<std::uint16_t>(reason));
    }
    rec.close_child_buffer(*trace_);
    // The pidfd stays open until the destructor: a join() on another lane
    // may be polling it right now, and a closed number could be reused.
}

bool Process::join(Timeout timeout) {
    detail::Deadline deadline(timeout);
    std::unique_lock g(mutex_);
    if (!started_)
        throw RuntimeError("can only join a started process ('" + name_ + "')");
    trace::Recorder& rec = session_.recorder();
    if (!try_reap()) {
        if (session_.stop_requested())
            throw Cancelled();
        rec.record(Kind::WaitBegin, object_, 0, 0,
                   static_cast<std::uint16_t>(trace::WaitReason::Join));
        auto end = [&](trace::WaitResult r) {
            rec.record(Kind::WaitEnd, object_, 0, 0, static_cast<std::uint16_t>(r));
        };
        for (;;) {
            // Wait unlocked, so is_alive()/kill() from other lanes do not block.
            const int fd = pidfd_;
            g.unlock();
            detail::Ready ready = detail::Ready::Yes;
            try {
                if (fd >= 0)
                    ready = detail::wait_fd(session_, fd, POLLIN, deadline);
                else {
                    if (session_.stop_requested())
                        throw Cancelled();
                    ::usleep(1000);
                    ready = deadline.passed() ? detail::Ready::Timeout : detail::Ready::Yes;
                }
            } catch (const Cancelled&) {
                end(trace::WaitResult::Cancelled);
                throw;
            }
            g.lock();
            if (try_reap())
                break;
            if (ready == detail::Ready::Timeout) {
                end(trace::WaitResult::Timeout);
                return false;
            }
        }
        end(trace::WaitResult::Ok);
    }
    rec.record_after(end_tick_, Kind::Joined, object_, 1);
    return true;
}

bool Process::is_alive() {
    std::lock_guard g(mutex_);
    return started_ && !try_reap();
}

std::optional<int> Process::exitcode() {
    std::lock_guard g(mutex_);
    if (started_)
        try_reap();
    return exitcode_;
}

void Process::terminate() {
    std::lock_guard g(mutex_);
    if (started_ && !reaped_)
        ::kill(pid_, SIGTERM);
}

void Process::kill() {
    std::lock_guard g(mutex_);
    if (started_ && !reaped_)
        ::kill(pid_, SIGKILL);
}

std::string describe_exit(std::optional<int> exitcode) {
    if (!exitcode)
        return "still running";
    if (*exitcode < 0)
        return "killed by signal " + std::to_string(-*exitcode) + ": " + ::strsignal(-*exitcode);
    return "exited with status " + std::to_string(*exitcode);
}

std::string Process::error() const {
    std::lock_guard g(mutex_);
    return reaped_ && trace_ ? trace_->error() : std::string();
}

} // namespace il::process
