// Charts and the timeline written to files, headless as the CLI does it
// (main makes the application with ensure_chart_application): SVG that
// parses and names the series, PNG of the asked size and DPI and not blank,
// PDF with its header, CSV matching the series, and clear errors that leave
// nothing behind.
#include "chart_fixture.h"
#include "charts/chart_export.h"
#include "charts/run_charts.h"
#include "charts/sweep_charts.h"
#include "export/export_error.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "timeline/timeline_export.h"
#include "timeline/timeline_view.h"
#include "view_fixture.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using il::exporter::ExportError;
using il::ui::ChartExportOptions;
using il::ui::ChartKind;

namespace {

// Every <text> of an SVG, or an error message when it does not parse.
QStringList svg_texts(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = "cannot open";
        return {};
    }
    QXmlStreamReader xml(&f);
    QStringList texts;
    bool root_svg = false, first = true;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (first)
                root_svg = xml.name() == QLatin1String("svg");
            first = false;
            if (xml.name() == QLatin1String("text"))
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    else if (!root_svg)
        *error = "the root element is not <svg>";
    return texts;
}

QByteArray head(const QString& path, int n) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

// The error's message, or "no error".
template <class F> std::string error_of(F f) {
    try {
        f();
    } catch (const ExportError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

class TestChartExport : public QObject {
    Q_OBJECT
private slots:
    void applicationIsThere();
    void svgParsesAndNamesSeries();
    void pngHasSizeAndDpi();
    void pngDarkTheme();
    void pdfHasHeader();
    void csvMatchesSeries();
    void sweepChartsExport();
    void crowdedCategories();
    void badExtension();
    void badOptions();
    void unwritablePathLeavesNothing();
    void timelinePngAndSvg();
    void timelineFromView();

private:
    QTemporaryDir dir_;
    QString file(const char* name) const { return dir_.filePath(name); }
};

void TestChartExport::applicationIsThere() {
    QVERIFY(qobject_cast<QApplication*>(QCoreApplication::instance()));
    QCOMPARE(il::ui::ensure_chart_application(), 0); // again: the same one
    QCOMPARE(QGuiApplication::platformName(), QString("offscreen"));
}

void TestChartExport::svgParsesAndNamesSeries() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::Utilisation);
    const QString path = file("utilisation.svg");
    il::ui::export_chart(chart, path.toStdString());
    QString error;
    const QStringList texts = svg_texts(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char* name : {"Running", "Blocked", "Sleeping", "alpha", "gamma"})
        QVERIFY2(texts.contains(name), name);
    QVERIFY(texts.contains(chart.title));
    QVERIFY(texts.contains(chart.y_label));
}

void TestChartExport::pngHasSizeAndDpi() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::QueueFill);
    for (int dpi : {96, 300}) {
        const QString path = file("fill.png");
        il::ui::export_chart(chart, path.toStdString(), {900, 500, dpi, false});
        QImage img(path);
        QCOMPARE(img.size(), QSize(900, 500));
        QCOMPARE(img.dotsPerMeterX(), qRound(dpi / 0.0254));
        QCOMPARE(img.dotsPerMeterY(), qRound(dpi / 0.0254));
        QVERIFY(il::test::drawn(img));
    }
}

void TestChartExport::pngDarkTheme() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::LockHold);
    il::ui::export_chart(chart, file("light.png").toStdString(), {400, 300, 96, false});
    il::ui::export_chart(chart, file("dark.png").toStdString(), {400, 300, 96, true});
    QVERIFY(QColor(QImage(file("light.png")).pixel(2, 2)).lightness() > 128);
    QVERIFY(QColor(QImage(file("dark.png")).pixel(2, 2)).lightness() < 128);
}

void TestChartExport::pdfHasHeader() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::Throughput);
    const QString path = file("throughput.PDF"); // the extension in any case
    il::ui::export_chart(chart, path.toStdString(), {1200, 800, 150, false});
    QCOMPARE(head(path, 5), QByteArray("%PDF-"));
    QVERIFY(QFileInfo(path).size() > 1000);
}

void TestChartExport::csvMatchesSeries() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::LockHold);
    const QString path = file("hold.csv");
    il::ui::export_chart(chart, path.toStdString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QStringList expected{"from (µs)", "to (µs)"};
    for (const auto& s : chart.series)
        expected << s.name + " (" + s.unit + ")";
    QCOMPARE(lines.front().split(','), expected);
    QCOMPARE(lines.size(), chart.categories.size() + 1);
    for (const QString& line : lines)
        QCOMPARE(line.count(','), expected.size() - 1);
}

void TestChartExport::sweepChartsExport() {
    const auto sweep = il::test::hand_sweep();
    for (ChartKind k : il::ui::sweep_chart_kinds()) {
        const auto chart = il::ui::sweep_chart(sweep, k);
        const QString path = file("sweep.svg");
        il::ui::export_chart(chart, path.toStdString());
        QString error;
        const QStringList texts = svg_texts(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const auto& s : chart.series)
            QVERIFY2(texts.contains(s.name), qPrintable(s.name));
        il::ui::export_chart(chart, file("sweep.png").toStdString(), {640, 480, 96, false});
        QVERIFY(il::test::drawn(QImage(file("sweep.png"))));
    }
    QVERIFY(il::ui::sweep_chart(sweep, ChartKind::Speedup).shade_label.size() > 0);
}

