// fuzz_params: il::scenario::parse_params on the specs of the catalog's
// scenarios. Input: the first byte picks the scenario, the rest is split at
// '\n' into "name=value" assignments (what `interleave run ID a=1 b=2` and
// the GUI's form pass). ParamError is the expected answer to bad text;
// anything else (a crash, another exception, UB) is a finding. A success
// must hold only values of the spec's type inside its range, and each value
// must read back the same from its own text (value_text), as saved runs
// and the GUI's form rely on.
#include "fuzz_check.h"

#include "scenario/catalog.h"
#include "scenario/param.h"

#include <cmath>
#include <variant>

namespace il::fuzz::params {

using scenario::ParamSpec;
using scenario::ParamType;
using scenario::ParamValue;

void check_value(const ParamSpec& spec, const ParamValue& v) {
    const std::string where = "parameter '" + spec.name + "' = '" + scenario::value_text(v) + "'";
    switch (spec.type) {
    case ParamType::Int: {
        const auto* i = std::get_if<std::int64_t>(&v);
        require(i && double(*i) >= spec.min && double(*i) <= spec.max,
                where + ": not an int in range");
        break;
    }
    case ParamType::Real: {
        const auto* d = std::get_if<double>(&v);
        require(d && std::isfinite(*d) && *d >= spec.min && *d <= spec.max,
                where + ": not a finite number in range");
        break;
    }
    case ParamType::Bool:
        require(std::holds_alternative<bool>(v), where + ": not a bool");
        break;
    case ParamType::Choice:
    case ParamType::Text:
        require(std::holds_alternative<std::string>(v), where + ": not text");
        break;
    }
    // The value's own text must parse back to the same value.
    ParamValue again;
    try {
        again = scenario::parse_value(spec, scenario::value_text(v));
    } catch (const scenario::ParamError& e) {
        finding(where + ": its own text is refused: " + e.what());
    }
    require(again == v, where + ": does not read back the same from its text");
}

} // namespace il::fuzz::params

extern "C" int FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
    using namespace il;
    fuzz::Input in(data, size);
    const auto& all = scenario::catalog();
    if (all.empty())
        return 0;
    const scenario::Scenario& s = *all[in.byte() % all.size()];
    const auto& specs = s.info().params;
    std::vector<std::string> assignments;
    if (!in.empty())
        assignments = fuzz::split(in.rest(), '\n');
    try {
        const scenario::Params p = scenario::parse_params(specs, assignments);
        fuzz::require(p.values().size() == specs.size(), "a parameter is missing or extra");
        for (const auto& spec : specs) {
            auto it = p.values().find(spec.name);
            fuzz::require(it != p.values().end(), "parameter '" + spec.name + "' is missing");
            fuzz::params::check_value(spec, it->second);
        }
    } catch (const scenario::ParamError& e) {
        fuzz::require(std::string_view(e.what()).size() > 0, "a ParamError without a message");
    }
    return 0;
}
