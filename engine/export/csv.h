// The statistics as one CSV table in long ("tidy") form, one metric per row:
//
//   section,id,name,kind,metric,value,unit
//   lane,1,main,thread,running_ns,1200,ns
//   lock,3,counter_lock,lock,contended_pct,42.5,%
//
// section is lane, lock, semaphore or queue; id the LaneId or ObjectId; kind
// the lane or object kind. One shape for every section, so spreadsheets and
// pandas (df.pivot) read it directly and new metrics add rows, not columns.
// Wait/hold distributions give <name>_count, then (when not 0) _min_ns,
// _median_ns, _p95_ns, _max_ns, _mean_ns and _total_ns.
// RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted
// and their quotes doubled. Stateless functions.
#pragma once

#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <iosfwd>
#include <string>
#include <string_view>

namespace il::exporter {

void write_stats_csv(std::ostream& out, const trace::Snapshot& snapshot,
                     const analysis::Summary& summary);

// The same into `path`, atomically. Throws ExportError.
void export_stats_csv(const std::string& path, const trace::Snapshot& snapshot,
                      const analysis::Summary& summary);

// One RFC 4180 field: as is, or quoted with its quotes doubled.
std::string csv_field(std::string_view text);

// A number for a CSV cell: fixed notation with at most `decimals` decimals,
// trailing zeros dropped (42.5, 0.333, 7), '.' in every locale; "" for a
// value that is not finite.
std::string csv_number(double v, int decimals = 3);

} // namespace il::exporter
