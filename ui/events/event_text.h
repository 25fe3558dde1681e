// Words for records: what a learner reads in the event log, tooltips and
// tables ("worker-1 acquired lock 'balance' (handed over by worker-2's
// release)"). Stateless, translated (context "il::ui::EventText"); call from
// the GUI thread.
#pragma once

#include "style/units.h" // duration_text, shared by every view

#include "model/run_data.h"
#include "trace/record.h"
#include "trace/registry.h"

#include <QString>

#include <cstddef>
#include <cstdint>

namespace il::ui {

// "Acquire", "Wait", "Put", ...: the short name of a kind of record.
QString event_kind_label(trace::Kind kind);
// "lock", "RLock", "bounded semaphore", "queue", ...
QString object_kind_label(trace::ObjectKind kind);
// The lane's registry name, or "lane 7".
QString lane_label(const trace::Snapshot& snapshot, trace::LaneId lane);
// The object's registry name ("balance"), or "object 12"; empty for 0.
QString object_label(const trace::Snapshot& snapshot, trace::ObjectId object);
// Time since the start of the run, always in ms so a column lines up: "12.345 ms".
QString time_since_start_text(const trace::Snapshot& snapshot, std::int64_t t_ns);

// One sentence about record `record` of data.snapshot, naming its cause when
// analysis found one (data.summary.flows). O(log flows).
QString describe_event(const RunData& data, std::size_t record);

} // namespace il::ui
