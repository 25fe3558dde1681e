// Chrome Trace Event JSON (the {"traceEvents": [...]} form) that Perfetto and
// chrome://tracing open: lanes as threads grouped by process, one slice per
// lane state, counters for queue fill and free permits, arrows for cause ->
// effect, instants for Marks and diagnostics. Stateless functions; the event
// array is streamed, never built as one document.
#pragma once

#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <iosfwd>
#include <string>

namespace il::exporter {

struct ChromeTraceOptions {
    std::string scenario; // the scenario id: names the main process, kept in otherData
};

// Timestamps are microseconds since snapshot.start_ns with 3 decimals (so
// nanoseconds survive). Lanes are tids (their LaneId), processes their pid.
// NotStarted and Done spans are left out: only activity is drawn.
// `summary` must be analysis::analyze(snapshot) (plus any diagnostics).
void write_chrome_trace(std::ostream& out, const trace::Snapshot& snapshot,
                        const analysis::Summary& summary, const ChromeTraceOptions& options = {});

// The same into `path`, atomically. Throws ExportError.
void export_chrome_trace(const std::string& path, const trace::Snapshot& snapshot,
                         const analysis::Summary& summary, const ChromeTraceOptions& options = {});

} // namespace il::exporter
