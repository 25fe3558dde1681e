// The three ways the web-server project serves one handler: a thread per
// connection, a thread pool fed by a bounded queue of accepted connections,
// and an event loop with a coroutine per connection. Plain values.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace il::webserver {

enum class Model { Thread, Pool, Async };

// "thread", "pool", "async": what parameters and the command line take.
std::string_view model_name(Model m);
// The model named `name`, or nullopt.
std::optional<Model> parse_model(std::string_view name);
// Every model, in the order above.
const std::vector<Model>& all_models();

} // namespace il::webserver
