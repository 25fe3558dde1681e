// parse_sweep: "PARAM=FROM..TO[:STEP]" into the values to run, with a message
// for every way the text can be wrong that names what is allowed instead.
#include "sweep/detail/spec_check.h"
#include "sweep/sweep.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace il::sweep {

using scenario::ParamSpec;
using scenario::ParamType;

namespace {

constexpr const char* kForm = "PARAM=FROM..TO or PARAM=FROM..TO:STEP (for example workers=1..8)";
// Real sweeps without a step: this many evenly spaced values.
constexpr int kRealPoints = 8;

// One bound or the step, as the parameter's type wants it. nullopt: not a number.
std::optional<double> parse_number(const std::string& text, ParamType type) {
    const char* end = text.data() + text.size();
    if (type == ParamType::Int) {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end)
            return std::nullopt;
        return static_cast<double>(v);
    }
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || p != end || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// Rounds away the binary noise of from + i * step (0.1 + 2 * 0.1 is
// 0.30000000000000004) so values print and compare as typed.
double tidy(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 12);
    double out = v;
    if (ec == std::errc())
        std::from_chars(buf, end, out);
    return out;
}

} // namespace

SweepSpec parse_sweep(const scenario::Scenario& scenario, const std::string& range, int repeat,
                      std::uint64_t seed, std::vector<std::string> assignments) {
    const std::string id = scenario.info().id;
    const auto eq = range.find('=');
    if (eq == std::string::npos || eq == 0)
        throw SweepError("expected " + std::string(kForm) + ", got '" + range +
                         "'; numeric parameters of '" + id +
                         "': " + detail::numeric_params(scenario));
    const std::string name = range.substr(0, eq);
    const ParamSpec& spec = detail::swept_spec(scenario, name);
    const std::string body = range.substr(eq + 1);
    const std::string what = "sweep of '" + name + "' (" + spec.allowed() + "): ";
    const std::string kind = spec.type == ParamType::Int ? "an integer" : "a number";

    const auto dots = body.find("..");
    if (dots == std::string::npos)
        throw SweepError(what + "'" + body + "' is not a range; expected " + kForm);
    const auto colon = body.find(':', dots);
    const std::string from_text = body.substr(0, dots);
    const std::string to_text =
        body.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
    auto number = [&](const std::string& text, const char* role) {
        auto v = parse_number(text, spec.type);
        if (!v)
            throw SweepError(what + role + " '" + text + "' is not " + kind + "; expected " +
                             kForm);
        return *v;
    };
    const double from = number(from_text, "FROM");
    const double to = number(to_text, "TO");
    std::optional<double> step;
    if (colon != std::string::npos)
        step = number(body.substr(colon + 1), "STEP");

    if (from > to)
        throw SweepError(what + "FROM " + from_text + " is greater than TO " + to_text +
                         "; a range goes up, as in " + to_text + ".." + from_text);
    if (from < spec.min || to > spec.max)
        throw SweepError(what + "the range " + from_text + ".." + to_text +
                         " goes outside what the parameter allows");
    if (step && *step <= 0)
        throw SweepError(what + "STEP " + detail::number_text(*step) + " must be greater than 0");

    // Counted before anything is allocated: 1..1e9 must not build a billion values.
    double count = 0;
    if (spec.type == ParamType::Int)
        count = std::floor((to - from) / step.value_or(1)) + 1;
    else if (step)
        count = std::floor((to - from) / *step * (1 + 1e-12)) + 1;
    else
        count = from < to ? kRealPoints : 1;
    if (!(count <= static_cast<double>(detail::kMaxValues)))
        throw SweepError(what + from_text + ".." + to_text +
                         (step ? ":" + detail::number_text(*step) : std::string()) + " gives " +
                         detail::number_text(count) + " values; a sweep takes at most " +
                         std::to_string(detail::kMaxValues) + " (use a larger STEP)");
    if (count < 2)
        throw SweepError(what + "the range gives only 1 value; a sweep needs at least 2 (TO "
                                "greater than FROM, and a STEP no larger than TO - FROM)");

    SweepSpec out;
    out.scenario = id;
    out.param = name;
    out.repeat = repeat;
    out.seed = seed;
    out.assignments = std::move(assignments);
    const auto n = static_cast<std::size_t>(count);
    out.values.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        double v = 0;
        if (spec.type == ParamType::Int)
            v = from + static_cast<double>(i) * step.value_or(1);
        else if (step)
            v = std::min(to, tidy(from + static_cast<double>(i) * *step));
        else
            v = i + 1 == n ? to
                           : tidy(from + (to - from) * static_cast<double>(i) /
                                             static_cast<double>(n - 1));
        out.values.push_back(v);
    }
    detail::check_spec(scenario, out);
    return out;
}

} // namespace il::sweep
