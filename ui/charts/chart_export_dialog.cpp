#include "charts/chart_export_dialog.h"

#include "charts/chart_export.h"
#include "export/export_error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace il::ui {

namespace {

// Index in the format box; the suffix of each.
const char* const kSuffixes[] = {"png", "svg", "pdf", "csv"};
constexpr int kPng = 0, kPdf = 2, kCsv = 3;

// The format index of a file suffix, -1 for none of them.
int suffix_index(const QString& suffix) {
    for (int i = 0; i < 4; ++i)
        if (suffix.toLower() == QLatin1String(kSuffixes[i]))
            return i;
    return -1;
}

QString default_name(const ChartData& chart) {
    return QString::fromUtf8(chart_kind_name(chart.kind).data());
}

} // namespace

ChartExportDialog::ChartExportDialog(ChartData chart, QWidget* parent)
    : QDialog(parent), chart_(std::move(chart)), format_(new QComboBox(this)),
      width_(new QSpinBox(this)), height_(new QSpinBox(this)), dpi_(new QSpinBox(this)),
      path_(new QLineEdit(this)), dark_(new QCheckBox(tr("Dark theme"), this)),
      error_(new QLabel(this)) {
    setWindowTitle(tr("Export chart"));
    format_->addItem(tr("PNG image"));
    format_->addItem(tr("SVG drawing"));
    format_->addItem(tr("PDF document"));
    format_->addItem(tr("CSV data"));
    using O = ChartExportOptions;
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(O::kMinSide, O::kMaxSide);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(O{}.width);
    height_->setValue(O{}.height);
    dpi_->setRange(O::kMinDpi, O::kMaxDpi);
    dpi_->setValue(O{}.dpi);
    dpi_->setToolTip(tr("Written into the PNG and sets the PDF's page size; text keeps its "
                        "printed size"));
    path_->setText(QDir::home().filePath(default_name(chart_) + ".png"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* file_row = new QHBoxLayout;
    file_row->addWidget(path_, 1);
    file_row->addWidget(browse);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #d32f2f"));
    error_->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Width:"), width_);
    form->addRow(tr("Height:"), height_);
    form->addRow(tr("DPI:"), dpi_);
    form->addRow(QString(), dark_);
    form->addRow(tr("File:"), file_row);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ChartExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    connect(format_, &QComboBox::currentIndexChanged, this, &ChartExportDialog::format_changed);
    // A typed suffix picks the format, so the two never disagree.
    connect(path_, &QLineEdit::textEdited, this, [this](const QString& text) {
        const int known = suffix_index(QFileInfo(text).suffix());
        if (known >= 0 && format_->currentIndex() != known) {
            QSignalBlocker block(format_);
            format_->setCurrentIndex(known);
            format_changed();
        }
    });
    format_changed();
}

QString ChartExportDialog::errorText() const {
    return error_->text();
}

void ChartExportDialog::format_changed() {
    const int f = format_->currentIndex();
    const bool image = f != kCsv;
    width_->setEnabled(image);
    height_->setEnabled(image);
    dark_->setEnabled(image);
    dpi_->setEnabled(f == kPng || f == kPdf);
    // The file's suffix follows the format.
    QString path = path_->text();
    const QString suffix = QFileInfo(path).suffix();
    // Only a format's suffix is replaced: "run.v2" keeps its name.
    if (!path.isEmpty() && suffix_index(suffix) >= 0 && suffix_index(suffix) != f) {
        path.chop(suffix.size() + 1);
        path_->setText(path + QLatin1Char('.') + QLatin1String(kSuffixes[f]));
    }
}

void ChartExportDialog::browse() {
    const QString filter = tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document "
                              "(*.pdf);;CSV data (*.csv)");
    const QStringList filters = filter.split(";;");
    QString selected = filters.value(format_->currentIndex());
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), path_->text(), filter, &selected);
    if (path.isEmpty())
        return;
    path_->setText(path);
    // The name's suffix decides; a name without one takes the chosen filter's.
    const int known = suffix_index(QFileInfo(path).suffix());
    const int chosen = int(filters.indexOf(selected));
    if (known >= 0 || chosen >= 0)
        format_->setCurrentIndex(known >= 0 ? known : chosen);
}

void ChartExportDialog::accept() {
    if (path_->text().trimmed().isEmpty()) {
        error_->setText(tr("Choose a file to write."));
        error_->show();
        return;
    }
    // A known suffix says the format; any other name gets the format's suffix.
    QString path = path_->text().trimmed();
    const int known = suffix_index(QFileInfo(path).suffix());
    if (known >= 0) {
        QSignalBlocker block(format_);
        format_->setCurrentIndex(known);
    } else {
        path += QLatin1Char('.') + QLatin1String(kSuffixes[format_->currentIndex()]);
    }
    path_->setText(path);
    format_changed();
    ChartExportOptions options;
    options.width = width_->value();
    options.height = height_->value();
    options.dpi = dpi_->value();
    options.dark = dark_->isChecked();
    try {
        export_chart(chart_, path_->text().toStdString(), options);
    } catch (const exporter::ExportError& e) {
        error_->setText(QString::fromStdString(e.what()));
        error_->show();
        return;
    }
    error_->hide();
    error_->clear();
    QDialog::accept();
}

} // namespace il::ui
