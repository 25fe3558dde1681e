#include "process/pool_errors.h"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <stdexcept>
#include <typeinfo>

namespace il::process {

namespace {

std::string demangled(const std::type_info& t) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(t.name(), nullptr, nullptr, &status), std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(t.name());
}

} // namespace

std::pair<std::string, std::string> describe_exception(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const ValueError& x) {
        return {"ValueError", x.what()};
    } catch (const TimeoutError& x) {
        return {"TimeoutError", x.what()};
    } catch (const BrokenProcessPool& x) {
        return {"BrokenProcessPool", x.what()};
    } catch (const RuntimeError& x) {
        return {"RuntimeError", x.what()};
    } catch (const Cancelled& x) {
        return {"Cancelled", x.what()};
    } catch (const RemoteError& x) {
        return {x.type(), x.what()};
    } catch (const std::invalid_argument& x) {
        return {"invalid_argument", x.what()};
    } catch (const std::out_of_range& x) {
        return {"out_of_range", x.what()};
    } catch (const std::range_error& x) {
        return {"range_error", x.what()};
    } catch (const std::overflow_error& x) {
        return {"overflow_error", x.what()};
    } catch (const std::exception& x) {
        const std::string type = demangled(typeid(x));
        if (type == "std::runtime_error")
            return {"runtime_error", x.what()};
        if (type == "std::logic_error")
            return {"logic_error", x.what()};
        return {type, x.what()};
    } catch (...) {
        return {"unknown", "the call threw something that is not a std::exception"};
    }
}

std::exception_ptr rebuild_exception(const std::string& kind, const std::string& message) {
    if (kind == "ValueError")
        return std::make_exception_ptr(ValueError(message));
    if (kind == "TimeoutError")
        return std::make_exception_ptr(TimeoutError(message));
    if (kind == "BrokenProcessPool")
        return std::make_exception_ptr(BrokenProcessPool(message));
    if (kind == "RuntimeError")
        return std::make_exception_ptr(RuntimeError(message));
    if (kind == "invalid_argument")
        return std::make_exception_ptr(std::invalid_argument(message));
    if (kind == "out_of_range")
        return std::make_exception_ptr(std::out_of_range(message));
    if (kind == "range_error")
        return std::make_exception_ptr(std::range_error(message));
    if (kind == "overflow_error")
        return std::make_exception_ptr(std::overflow_error(message));
    if (kind == "runtime_error")
        return std::make_exception_ptr(std::runtime_error(message));
    if (kind == "logic_error")
        return std::make_exception_ptr(std::logic_error(message));
    return std::make_exception_ptr(RemoteError(kind, message));
}

} // namespace il::process
