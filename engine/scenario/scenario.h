// What a scenario is: its description (for the browser, the CLI and the
// Python sketch pane), its parameter specs, a run function that uses engine
// primitives only, and the outcome its own check reached.
#pragma once

#include "analysis/diagnostic.h"
#include "run/session.h"
#include "scenario/param.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace il::scenario {

struct ScenarioInfo {
    std::string id;        // "counter": what the CLI takes
    std::string title;     // "Shared counter: lock vs race"
    std::string chapter;   // "Threading", "Primitives", "Classic problems", ...
    std::string teaches;   // one paragraph: the idea
    std::string watch_for; // one paragraph: what to look at in the views
    std::string python;    // a short Python sketch of the same idea
    std::vector<ParamSpec> params;
};

// The result of a scenario's own outcome check.
struct Outcome {
    bool ok = false;
    std::string message;                                              // one line a learner can read
    nlohmann::ordered_json values = nlohmann::ordered_json::object(); // "final", "expected", ...
};

class Scenario {
public:
    virtual ~Scenario() = default;
    virtual const ScenarioInfo& info() const = 0;
    // Runs on the session's "main" lane with already validated parameters.
    // May throw il::Cancelled when the session stops; the runner reports that.
    virtual Outcome run(Session& session, const Params& params) const = 0;

    // Judges a run the engine stopped because it found a deadlock or a stall
    // (`found` holds those diagnostics). A scenario built to deadlock passes
    // here when the right cycle was found; by default such a run fails.
    virtual Outcome judge_stopped(const Params& params,
                                  const std::vector<analysis::Diagnostic>& found) const;
};

} // namespace il::scenario
