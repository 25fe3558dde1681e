// One factory per scenario file; scenario/catalog.cpp lists them in order.
#pragma once

#include "scenario/scenario.h"

#include <memory>

namespace il::scenarios {

std::unique_ptr<scenario::Scenario> make_counter();
std::unique_ptr<scenario::Scenario> make_thread_pool();
std::unique_ptr<scenario::Scenario> make_semaphore();
std::unique_ptr<scenario::Scenario> make_condition_buffer();
std::unique_ptr<scenario::Scenario> make_event_pingpong();
std::unique_ptr<scenario::Scenario> make_producer_consumer();

} // namespace il::scenarios
