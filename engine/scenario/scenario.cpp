#include "scenario/scenario.h"

namespace il::scenario {

Outcome Scenario::judge_stopped(const Params&,
                                const std::vector<analysis::Diagnostic>& found) const {
    Outcome o;
    o.ok = false;
    o.message = found.empty() ? "stopped" : "stopped: " + found.front().message;
    return o;
}

} // namespace il::scenario
