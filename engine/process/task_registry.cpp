#include "process/task_registry.h"

#include "process/builtin_tasks.h"
#include "run/errors.h"

#include <charconv>

namespace il::process {

TaskContext::TaskContext(Session& session, trace::LaneId lane, std::vector<std::string> args,
                         std::vector<Shareable> objects)
    : session_(session), lane_(lane), args_(std::move(args)), objects_(std::move(objects)),
      attached_(objects_.size()) {}

const std::string& TaskContext::arg(std::size_t i) const {
    if (i >= args_.size())
        throw ValueError("task argument " + std::to_string(i) + " is missing: the process got " +
                         std::to_string(args_.size()) + " argument(s)");
    return args_[i];
}

std::int64_t TaskContext::int_arg(std::size_t i) const {
    const std::string& s = arg(i);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        throw ValueError("task argument " + std::to_string(i) + " must be an integer, not '" + s +
                         "'");
    return v;
}

const Shareable& TaskContext::shareable(std::size_t i) const {
    if (i >= objects_.size())
        throw ValueError("object " + std::to_string(i) +
                         " was not passed to this process (it got " +
                         std::to_string(objects_.size()) + ")");
    return objects_[i];
}

void TaskRegistry::add(std::string name, TaskFn fn, std::string help) {
    if (tasks_.count(name))
        throw ValueError("task '" + name + "' is registered twice");
    tasks_.emplace(std::move(name), Entry{std::move(fn), std::move(help)});
}

const TaskFn* TaskRegistry::find(const std::string& name) const {
    auto it = tasks_.find(name);
    return it == tasks_.end() ? nullptr : &it->second.fn;
}

std::vector<std::string> TaskRegistry::names() const {
    std::vector<std::string> v;
    for (const auto& [name, entry] : tasks_)
        v.push_back(name);
    return v;
}

std::string TaskRegistry::help(const std::string& name) const {
    auto it = tasks_.find(name);
    return it == tasks_.end() ? std::string() : it->second.help;
}

const TaskRegistry& builtin_tasks() {
    static const TaskRegistry* registry = [] {
        auto* r = new TaskRegistry; // never destroyed: tasks may run during static teardown
        register_builtin_tasks(*r);
        return r;
    }();
    return *registry;
}

} // namespace il::process
