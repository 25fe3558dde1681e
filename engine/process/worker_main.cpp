#include "process/worker_main.h"

#include "process/boot.h"
#include "process/task_registry.h"
#include "run/session.h"
#include "trace/shared_buffer.h"

#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace il::process {

namespace {

constexpr const char* kUsage =
    "usage: interleave-worker --parent PID --boot FD [--task NAME]\n"
    "       interleave-worker --list\n"
    "Runs one task of an Interleave run in a child process. It is started by the\n"
    "engine (multiprocessing's \"spawn\" start method), not by hand: FD is a descriptor\n"
    "holding the start data its parent PID wrote. --list prints the known tasks.\n";

int usage(const std::string& problem) {
    std::fprintf(stderr, "interleave-worker: %s\n%s", problem.c_str(), kUsage);
    return 2;
}

bool parse_int(const char* s, long& out) {
    const char* end = s + std::strlen(s);
    auto [p, ec] = std::from_chars(s, end, out);
    return ec == std::errc() && p == end;
}

} // namespace

int worker_main(int argc, char** argv) {
    long parent = -1, boot_fd = -1;
    std::string task_hint;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--list") {
            for (const auto& n : builtin_tasks().names())
                std::printf("%-28s %s\n", n.c_str(), builtin_tasks().help(n).c_str());
            return 0;
        }
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a != "--parent" && a != "--boot" && a != "--task")
            return usage("unknown option '" + a + "'");
        if (i + 1 >= argc)
            return usage("'" + a + "' needs a value");
        const char* v = argv[++i];
        if (a == "--parent") {
            if (!parse_int(v, parent) || parent <= 1)
                return usage("--parent must be a process id, not '" + std::string(v) + "'");
        } else if (a == "--boot") {
            if (!parse_int(v, boot_fd) || boot_fd < 3)
                return usage("--boot must be a descriptor number of 3 or more, not '" +
                             std::string(v) + "'");
        } else {
            task_hint = v;
        }
    }
    if (parent < 0 || boot_fd < 0)
        return usage("--parent and --boot are required");

    // Die with the parent; if it is already gone, do nothing at all.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != static_cast<pid_t>(parent)) {
        std::fprintf(stderr, "interleave-worker: parent %ld is gone (parent now: %ld); exiting\n",
                     parent, static_cast<long>(::getppid()));
        return 3;
    }
    // A closed pipe must give EPIPE, never kill the worker.
    std::signal(SIGPIPE, SIG_IGN);

    detail::Boot boot;
    std::shared_ptr<trace::SharedBuffer> buffer;
    try {
        boot = detail::read_boot(static_cast<int>(boot_fd));
        buffer = trace::SharedBuffer::attach(boot.trace_fd);
    } catch (const std::exception& e) {
        return usage(std::string("bad start data: ") + e.what());
    }
    if (!task_hint.empty() && task_hint != boot.task)
        return usage("--task '" + task_hint + "' does not match the start data's '" + boot.task +
                     "'");

    Session session;
    trace::Recorder& rec = session.recorder();
    rec.record_into(buffer);
    rec.bind_thread(boot.lane);
    rec.record(trace::Kind::LaneStart, boot.lane_object, ::getpid(),
               static_cast<std::int32_t>(::syscall(SYS_gettid)));

    int status = 0;
    if (const TaskFn* fn = builtin_tasks().find(boot.task)) {
        try {
            TaskContext ctx(session, boot.lane, std::move(boot.args), std::move(boot.objects));
            status = (*fn)(ctx);
        } catch (const std::exception& e) {
            buffer->set_error(e.what());
            status = 1;
        } catch (...) {
            buffer->set_error("the task threw something that is not a std::exception");
            status = 1;
        }
    } else {
        buffer->set_error("unknown task '" + boot.task + "'");
        status = 2;
    }
    const std::int64_t tick = rec.record(trace::Kind::LaneEnd, boot.lane_object, 1, status,
                                         static_cast<std::uint16_t>(trace::LaneEndReason::Exited));
    buffer->set_ended(tick);
    std::fflush(stdout);
    return status;
}

} // namespace il::process
