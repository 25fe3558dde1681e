#include "runfile/detail/validate.h"

#include "runfile/detail/bytes.h"
#include "runfile/detail/format.h"
#include "scenario/catalog.h"

#include <algorithm>
#include <cmath>

namespace il::runfile::detail {

using trace::Kind;
using trace::ObjectKind;

namespace {

[[noreturn]] void damage(const std::string& what) {
    throw Damage(what);
}

std::string n(std::size_t v) {
    return std::to_string(v);
}

std::string record_text(const trace::Record& r, std::size_t i) {
    return "record " + n(i) + " (" + std::string(trace::kind_name(r.kind)) + ")";
}

} // namespace

void check_registry(const trace::Snapshot& s) {
    for (std::size_t i = 0; i < s.lanes.size(); ++i) {
        const trace::LaneInfo& l = s.lanes[i];
        const std::string who = "lane " + n(i);
        if (l.id != i)
            damage(who + " says it is lane " + n(l.id));
        if (trace::lane_kind_name(l.kind) == "unknown")
            damage(who + " has an unknown kind (" + n(std::size_t(l.kind)) + ")");
        if (i == 0) {
            if (l.object != 0 || l.parent != 0)
                damage("the placeholder lane 0 refers to other entries");
            continue;
        }
        if (l.object == 0 || l.object >= s.objects.size())
            damage(who + " '" + l.name + "' has object " + n(l.object) + ", which does not exist");
        const trace::ObjectInfo& o = s.objects[l.object];
        if (o.kind != ObjectKind::Lane || o.lane != i)
            damage(who + " '" + l.name + "' has object " + n(l.object) +
                   ", which is not that lane's own object");
        if (l.parent >= i)
            damage(who + " '" + l.name + "' has parent " + n(l.parent) +
                   "; a parent must be an earlier lane");
    }
    for (std::size_t i = 0; i < s.objects.size(); ++i) {
        const trace::ObjectInfo& o = s.objects[i];
        const std::string who = "object " + n(i);
        if (o.id != i)
            damage(who + " says it is object " + n(o.id));
        if (trace::object_kind_name(o.kind) == "unknown")
            damage(who + " has an unknown kind (" + n(std::size_t(o.kind)) + ")");
        if (o.related >= s.objects.size())
            damage(who + " '" + o.name + "' refers to object " + n(o.related) +
                   ", which does not exist");
        if (o.lane >= s.lanes.size())
            damage(who + " '" + o.name + "' refers to lane " + n(o.lane) +
                   ", which does not exist");
        if (o.capacity < 0)
            damage(who + " '" + o.name + "' has a negative capacity");
        if (o.kind == ObjectKind::Queue && o.detail > std::uint16_t(trace::QueueOrder::Priority))
            damage(who + " '" + o.name + "' has an unknown queue order (" + n(o.detail) + ")");
        if (i > 0 && o.kind == ObjectKind::Lane && (o.lane == 0 || s.lanes[o.lane].object != i))
            damage(who + " '" + o.name + "' is a lane's object, but no lane " + n(o.lane) +
                   " owns it");
    }
}

void check_records(const trace::Snapshot& s) {
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < s.records.size(); ++i) {
        const trace::Record& r = s.records[i];
        if (trace::kind_name(r.kind) == "unknown")
            damage("record " + n(i) + " has an unknown kind (" + n(std::size_t(r.kind)) + ")");
        if (r.lane >= s.lanes.size())
            damage("lane " + n(r.lane) + " of " + record_text(r, i) + " does not exist (the " +
                   "trace has " + n(s.lanes.size()) + " lane entries)");
        if (r.object >= s.objects.size())
            damage("object " + n(r.object) + " of " + record_text(r, i) + " does not exist (the " +
                   "trace has " + n(s.objects.size()) + " object entries)");
        if (r.t_ns < 0 || r.t_ns > kMaxTime)
            damage("the time of " + record_text(r, i) + " is " + std::to_string(r.t_ns) +
                   " ns, outside 0.." + std::to_string(kMaxTime));
        if (r.t_ns < previous)
            damage(record_text(r, i) + " is earlier than the record before it");
        previous = r.t_ns;
        const auto c = r.c;
        if (r.kind == Kind::WaitBegin && trace::wait_reason_name(trace::WaitReason(c)) == "unknown")
            damage(record_text(r, i) + " has an unknown wait reason (" + n(c) + ")");
        if (r.kind == Kind::WaitEnd && trace::wait_result_name(trace::WaitResult(c)) == "unknown")
            damage(record_text(r, i) + " has an unknown wait result (" + n(c) + ")");
        if (r.kind == Kind::LaneEnd && c > std::uint16_t(trace::LaneEndReason::Abandoned))
            damage(record_text(r, i) + " has an unknown end reason (" + n(c) + ")");
        // Analysis adds a sleep's length to its start.
        if (r.kind == Kind::SleepBegin && (r.a > kMaxTime || r.a < -kMaxTime))
            damage(record_text(r, i) + " asks for a sleep of " + std::to_string(r.a) + " ns");
    }
}

