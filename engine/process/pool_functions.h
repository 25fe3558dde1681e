// What a ProcessPoolExecutor call can run, looked up by name in the worker:
// Python's ProcessPoolExecutor pickles the function by reference (module and
// name), and so do we — only the function's name and its arguments (byte
// strings) cross the process boundary; the result comes back as bytes.
//
// A function gets a CallContext (the worker's Session, the call's
// arguments) and returns its result's bytes; integers travel as decimal
// text (int_arg, int_result). An exception it throws is sent back and
// rethrown by the parent's Future::result() as the same kind (il::ValueError
// stays a ValueError; see pool_errors.h).
//
// Registration is explicit, as for tasks: pool_functions() fills the
// registry once through register_pool_functions(). Thread-safe after that.
#pragma once

#include "run/session.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace il::process {

class CallContext {
public:
    CallContext(Session& session, const std::vector<std::string>& args)
        : session_(session), args_(args) {}

    Session& session() { return session_; }
    const std::vector<std::string>& args() const { return args_; }
    // Argument i (il::ValueError naming the call's argument count if missing).
    const std::string& arg(std::size_t i) const;
    std::int64_t int_arg(std::size_t i) const; // decimal text; il::ValueError otherwise

private:
    Session& session_;
    const std::vector<std::string>& args_;
};

using PoolFunction = std::function<std::string(CallContext&)>;

// Decimal text, the way int_arg reads it back.
inline std::string int_result(std::int64_t v) {
    return std::to_string(v);
}
// il::ValueError("<what> is not an integer: '<text>'") if it is not one.
std::int64_t parse_int(const std::string& text, const char* what = "result");

class PoolFunctions {
public:
    // il::ValueError if the name is taken.
    void add(std::string name, PoolFunction fn, std::string help = {});
    const PoolFunction* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    struct Entry {
        PoolFunction fn;
        std::string help;
    };
    std::map<std::string, Entry> functions_;
};

// The registry with every built-in pool function, filled on first use.
const PoolFunctions& pool_functions();

// Fills it (pool_builtin_functions.cpp): the scenarios' functions
// ("pool.sum_squares", "pool.count_words", ...) and the tests'.
void register_pool_functions(PoolFunctions& functions);

} // namespace il::process
