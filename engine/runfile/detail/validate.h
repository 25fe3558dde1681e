// The reader's checks of what the fields mean together: every id a record,
// lane, object or diagnostic holds names an entry that exists, enums are in
// range, times are ordered and sane, parameters still fit their scenario.
// Each throws Damage naming the first problem. Stateless functions.
#pragma once

#include "analysis/diagnostic.h"
#include "scenario/param.h"
#include "trace/snapshot.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace il::runfile::detail {

// Lanes and objects: index == id, valid kinds, each lane's own object points
// back at it, parents come before their children (no cycles), related ids exist.
void check_registry(const trace::Snapshot& s);

// Every record: a known kind, its lane and object exist, its time in
// 0..kMaxTime and not before the previous record's, its small argument a
// valid reason/result where the kind has one.
void check_records(const trace::Snapshot& s);

void check_diagnostics(const std::vector<analysis::Diagnostic>& ds, const trace::Snapshot& s);

// When the scenario exists in this build, every saved parameter must be one
// of its parameters, of the right type and in range; parameters it has
// gained since the file was saved get their defaults. An unknown scenario
// keeps its parameters as saved: the views and charts do not need it.
void check_params(const std::string& scenario, scenario::Params& params);

// The outcome's values: a JSON object, nested at most kMaxJsonDepth deep.
nlohmann::ordered_json parse_values(const std::string& text);

} // namespace il::runfile::detail
