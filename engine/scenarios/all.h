// One factory per scenario file; scenario/catalog.cpp lists them in order.
#pragma once

#include "scenario/scenario.h"

#include <memory>

namespace il::scenarios {

std::unique_ptr<scenario::Scenario> make_counter();

} // namespace il::scenarios
