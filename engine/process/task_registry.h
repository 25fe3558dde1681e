// Tasks a child process can run, looked up by name: Python's "spawn" start
// method pickles a function by reference, and so do we — only the name, the
// arguments (byte strings) and the IPC objects cross the process boundary.
//
// A task runs in the child on the child's main lane, with a TaskContext:
// its own Session (recording into the parent's trace), its arguments and the
// IPC objects it was given. It returns the process's exit status; if it
// throws, the child exits with status 1 and the parent can read the
// exception's message (Process::error()).
//
// Registration is explicit (no static initialisers, which a static library
// would drop): builtin_tasks() fills the registry once, through
// register_builtin_tasks() (builtin_tasks.h). Thread-safe after that.
#pragma once

#include "process/shareable.h"
#include "run/errors.h"
#include "run/session.h"
#include "trace/record.h"

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace il::process {

class TaskContext {
public:
    TaskContext(Session& session, trace::LaneId lane, std::vector<std::string> args,
                std::vector<Shareable> objects);

    Session& session() { return session_; }
    trace::LaneId lane() const { return lane_; }
    const std::vector<std::string>& args() const { return args_; }
    // Argument i (il::ValueError naming the task's argument count if missing).
    const std::string& arg(std::size_t i) const;
    std::int64_t int_arg(std::size_t i) const; // decimal text; il::ValueError otherwise

    std::size_t object_count() const { return objects_.size(); }
    const Shareable& shareable(std::size_t i) const;
    // The i-th IPC object passed to the process, attached on first use as a T
    // (T(Session&, const Shareable&)). il::ValueError for a wrong index or kind.
    template <class T> T& object(std::size_t i) {
        const Shareable& s = shareable(i);
        if (s.kind != T::kShareKind)
            throw ValueError("object " + std::to_string(i) + " passed to this process is a " +
                             s.kind + ", not a " + std::string(T::kShareKind));
        if (!attached_[i])
            attached_[i] = std::make_shared<T>(session_, s);
        return *static_cast<T*>(attached_[i].get());
    }

private:
    Session& session_;
    trace::LaneId lane_;
    std::vector<std::string> args_;
    std::vector<Shareable> objects_;
    std::vector<std::shared_ptr<void>> attached_;
};

// Returns the exit status (0: success). May throw: status 1, message to the parent.
using TaskFn = std::function<int(TaskContext&)>;

class TaskRegistry {
public:
    // il::ValueError if the name is taken.
    void add(std::string name, TaskFn fn, std::string help = {});
    const TaskFn* find(const std::string& name) const;
    std::vector<std::string> names() const;
    std::string help(const std::string& name) const;

private:
    struct Entry {
        TaskFn fn;
        std::string help;
    };
    std::map<std::string, Entry> tasks_;
};

// The registry with every built-in task, filled on first use.
const TaskRegistry& builtin_tasks();

} // namespace il::process
