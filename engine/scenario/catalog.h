// Every scenario the engine ships, in the order the browser lists them.
#pragma once

#include "scenario/scenario.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace il::scenario {

const std::vector<std::unique_ptr<Scenario>>& catalog();
// Chapter names in the order a reader meets them (the tutorial's order),
// then any other chapter a scenario names, in catalog order. Every chapter
// listed here appears even before a scenario uses it.
std::vector<std::string> chapters();
// nullptr when there is no such id.
const Scenario* find_scenario(std::string_view id);
// The scenario the app runs when nothing was chosen.
constexpr std::string_view kDefaultScenario = "producer-consumer";

} // namespace il::scenario
