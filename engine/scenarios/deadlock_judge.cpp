#include "scenarios/deadlock_judge.h"

#include <set>

namespace il::scenarios {

const analysis::Diagnostic* find_cycle(const std::vector<analysis::Diagnostic>& found,
                                       std::size_t lanes, std::size_t objects) {
    for (const analysis::Diagnostic& d : found) {
        if (d.kind != "deadlock")
            continue;
        std::set<trace::LaneId> l(d.lanes.begin(), d.lanes.end());
        std::set<trace::ObjectId> o(d.objects.begin(), d.objects.end());
        if (l.size() == lanes && o.size() == objects && !l.count(0) && !o.count(0))
            return &d;
    }
    return nullptr;
}

scenario::Outcome judge_expected_cycle(const std::vector<analysis::Diagnostic>& found,
                                       std::size_t lanes, std::size_t objects,
                                       const std::string& expected) {
    scenario::Outcome o;
    const analysis::Diagnostic* d = find_cycle(found, lanes, objects);
    o.values["deadlock_found"] = d != nullptr;
    o.values["cycle_lanes"] = d ? d->lanes.size() : 0;
    o.values["cycle_objects"] = d ? d->objects.size() : 0;
    o.values["expected_lanes"] = lanes;
    o.values["expected_objects"] = objects;
    o.ok = d != nullptr;
    if (d)
        o.message = "deadlock detected, as expected: " + expected + " (" + d->message + ")";
    else if (found.empty())
        o.message = "stopped, but no deadlock was reported; expected " + expected;
    else
        o.message = "expected a deadlock of " + expected +
                    ", but the engine found: " + found.front().message;
    return o;
}

scenario::Outcome judge_unexpected_stop(const std::vector<analysis::Diagnostic>& found,
                                        const std::string& variant) {
    scenario::Outcome o;
    o.ok = false;
    o.values["variant"] = variant;
    o.message = "the " + variant + " variant must never get stuck, but the run was stopped" +
                (found.empty() ? std::string() : ": " + found.front().message);
    return o;
}

} // namespace il::scenarios
