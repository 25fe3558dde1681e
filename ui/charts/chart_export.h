// Writes a chart to a file: PNG, SVG or PDF of the drawn chart, or CSV of
// the data behind it, by the path's extension. Whole file or nothing: the
// bytes are made in memory, then written atomically (export/atomic_file.h).
// Stateless; GUI thread (the image formats draw a QChart).
//
// Headless use (the CLI): call ensure_chart_application() first; it makes a
// QApplication on the offscreen platform when there is none. CSV needs no
// application.
#pragma once

#include "charts/chart_data.h"

#include <string>

namespace il::ui {

struct ChartExportOptions {
    int width = 1200; // px (PNG exactly; SVG and PDF: the page size at `dpi`)
    int height = 800; // px
    // Written into the PNG (and the PDF's resolution). Text keeps its
    // physical size at this DPI as long as the chart keeps at least
    // kMinLayoutWidth px of layout width; past that the text shrinks.
    int dpi = 96;
    bool dark = false; // the dark theme (the light one prints better)

    static constexpr int kMinSide = 100, kMaxSide = 16000;
    static constexpr long long kMaxPixels = 64'000'000; // width * height: 256 MB as an image
    static constexpr int kMinDpi = 36, kMaxDpi = 1200;
    static constexpr int kMinLayoutWidth = 640;
};

// Makes sure a QApplication exists: returns 0 when one does (already there
// or made now; QT_QPA_PLATFORM defaults to "offscreen" when unset), 1 when
// another kind of application object (QCoreApplication/QGuiApplication)
// exists and charts cannot be drawn. The application it makes lives until
// the process exits and is never destroyed (destroying it from an exit
// handler crashes in Qt's already destroyed globals). Call from the main thread.
int ensure_chart_application();

// Format from the extension (.png .svg .pdf .csv, any case). Throws
// il::exporter::ExportError (path + reason): another extension (the message
// lists the allowed ones), options outside their ranges, no QApplication for
// an image format, or the OS refusing the write (nothing is left behind).
void export_chart(const ChartData& chart, const std::string& path,
                  const ChartExportOptions& options = {});

// "png, svg, pdf, csv".
const char* chart_export_formats();

} // namespace il::ui