void TestChartExport::crowdedCategories() {
    // 500 lanes: no label per bar; the title counts them instead.
    il::ui::ChartData c;
    c.layout = il::ui::ChartLayout::StackedBars;
    c.title = "Lane utilisation";
    c.x_label = "Lane";
    c.y_label = "Time (ms)";
    il::ui::ChartSeries s{"Running", "ms", il::ui::SeriesShape::Bar, {}, {}};
    for (int i = 0; i < 500; ++i) {
        c.categories << QString("task-%1").arg(i);
        s.values.push_back(i % 7 + 1);
    }
    c.series.push_back(s);
    const QString path = file("crowded.svg");
    il::ui::export_chart(c, path.toStdString());
    QString error;
    const QStringList texts = svg_texts(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(texts.contains("Lane utilisation (Lane: 500)"));
    QVERIFY(!texts.contains("task-1"));
    il::ui::export_chart(c, file("crowded.png").toStdString(), {800, 400, 96, false});
    QVERIFY(il::test::drawn(QImage(file("crowded.png"))));
}

void TestChartExport::badExtension() {
    const auto chart = il::ui::run_chart(*il::test::plain_run(), ChartKind::Utilisation);
    const QString path = file("chart.jpg");
    const std::string msg = error_of([&] { il::ui::export_chart(chart, path.toStdString()); });
    QVERIFY2(msg.find(".png, .svg, .pdf or .csv") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("chart.jpg") != std::string::npos, msg.c_str());
    QVERIFY(!QFile::exists(path));
    QVERIFY(error_of([&] { il::ui::export_chart(chart, file("noext").toStdString()); }) !=
            "no error");
}

void TestChartExport::badOptions() {
    const auto chart = il::ui::run_chart(*il::test::plain_run(), ChartKind::Utilisation);
    const std::string path = file("small.png").toStdString();
    std::string msg = error_of([&] { il::ui::export_chart(chart, path, {50, 400, 96, false}); });
    QVERIFY2(msg.find("50x400 px is outside 100..16000") != std::string::npos, msg.c_str());
    msg = error_of([&] { il::ui::export_chart(chart, path, {800, 600, 5000, false}); });
    QVERIFY2(msg.find("DPI 5000 is outside 36..1200") != std::string::npos, msg.c_str());
    msg = error_of([&] { il::ui::export_chart(chart, path, {16000, 16000, 96, false}); });
    QVERIFY2(msg.find("megapixels") != std::string::npos, msg.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
}

void TestChartExport::unwritablePathLeavesNothing() {
    const auto chart = il::ui::run_chart(*il::test::busy_run(), ChartKind::Utilisation);
    QTemporaryDir here;
    QFile plain(here.filePath("plain"));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    QVERIFY(QDir(here.path()).mkdir("taken.png")); // a directory where the file should go
    // Under a regular file (ENOTDIR) and onto a directory (EISDIR), every format.
    for (const QString& path : {here.filePath("plain/chart.png"), here.filePath("plain/chart.csv"),
                                here.filePath("taken.png"), here.filePath("missing/chart.pdf")}) {
        const std::string msg = error_of([&] { il::ui::export_chart(chart, path.toStdString()); });
        QVERIFY2(msg.find("cannot write '" + path.toStdString() + "': ") == 0, msg.c_str());
    }
    QCOMPARE(QDir(here.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({"plain", "taken.png"}));
    QVERIFY(QFileInfo(here.filePath("taken.png")).isDir());
}

void TestChartExport::timelinePngAndSvg() {
    const auto run = il::test::busy_run();
    const QString png = file("timeline.png");
    il::ui::TimelineExportOptions o;
    o.width = 1000;
    il::ui::export_timeline(*run, png.toStdString(), o);
    const QImage img(png);
    il::ui::TimelineLayout layout(run->snapshot);
    QCOMPARE(img.size(), QSize(1000, std::max(100, 24 + layout.height())));
    QVERIFY(il::test::drawn(img));
    const QString svg = file("timeline.svg");
    o.height = 300;
    o.dark = true;
    il::ui::export_timeline(*run, svg.toStdString(), o);
    QString error;
    const QStringList texts = svg_texts(svg, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char* lane : {"alpha", "beta", "gamma"})
        QVERIFY2(texts.contains(lane), lane);
    const std::string msg =
        error_of([&] { il::ui::export_timeline(*run, file("t.pdf").toStdString(), o); });
    QVERIFY2(msg.find(".png or .svg") != std::string::npos, msg.c_str());
    o.width = 20;
    QVERIFY(error_of([&] { il::ui::export_timeline(*run, png.toStdString(), o); }) != "no error");
}

void TestChartExport::timelineFromView() {
    il::test::ViewFixture<il::ui::TimelineView> f(il::test::busy_run(), QSize(700, 200));
    // Zoomed on the lock handover: the picture shows the same window.
    f.window.setWindow(HandTrace::kStart + 1 * il::test::ms, HandTrace::kStart + 5 * il::test::ms);
    const QString path = file("view.png");
    il::ui::export_timeline(f.view, path.toStdString(), QSize(1200, 0));
    const QImage img(path);
    QCOMPARE(img.width(), 1200);
    QCOMPARE(img.height(), std::max(100, 24 + f.view.timelineLayout().height()));
    QVERIFY(il::test::drawn(img));
    QCOMPARE(f.window.windowStart(), HandTrace::kStart + 1 * il::test::ms); // untouched
}

int main(int argc, char** argv) {
    // As the CLI does: no application yet, make one.
    if (QCoreApplication::instance() || il::ui::ensure_chart_application() != 0)
        return 1;
    TestChartExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_chart_export.moc"
