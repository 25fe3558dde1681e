#include "process/pool_functions.h"

#include "run/errors.h"

#include <charconv>

namespace il::process {

std::int64_t parse_int(const std::string& s, const char* what) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        throw ValueError(std::string(what) + " is not an integer: '" + s + "'");
    return v;
}

const std::string& CallContext::arg(std::size_t i) const {
    if (i >= args_.size())
        throw ValueError("argument " + std::to_string(i) + " is missing: the call got " +
                         std::to_string(args_.size()) + " argument(s)");
    return args_[i];
}

std::int64_t CallContext::int_arg(std::size_t i) const {
    const std::string what = "argument " + std::to_string(i);
    return parse_int(arg(i), what.c_str());
}

void PoolFunctions::add(std::string name, PoolFunction fn, std::string help) {
    if (functions_.count(name))
        throw ValueError("pool function '" + name + "' is registered twice");
    functions_.emplace(std::move(name), Entry{std::move(fn), std::move(help)});
}

const PoolFunction* PoolFunctions::find(const std::string& name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second.fn;
}

std::vector<std::string> PoolFunctions::names() const {
    std::vector<std::string> v;
    for (const auto& [name, entry] : functions_)
        v.push_back(name);
    return v;
}

const PoolFunctions& pool_functions() {
    static const PoolFunctions* functions = [] {
        auto* f = new PoolFunctions; // never destroyed, like the task registry
        register_pool_functions(*f);
        return f;
    }();
    return *functions;
}

} // namespace il::process