void check_diagnostics(const std::vector<analysis::Diagnostic>& ds, const trace::Snapshot& s) {
    for (std::size_t i = 0; i < ds.size(); ++i) {
        for (trace::LaneId l : ds[i].lanes)
            if (l >= s.lanes.size())
                damage("diagnostic " + n(i) + " names lane " + n(l) + ", which does not exist");
        for (trace::ObjectId o : ds[i].objects)
            if (o >= s.objects.size())
                damage("diagnostic " + n(i) + " names object " + n(o) + ", which does not exist");
    }
}

void check_params(const std::string& id, scenario::Params& params) {
    using scenario::ParamType;
    for (const auto& [name, value] : params.values())
        if (const double* d = std::get_if<double>(&value); d && !std::isfinite(*d))
            damage("parameter '" + name + "' is not a finite number");
    const scenario::Scenario* sc = scenario::find_scenario(id);
    if (!sc)
        return;
    const auto& specs = sc->info().params;
    for (const auto& [name, value] : params.values()) {
        // (&n = name: clang before 16 cannot capture a structured binding.)
        auto it = std::find_if(specs.begin(), specs.end(),
                               [&n = name](const scenario::ParamSpec& p) { return p.name == n; });
        if (it == specs.end())
            damage("'" + name + "' is not a parameter of scenario '" + id + "'");
        const std::size_t want = it->type == ParamType::Int    ? 0
                                 : it->type == ParamType::Real ? 1
                                 : it->type == ParamType::Bool ? 2
                                                               : 3;
        if (value.index() != want)
            damage("parameter '" + name +
                   "' was saved as the wrong type; allowed: " + it->allowed());
        try {
            // The spec's own check, on the value as text; a real is compared directly,
            // since its text may round past the range's end.
            if (const double* d = std::get_if<double>(&value)) {
                if (*d < it->min || *d > it->max)
                    throw scenario::ParamError("parameter '" + name +
                                               "': " + scenario::value_text(value) +
                                               " is out of range; allowed: " + it->allowed());
            } else {
                scenario::parse_value(*it, scenario::value_text(value));
            }
        } catch (const scenario::ParamError& e) {
            damage(e.what());
        }
    }
    for (const scenario::ParamSpec& spec : specs)
        if (!params.values().count(spec.name))
            params.set(spec.name, scenario::parse_value(spec, spec.default_value));
}

nlohmann::ordered_json parse_values(const std::string& text) {
    using J = nlohmann::ordered_json;
    bool too_deep = false;
    J::parser_callback_t depth_check = [&](int depth, J::parse_event_t, J&) {
        too_deep = too_deep || depth > kMaxJsonDepth;
        return true;
    };
    J v = J::parse(text, depth_check, /*allow_exceptions=*/false);
    if (v.is_discarded())
        damage("the outcome's values are not valid JSON");
    if (too_deep)
        damage("the outcome's values nest deeper than " + n(kMaxJsonDepth) + " levels");
    if (!v.is_object())
        damage("the outcome's values are not a JSON object");
    return v;
}

} // namespace il::runfile::detail
