// Judging runs that are meant to deadlock: a scenario that teaches a deadlock
// passes when the engine found the cycle the scenario built. Pure functions
// over the diagnostics judge_stopped() receives; no thread-safety needs.
#pragma once

#include "analysis/diagnostic.h"
#include "scenario/scenario.h"

#include <cstddef>
#include <string>
#include <vector>

namespace il::scenarios {

// The first "deadlock" diagnostic whose cycle has exactly `lanes` distinct
// lanes and `objects` distinct objects, or nullptr. judge_stopped() sees ids,
// not names, so a scenario recognises its cycle by shape: it knows how many
// lanes could ever wait on which locks, and that no other lane (not "main",
// which only joins) can be part of a cycle.
const analysis::Diagnostic* find_cycle(const std::vector<analysis::Diagnostic>& found,
                                       std::size_t lanes, std::size_t objects);

// The outcome of a run stopped on a deadlock that was expected: ok iff
// find_cycle() finds one of that shape. `expected` says what that cycle is,
// for the message ("all 5 philosophers and all 5 forks").
scenario::Outcome judge_expected_cycle(const std::vector<analysis::Diagnostic>& found,
                                       std::size_t lanes, std::size_t objects,
                                       const std::string& expected);

// The outcome of a run stopped although its variant should never block for
// good: not ok, and the message says what the engine found.
scenario::Outcome judge_unexpected_stop(const std::vector<analysis::Diagnostic>& found,
                                        const std::string& variant);

} // namespace il::scenarios
