#include "charts/charts_view.h"

#include "charts/chart_export_dialog.h"
#include "charts/chart_render.h"
#include "charts/run_charts.h"
#include "charts/sweep_charts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

ChartsView::ChartsView(QWidget* parent)
    : QWidget(parent), kind_label_(new QLabel(tr("Chart:"), this)), kinds_(new QComboBox(this)),
      view_(new QChartView(this)), message_(new QLabel(this)),
      export_(new QPushButton(tr("Export…"), this)) {
    auto* top = new QHBoxLayout;
    kind_label_->setBuddy(kinds_);
    top->addWidget(kind_label_);
    top->addWidget(kinds_, 1);
    top->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    layout->addWidget(message_, 1);
    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    view_->setRenderHint(QPainter::Antialiasing);
    kinds_->setToolTip(tr("Which chart to show"));
    export_->setToolTip(tr("Save the chart as PNG, SVG or PDF, or its data as CSV"));
    connect(kinds_, &QComboBox::currentIndexChanged, this, [this] {
        show_kind();
        if (auto k = currentKind())
            emit kindChanged(*k);
    });
    connect(export_, &QPushButton::clicked, this, &ChartsView::openExportDialog);
    clear();
}

ChartsView::~ChartsView() = default;

void ChartsView::setRun(RunDataPtr run) {
    if (!run) {
        clear();
        return;
    }
    run_ = std::move(run);
    sweep_.reset();
    refill();
}

void ChartsView::setSweep(sweep::SweepResult sweep) {
    run_.reset();
    sweep_ = std::move(sweep);
    refill();
}

void ChartsView::clear() {
    run_.reset();
    sweep_.reset();
    refill();
}

std::optional<ChartKind> ChartsView::currentKind() const {
    const QVariant v = kinds_->currentData();
    if (!v.isValid())
        return std::nullopt;
    return static_cast<ChartKind>(v.toInt());
}

void ChartsView::setCurrentKind(ChartKind kind) {
    const int i = kinds_->findData(int(kind));
    auto* model = qobject_cast<QStandardItemModel*>(kinds_->model());
    if (i >= 0 && model && model->item(i)->isEnabled())
        kinds_->setCurrentIndex(i);
}

std::string ChartsView::unavailable(ChartKind kind) const {
    if (run_)
        return run_chart_unavailable(*run_, kind);
    if (sweep_ && sweep_->points.empty())
        return QT_TRANSLATE_NOOP("il::ui::Charts", "this sweep has no finished runs to chart");
    return {};
}

void ChartsView::refill() {
    std::vector<ChartKind> all, have;
    if (run_) {
        all = run_chart_kinds();
        have = il::ui::run_chart_kinds(*run_);
    } else if (sweep_) {
        all = sweep_chart_kinds();
        if (!sweep_->points.empty())
            have = all;
    }
    // Keep the kind the user chose when the new data has it.
    const std::optional<ChartKind> before = currentKind();
    QSignalBlocker block(kinds_);
    kinds_->clear();
    auto* model = qobject_cast<QStandardItemModel*>(kinds_->model());
    int select = -1;
    for (ChartKind k : all) {
        kinds_->addItem(chart_kind_label(k), int(k));
        const int i = kinds_->count() - 1;
        const bool ok = std::find(have.begin(), have.end(), k) != have.end();
        if (!ok && model) {
            model->item(i)->setEnabled(false);
            kinds_->setItemData(
                i, QCoreApplication::translate("il::ui::Charts", unavailable(k).c_str()),
                Qt::ToolTipRole);
        }
        if (ok && (select < 0 || (before && *before == k)))
            select = i;
    }
    kinds_->setCurrentIndex(select);
    show_kind();
}

void ChartsView::show_kind() {
    data_.reset();
    const auto kind = currentKind();
    QString why;
    try {
        if (kind && run_)
            data_ = run_chart(*run_, *kind);
        else if (kind && sweep_)
            data_ = sweep_chart(*sweep_, *kind);
    } catch (const ChartError& e) {
        why = QString::fromStdString(e.what());
    }
    QChart* old = view_->chart();
    if (data_) {
        view_->setChart(make_chart(*data_, chart_dark()));
    } else {
        view_->setChart(new QChart);
        if (why.isEmpty() && run_)
            why = tr("This run has no charts yet.");
        else if (why.isEmpty() && sweep_)
            why = tr("This sweep has no finished runs to chart.");
        else if (why.isEmpty())
            why = tr("Run a scenario or a sweep to see its charts.");
        message_->setText(why);
    }
    delete old; // setChart gives the previous chart back to us
    view_->setVisible(data_.has_value());
    message_->setVisible(!data_);
    export_->setEnabled(data_.has_value());
}

void ChartsView::openExportDialog() {
    if (!data_)
        return;
    auto* dialog = new ChartExportDialog(*data_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ChartsView::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    // Light or dark follows the palette: rebuild the chart with its theme.
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange)
        if (data_)
            show_kind();
    if (e->type() == QEvent::LanguageChange) {
        kind_label_->setText(tr("Chart:"));
        export_->setText(tr("Export…"));
        refill();
    }
}

} // namespace il::ui
