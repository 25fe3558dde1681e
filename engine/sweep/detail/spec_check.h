// Checks shared by parse_sweep and run_sweep: a spec built by hand (the GUI)
// gets the same messages as one parsed from text. Stateless functions.
#pragma once

#include "scenario/scenario.h"
#include "sweep/sweep.h"

#include <string>

namespace il::sweep::detail {

inline constexpr std::size_t kMaxValues = 1000;
inline constexpr int kMaxRepeat = 100;

// The scenario's Int and Real parameters with what they allow:
// "workers (an integer in 1..64), work_ms (a number in 0..1000)", or "none".
std::string numeric_params(const scenario::Scenario& scenario);

// The swept parameter's spec; throws SweepError when `name` is unknown or
// not numeric.
const scenario::ParamSpec& swept_spec(const scenario::Scenario& scenario, const std::string& name);

// The scenario's `seed` parameter when it has an integer one and it is not
// the swept parameter: the sweep then sets it to seed + repeat.
const scenario::ParamSpec* seed_spec(const scenario::Scenario& scenario, const std::string& swept);

// The whole spec: values (count, range, whole numbers for Int), repeat,
// seeds and the other assignments. Returns the parameters every run starts
// from (the swept one and the seed are set per run). Throws SweepError.
scenario::Params check_spec(const scenario::Scenario& scenario, const SweepSpec& spec);

// Numbers in messages and the CSV as a person writes them.
using scenario::number_text;

} // namespace il::sweep::detail
