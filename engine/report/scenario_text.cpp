#include "report/scenario_text.h"

#include "scenario/catalog.h"

#include <algorithm>
#include <sstream>

namespace il::report {

using scenario::ParamSpec;
using scenario::ParamType;

nlohmann::ordered_json scenario_json(const scenario::ScenarioInfo& info) {
    nlohmann::ordered_json j;
    j["id"] = info.id;
    j["title"] = info.title;
    j["chapter"] = info.chapter;
    j["teaches"] = info.teaches;
    j["watch_for"] = info.watch_for;
    j["python"] = info.python;
    auto params = nlohmann::ordered_json::array();
    for (const ParamSpec& p : info.params) {
        nlohmann::ordered_json pj;
        pj["name"] = p.name;
        pj["type"] = scenario::param_type_name(p.type);
        pj["default"] = p.default_value;
        if (p.type == ParamType::Int || p.type == ParamType::Real) {
            pj["min"] = p.min;
            pj["max"] = p.max;
        }
        if (p.type == ParamType::Choice)
            pj["choices"] = p.choices;
        pj["help"] = p.help;
        params.push_back(pj);
    }
    j["params"] = params;
    return j;
}

std::string describe_text(const scenario::ScenarioInfo& info) {
    std::ostringstream out;
    out << info.id << " — " << info.title << "  [" << info.chapter << "]\n\n";
    out << "What it teaches:\n  " << info.teaches << "\n\n";
    out << "What to watch for:\n  " << info.watch_for << "\n\n";
    out << "Parameters:\n";
    if (info.params.empty())
        out << "  (none)\n";
    for (const ParamSpec& p : info.params)
        out << "  " << p.name << "=" << p.default_value << "    " << p.help << " (" << p.allowed()
            << ")\n";
    out << "\nPython sketch:\n";
    std::istringstream lines(info.python);
    for (std::string line; std::getline(lines, line);)
        out << "    " << line << "\n";
    return out.str();
}

// By chapter, in chapters() order; scenarios keep catalog order inside one.
std::string list_text() {
    std::size_t width = 0;
    for (const auto& s : scenario::catalog())
        width = std::max(width, s->info().id.size());
    std::ostringstream out;
    for (const std::string& chapter : scenario::chapters()) {
        bool heading = false;
        for (const auto& s : scenario::catalog()) {
            const auto& i = s->info();
            if (i.chapter != chapter)
                continue;
            if (!heading)
                out << chapter << ":\n";
            heading = true;
            out << "  " << i.id << std::string(width + 2 - i.id.size(), ' ') << i.title << "\n";
        }
    }
    return out.str();
}

nlohmann::ordered_json list_json() {
    auto all = nlohmann::ordered_json::array();
    for (const auto& s : scenario::catalog()) {
        const auto& i = s->info();
        all.push_back({{"id", i.id}, {"title", i.title}, {"chapter", i.chapter}});
    }
    return all;
}

} // namespace il::report
