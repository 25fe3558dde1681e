#include "compare/compare_pane.h"

#include "model/run_model.h"
#include "model/time_window.h"
#include "style/units.h"
#include "timeline/timeline_view.h"

#include <QLabel>
#include <QVBoxLayout>

namespace il::ui {

ComparePane::ComparePane(RunDataPtr data, std::int64_t span_ns, QWidget* parent)
    : QWidget(parent), data_(data ? std::move(data) : std::make_shared<RunData>()),
      model_(new RunModel(this)), window_(new TimeWindow(this)) {
    model_->setData(data_);
    window_->setRange(start(), start() + span_ns);
    window_->fit();

    title_ = new QLabel(titleText(*data_));
    title_->setObjectName("comparePaneTitle");
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    title_->setWordWrap(true);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    timeline_ = new TimelineView(model_, window_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title_);
    layout->addWidget(timeline_, 1);
}

std::int64_t ComparePane::start() const {
    return data_->summary.range.begin;
}

QString ComparePane::titleText(const RunData& data) {
    QString text =
        data.scenario.empty() ? tr("(no scenario)") : QString::fromStdString(data.scenario);
    // An opened run keeps its typed parameters only.
    const std::string params = data.params.empty() ? params_text(data.typed_params) : data.params;
    if (!params.empty())
        text += QStringLiteral(" · ") + QString::fromStdString(params);
    text += QStringLiteral(" · ") + duration_text(data.duration_ns);
    if (!data.live)
        text += QStringLiteral(" · ") + (data.outcome.ok ? tr("OK") : tr("NOT OK"));
    return text;
}

} // namespace il::ui
