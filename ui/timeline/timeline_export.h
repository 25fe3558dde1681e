// The timeline as a picture: PNG or SVG (by the path's extension) of the
// lanes with their names, the ruler and the state bars, drawn by the same
// TimelinePainter the view uses. Written atomically: whole file or nothing.
// Stateless; GUI thread (needs a QGuiApplication for fonts; headless callers:
// charts/chart_export.h ensure_chart_application()).
#pragma once

#include "model/run_data.h"

#include <QSize>

#include <cstdint>
#include <string>

namespace il::ui {

class TimelineView;

struct TimelineExportOptions {
    // Visible window in trace time (ns); t0 >= t1: the whole run.
    std::int64_t t0 = 0, t1 = 0;
    int width = 1600; // px
    int height = 0;   // px; 0: tall enough for every lane
    bool dark = false;
};

// The run's timeline. Throws il::exporter::ExportError: an extension other
// than .png/.svg (the message lists them), a size outside 100..16000 px,
// or the OS refusing the write.
void export_timeline(const RunData& run, const std::string& path,
                     const TimelineExportOptions& options = {});

// What the view shows now (its window, collapsed processes, playhead and
// selection), at `size` (height 0: every lane, no scrolling); the palette's
// theme. Same errors.
void export_timeline(const TimelineView& view, const std::string& path, QSize size);

} // namespace il::ui
