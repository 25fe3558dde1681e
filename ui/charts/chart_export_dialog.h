// Export… for a chart: format (PNG, SVG, PDF, CSV), width and height in px,
// DPI (PNG and PDF), the file (typed or chosen), light or dark. Accepting
// writes the file with export_chart; a failure is shown in the dialog,
// which stays open. Holds a copy of the ChartData. GUI thread only.
#pragma once

#include "charts/chart_data.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace il::ui {

class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    ChartExportDialog(ChartData chart, QWidget* parent = nullptr);

    // For tests and callers that prefill.
    QComboBox* formatBox() const { return format_; }
    QSpinBox* widthBox() const { return width_; }
    QSpinBox* heightBox() const { return height_; }
    QSpinBox* dpiBox() const { return dpi_; }
    QLineEdit* pathEdit() const { return path_; }
    QCheckBox* darkBox() const { return dark_; }
    // The last failure's message, empty when none.
    QString errorText() const;

public slots:
    void accept() override; // exports; closes only when the file was written

private:
    void browse();
    void format_changed();

    ChartData chart_;
    QComboBox* format_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
    QLineEdit* path_;
    QCheckBox* dark_;
    QLabel* error_;
};

} // namespace il::ui
