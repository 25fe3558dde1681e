#include "charts/chart_export.h"

#include "charts/chart_render.h"
#include "export/atomic_file.h"
#include "export/export_error.h"

#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace il::ui {

namespace {

using exporter::ExportError;

constexpr double kScreenDpi = 96; // the DPI chart fonts are laid out for

enum class Format { Png, Svg, Pdf, Csv };

Format format_of(const std::string& path) {
    const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
    if (suffix == "png")
        return Format::Png;
    if (suffix == "svg")
        return Format::Svg;
    if (suffix == "pdf")
        return Format::Pdf;
    if (suffix == "csv")
        return Format::Csv;
    throw ExportError(path, "cannot export '" + path +
                                "': unknown format; use a file name ending in " +
                                chart_export_formats());
}

void check(const std::string& path, const ChartExportOptions& o) {
    using O = ChartExportOptions;
    auto bad = [&](const std::string& what) {
        throw ExportError(path, "cannot export '" + path + "': " + what);
    };
    if (o.width < O::kMinSide || o.width > O::kMaxSide || o.height < O::kMinSide ||
        o.height > O::kMaxSide)
        bad("size " + std::to_string(o.width) + "x" + std::to_string(o.height) + " px is outside " +
            std::to_string(O::kMinSide) + ".." + std::to_string(O::kMaxSide) + " px per side");
    if (static_cast<long long>(o.width) * o.height > O::kMaxPixels)
        bad("size " + std::to_string(o.width) + "x" + std::to_string(o.height) +
            " px is more than " + std::to_string(O::kMaxPixels / 1'000'000) + " megapixels");
    if (o.dpi < O::kMinDpi || o.dpi > O::kMaxDpi)
        bad("DPI " + std::to_string(o.dpi) + " is outside " + std::to_string(O::kMinDpi) + ".." +
            std::to_string(O::kMaxDpi));
}

// The chart's layout size: text keeps its physical size at the DPI, unless
// that leaves less than kMinLayoutWidth px of layout (then the text shrinks).
QSizeF layout_size(const ChartExportOptions& o) {
    const double wanted = o.dpi / kScreenDpi;
    const double most = std::max(1.0, o.width / double(ChartExportOptions::kMinLayoutWidth));
    const double scale = std::min(wanted, most);
    return {o.width / scale, o.height / scale};
}

// Draws the chart laid out at `logical` into `target` of the painter's device.
void paint(const ChartData& data, bool dark, QPainter& painter, const QRectF& target,
           QSizeF logical) {
    QGraphicsScene scene;
    QChart* chart = make_chart(data, dark); // the scene owns it from here
    scene.addItem(chart);
    // The chart's own background fills the picture edge to edge.
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->resize(logical);
    // Lay out now: the layout request is otherwise posted to a later event loop turn.
    chart->layout()->activate();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, target, QRectF(QPointF(0, 0), logical), Qt::IgnoreAspectRatio);
}

QByteArray png(const ChartData& data, const ChartExportOptions& o) {
    QImage image(o.width, o.height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        paint(data, o.dark, p, QRectF(0, 0, o.width, o.height), layout_size(o));
    }
    // Set after painting: fonts were resolved at screen DPI and scaled by the layout.
    const int dpm = static_cast<int>(o.dpi / 0.0254 + 0.5);
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray svg(const ChartData& data, const ChartExportOptions& o) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setResolution(int(kScreenDpi));
    gen.setSize(QSize(o.width, o.height));
    gen.setViewBox(QRect(0, 0, o.width, o.height));
    gen.setTitle(data.title);
    {
        QPainter p(&gen);
        paint(data, o.dark, p, QRectF(0, 0, o.width, o.height), layout_size(o));
    }
    return bytes;
}

QByteArray pdf(const ChartData& data, const ChartExportOptions& o) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(data.title);
    // A page of width/dpi by height/dpi inches. Vector output: the device's
    // own resolution only sets the font scale, kept at the screen's.
    writer.setResolution(int(kScreenDpi));
    writer.setPageSize(QPageSize(QSizeF(o.width / double(o.dpi), o.height / double(o.dpi)),
                                 QPageSize::Inch, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    {
        QPainter p(&writer);
        paint(data, o.dark, p, QRectF(0, 0, writer.width(), writer.height()), layout_size(o));
    }
    return bytes;
}

} // namespace

const char* chart_export_formats() {
    return ".png, .svg, .pdf or .csv";
}

// Without XDG_RUNTIME_DIR (a cron job, ssh without a session, a container)
// Qt falls back to /tmp/runtime-$USER and warns on stderr at every start.
// The same fallback, made quietly: only a directory that is ours and 0700.
static void use_private_runtime_dir() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QByteArray dir =
        QFile::encodeName(QDir::tempPath()) + "/runtime-" + QByteArray::number(::getuid());
    if (::mkdir(dir.constData(), 0700) != 0 && errno != EEXIST)
        return;
    struct stat st {};
    if (::lstat(dir.constData(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::getuid() &&
        (st.st_mode & 0777) == 0700)
        qputenv("XDG_RUNTIME_DIR", dir);
}

int ensure_chart_application() {
    if (QCoreApplication* app = QCoreApplication::instance())
        return qobject_cast<QApplication*>(app) ? 0 : 1;
    // A headless tool has no window to show: never ask for a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    use_private_runtime_dir();
    static int argc = 1;
    static char name[] = "interleave";
    static char* argv[] = {name, nullptr};
    // Never destroyed: by the time exit handlers run, Qt's own globals that
    // ~QApplication touches (input devices, ...) may be gone already.
    static QApplication* made = new QApplication(argc, argv);
    Q_UNUSED(made);
    return 0;
}

void export_chart(const ChartData& chart, const std::string& path,
                  const ChartExportOptions& options) {
    const Format format = format_of(path);
    if (format == Format::Csv) {
        exporter::write_file_atomically(path, chart_csv(chart));
        return;
    }
    check(path, options);
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        throw ExportError(path, "cannot export '" + path +
                                    "': drawing a chart needs a QApplication "
                                    "(call ensure_chart_application first)");
    QByteArray bytes;
    switch (format) {
    case Format::Png:
        bytes = png(chart, options);
        break;
    case Format::Svg:
        bytes = svg(chart, options);
        break;
    default:
        bytes = pdf(chart, options);
        break;
    }
    if (bytes.isEmpty())
        throw ExportError(path, "cannot export '" + path + "': the image could not be encoded");
    exporter::write_file_atomically(path, std::string_view(bytes.constData(), bytes.size()));
}

} // namespace il::ui
