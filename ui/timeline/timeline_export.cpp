#include "timeline/timeline_export.h"

#include "export/atomic_file.h"
#include "export/export_error.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_lod.h"
#include "timeline/timeline_painter.h"
#include "timeline/timeline_view.h"

#include <QBuffer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>

namespace il::ui {

namespace {

using exporter::ExportError;

constexpr int kMinSide = 100, kMaxSide = 16000;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw ExportError(path, "cannot export '" + path + "': " + why);
}

// True for SVG, false for PNG; anything else is an error.
bool is_svg(const std::string& path) {
    const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
    if (suffix != "png" && suffix != "svg")
        fail(path, "unknown format for a timeline; use a file name ending in .png or .svg");
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        fail(path, "drawing the timeline needs a QGuiApplication "
                   "(call ensure_chart_application first)");
    return suffix == "svg";
}

// Height 0: every row below the ruler, within the size limits.
QSize checked_size(const std::string& path, QSize size, const TimelineScene& scene) {
    if (size.height() == 0)
        size.setHeight(std::clamp(scene.ruler_height + scene.layout->height(), kMinSide, kMaxSide));
    if (size.width() < kMinSide || size.width() > kMaxSide || size.height() < kMinSide ||
        size.height() > kMaxSide)
        fail(path, "size " + std::to_string(size.width()) + "x" + std::to_string(size.height()) +
                       " px is outside " + std::to_string(kMinSide) + ".." +
                       std::to_string(kMaxSide) + " px per side");
    return size;
}

void write(const std::string& path, bool svg, TimelineScene scene, const QPalette& palette) {
    const QSize size = scene.area.size();
    TimelinePainter painter;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (svg) {
        QSvgGenerator gen;
        gen.setOutputDevice(&buffer);
        gen.setResolution(96); // fonts as on screen
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        QPainter p(&gen);
        painter.paint(p, scene, palette);
    } else {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(palette.color(QPalette::Base));
        {
            QPainter p(&image);
            painter.paint(p, scene, palette);
        }
        if (!image.save(&buffer, "PNG"))
            fail(path, "the image could not be encoded");
    }
    exporter::write_file_atomically(path, std::string_view(bytes.constData(), bytes.size()));
}

QPalette theme(bool dark) {
    // QPalette(button) derives the rest: a dark one gets a black base, white text.
    return dark ? QPalette(QColor(0x35, 0x35, 0x35)) : QPalette(QColor(0xef, 0xef, 0xef));
}

} // namespace

void export_timeline(const RunData& run, const std::string& path,
                     const TimelineExportOptions& options) {
    const bool svg = is_svg(path);
    const std::vector<LaneLod> lods = build_lane_lods(run.snapshot, run.summary);
    const TimelineLayout layout(run.snapshot);
    TimelineScene s;
    s.snapshot = &run.snapshot;
    s.summary = &run.summary;
    s.lods = &lods;
    s.layout = &layout;
    s.t0 = options.t0 < options.t1 ? options.t0 : run.summary.range.begin;
    s.t1 = options.t0 < options.t1 ? options.t1 : run.summary.range.end;
    s.origin = run.summary.range.begin;
    s.playhead = s.t0 - (s.t1 - s.t0) - 1; // left of the picture: no playhead line
    // names_width and ruler_height: the scene's defaults, as the view draws them.
    s.area = QRect(QPoint(0, 0), checked_size(path, {options.width, options.height}, s));
    write(path, svg, s, theme(options.dark));
}

void export_timeline(const TimelineView& view, const std::string& path, QSize size) {
    const bool svg = is_svg(path);
    TimelineScene s = view.scene();
    if (size.height() == 0)
        s.scroll = 0; // every row, from the first
    s.area = QRect(QPoint(0, 0), checked_size(path, size, s));
    write(path, svg, s, view.palette());
}

} // namespace il::ui
