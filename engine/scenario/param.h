// Scenario parameters: their specs (name, type, default, range, help), the
// parser that turns "name=value" text into typed values, and the typed values.
// Every check happens here, before anything runs; a bad value gets a message
// that names the parameter and what is allowed. Plain values, thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace il::scenario {

enum class ParamType { Int, Real, Bool, Choice, Text };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Int;
    std::string default_value; // as the user would type it
    double min = 0;            // Int and Real: inclusive range
    double max = 0;
    std::vector<std::string> choices; // Choice: the allowed words
    std::string help;

    static ParamSpec integer(std::string name, std::int64_t def, std::int64_t min, std::int64_t max,
                             std::string help);
    static ParamSpec real(std::string name, double def, double min, double max, std::string help);
    static ParamSpec boolean(std::string name, bool def, std::string help);
    static ParamSpec choice(std::string name, std::string def, std::vector<std::string> choices,
                            std::string help);
    static ParamSpec text(std::string name, std::string def, std::string help);

    // "integer in 1..64", "one of naive, ordered", ... for messages and forms.
    std::string allowed() const;
};

using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

// A bad parameter: unknown name, wrong type, out of range, malformed.
struct ParamError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

class Params {
public:
    std::int64_t integer(const std::string& name) const;
    double real(const std::string& name) const;
    bool boolean(const std::string& name) const;
    const std::string& text(const std::string& name) const; // Choice and Text

    const std::map<std::string, ParamValue>& values() const { return values_; }
    void set(const std::string& name, ParamValue v) { values_[name] = std::move(v); }

private:
    const ParamValue& at(const std::string& name) const;
    std::map<std::string, ParamValue> values_;
};

// Checks one value typed for `spec`; the message on failure names the
// parameter, the value and what is allowed.
ParamValue parse_value(const ParamSpec& spec, const std::string& text);
// Defaults of every spec, overridden by "name=value" assignments. Throws ParamError.
Params parse_params(const std::vector<ParamSpec>& specs,
                    const std::vector<std::string>& assignments);
std::string value_text(const ParamValue& v);
// A number as a person writes it: whole numbers exactly ("1000000", not
// "1e+06"), others as short as they go.
std::string number_text(double v);
std::string_view param_type_name(ParamType t);

} // namespace il::scenario
