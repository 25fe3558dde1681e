// A scenario's description for the CLI: readable text and JSON.
#pragma once

#include "scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <string>

namespace il::report {

nlohmann::ordered_json scenario_json(const scenario::ScenarioInfo& info);
std::string describe_text(const scenario::ScenarioInfo& info);
// `interleave list`: scenarios grouped by chapter, in catalog order.
std::string list_text();
nlohmann::ordered_json list_json();

} // namespace il::report
