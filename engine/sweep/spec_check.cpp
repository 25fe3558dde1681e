#include "sweep/detail/spec_check.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace il::sweep::detail {

using scenario::ParamSpec;
using scenario::ParamType;

namespace {

bool is_numeric(const ParamSpec& p) {
    return p.type == ParamType::Int || p.type == ParamType::Real;
}

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

} // namespace

std::string numeric_params(const scenario::Scenario& scenario) {
    std::string s;
    for (const ParamSpec& p : scenario.info().params)
        if (is_numeric(p))
            s += (s.empty() ? "" : ", ") + p.name + " (" + p.allowed() + ")";
    return s.empty() ? std::string("none") : s;
}

const ParamSpec& swept_spec(const scenario::Scenario& scenario, const std::string& name) {
    const auto& params = scenario.info().params;
    auto it = std::find_if(params.begin(), params.end(),
                           [&](const ParamSpec& p) { return p.name == name; });
    const std::string id = scenario.info().id;
    if (it == params.end())
        throw SweepError("scenario " + quoted(id) + " has no parameter " + quoted(name) +
                         "; numeric parameters that can be swept: " + numeric_params(scenario));
    if (!is_numeric(*it))
        throw SweepError("parameter " + quoted(name) + " of " + quoted(id) + " is " +
                         it->allowed() + ", not a number, so it cannot be swept; numeric " +
                         "parameters that can be swept: " + numeric_params(scenario));
    return *it;
}

const ParamSpec* seed_spec(const scenario::Scenario& scenario, const std::string& swept) {
    for (const ParamSpec& p : scenario.info().params)
        if (p.name == "seed" && p.type == ParamType::Int && swept != "seed")
            return &p;
    return nullptr;
}

scenario::Params check_spec(const scenario::Scenario& scenario, const SweepSpec& spec) {
    const ParamSpec& swept = swept_spec(scenario, spec.param);
    const std::string name = quoted(spec.param);
    if (spec.values.size() < 2)
        throw SweepError("a sweep of " + name + " needs at least 2 values, got " +
                         std::to_string(spec.values.size()));
    if (spec.values.size() > kMaxValues)
        throw SweepError("a sweep of " + name + " has " + std::to_string(spec.values.size()) +
                         " values; at most " + std::to_string(kMaxValues) + " are allowed");
    for (double v : spec.values) {
        if (!std::isfinite(v) || v < swept.min || v > swept.max)
            throw SweepError("value " + number_text(v) + " of " + name +
                             " is out of range; allowed: " + swept.allowed());
        if (swept.type == ParamType::Int && v != std::floor(v))
            throw SweepError("value " + number_text(v) + " of " + name +
                             " is not a whole number; allowed: " + swept.allowed());
    }
    if (spec.repeat < 1 || spec.repeat > kMaxRepeat)
        throw SweepError("repeat " + std::to_string(spec.repeat) + " is out of range; allowed: " +
                         "1.." + std::to_string(kMaxRepeat) + " runs per value");

    const ParamSpec* seed = seed_spec(scenario, spec.param);
    if (seed) {
        // Compared in long double: seed + repeat may not fit where the spec's max does.
        const long double last = static_cast<long double>(spec.seed) + spec.repeat - 1;
        if (static_cast<long double>(spec.seed) < seed->min || last > seed->max)
            throw SweepError("seed " + std::to_string(spec.seed) + " with " +
                             std::to_string(spec.repeat) + " repeats needs seeds " +
                             std::to_string(spec.seed) + ".." +
                             number_text(static_cast<double>(last)) + "; parameter 'seed' " +
                             "allows " + seed->allowed());
    }
    for (const std::string& a : spec.assignments) {
        const std::string lhs = a.substr(0, a.find('='));
        if (lhs == spec.param)
            throw SweepError(name + " is the swept parameter; it cannot also be set (" + a + ")");
        if (seed && lhs == "seed")
            throw SweepError("the sweep sets 'seed' itself (its seed + the repeat number); give "
                             "the seed to the sweep instead of " +
                             quoted(a));
    }
    try {
        return scenario::parse_params(scenario.info().params, spec.assignments);
    } catch (const scenario::ParamError& e) {
        throw SweepError(e.what());
    }
}

} // namespace il::sweep::detail
