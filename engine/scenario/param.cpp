#include "scenario/param.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace il::scenario {

namespace {

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

} // namespace

ParamSpec ParamSpec::integer(std::string name, std::int64_t def, std::int64_t min, std::int64_t max,
                             std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Int;
    s.default_value = std::to_string(def);
    s.min = double(min);
    s.max = double(max);
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::real(std::string name, double def, double min, double max, std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Real;
    s.default_value = number_text(def);
    s.min = min;
    s.max = max;
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::boolean(std::string name, bool def, std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Bool;
    s.default_value = def ? "true" : "false";
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::choice(std::string name, std::string def, std::vector<std::string> choices,
                            std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Choice;
    s.default_value = std::move(def);
    s.choices = std::move(choices);
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::text(std::string name, std::string def, std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Text;
    s.default_value = std::move(def);
    s.help = std::move(help);
    return s;
}

std::string ParamSpec::allowed() const {
    switch (type) {
    case ParamType::Int:
        return "an integer in " + number_text(min) + ".." + number_text(max);
    case ParamType::Real:
        return "a number in " + number_text(min) + ".." + number_text(max);
    case ParamType::Bool:
        return "true or false";
    case ParamType::Choice: {
        std::string s = "one of ";
        for (std::size_t i = 0; i < choices.size(); ++i)
            s += (i ? ", " : "") + choices[i];
        return s;
    }
    case ParamType::Text:
        return "any text";
    }
    return "";
}

ParamValue parse_value(const ParamSpec& spec, const std::string& text) {
    auto fail = [&](const std::string& why) -> ParamError {
        return ParamError("parameter '" + spec.name + "': " + why + "; allowed: " + spec.allowed());
    };
    switch (spec.type) {
    case ParamType::Int: {
        std::int64_t v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end)
            throw fail(quoted(text) + " is not an integer");
        if (double(v) < spec.min || double(v) > spec.max)
            throw fail(text + " is out of range");
        return v;
    }
    case ParamType::Real: {
        double v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end || !std::isfinite(v))
            throw fail(quoted(text) + " is not a number");
        if (v < spec.min || v > spec.max)
            throw fail(text + " is out of range");
        return v;
    }
    case ParamType::Bool: {
        std::string t = text;
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (t == "true" || t == "1" || t == "yes" || t == "on")
            return true;
        if (t == "false" || t == "0" || t == "no" || t == "off")
            return false;
        throw fail(quoted(text) + " is not a boolean");
    }
    case ParamType::Choice:
        if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
            throw fail(quoted(text) + " is not a choice");
        return text;
    case ParamType::Text:
        return text;
    }
    throw fail("unsupported type");
}

Params parse_params(const std::vector<ParamSpec>& specs,
                    const std::vector<std::string>& assignments) {
    Params params;
    for (const ParamSpec& spec : specs)
        params.set(spec.name, parse_value(spec, spec.default_value));
    auto known = [&] {
        std::string s;
        for (std::size_t i = 0; i < specs.size(); ++i)
            s += (i ? ", " : "") + specs[i].name;
        return specs.empty() ? std::string("none") : s;
    };
    std::set<std::string> given;
    for (const std::string& a : assignments) {
        auto eq = a.find('=');
        if (eq == std::string::npos || eq == 0)
            throw ParamError("expected name=value, got " + quoted(a) + "; parameters: " + known());
        std::string name = a.substr(0, eq);
        auto it = std::find_if(specs.begin(), specs.end(),
                               [&](const ParamSpec& s) { return s.name == name; });
        if (it == specs.end())
            throw ParamError("unknown parameter " + quoted(name) + "; parameters: " + known());
        // A second value would silently win over the first: say so instead.
        if (!given.insert(name).second)
            throw ParamError("parameter " + quoted(name) + " is given twice (" + quoted(a) +
                             " again); give each parameter once");
        params.set(name, parse_value(*it, a.substr(eq + 1)));
    }
    return params;
}

const ParamValue& Params::at(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end())
        throw ParamError("no parameter '" + name + "'");
    return it->second;
}

std::int64_t Params::integer(const std::string& name) const {
    const ParamValue& v = at(name);
    if (auto p = std::get_if<std::int64_t>(&v))
        return *p;
    throw ParamError("parameter '" + name + "' is not an integer");
}

double Params::real(const std::string& name) const {
    const ParamValue& v = at(name);
    if (auto p = std::get_if<double>(&v))
        return *p;
    if (auto p = std::get_if<std::int64_t>(&v))
        return double(*p);
    throw ParamError("parameter '" + name + "' is not a number");
}

bool Params::boolean(const std::string& name) const {
    const ParamValue& v = at(name);
    if (auto p = std::get_if<bool>(&v))
        return *p;
    throw ParamError("parameter '" + name + "' is not a boolean");
}

const std::string& Params::text(const std::string& name) const {
    const ParamValue& v = at(name);
    if (auto p = std::get_if<std::string>(&v))
        return *p;
    throw ParamError("parameter '" + name + "' is not text");
}

std::string number_text(double v) {
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) // 2^53
        return std::to_string(static_cast<std::int64_t>(v));
    char buf[64]; // the shortest text that reads back as v, '.' in every locale
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

std::string value_text(const ParamValue& v) {
    if (auto p = std::get_if<std::int64_t>(&v))
        return std::to_string(*p);
    if (auto p = std::get_if<double>(&v))
        return number_text(*p);
    if (auto p = std::get_if<bool>(&v))
        return *p ? "true" : "false";
    return std::get<std::string>(v);
}

std::string_view param_type_name(ParamType t) {
    switch (t) {
    case ParamType::Int:
        return "int";
    case ParamType::Real:
        return "real";
    case ParamType::Bool:
        return "bool";
    case ParamType::Choice:
        return "choice";
    case ParamType::Text:
        return "text";
    }
    return "unknown";
}

} // namespace il::scenario
