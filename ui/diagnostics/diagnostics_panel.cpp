#include "diagnostics/diagnostics_panel.h"

#include "events/event_text.h"
#include "events/record_lookup.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "style/colors.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace il::ui {

namespace {

QIcon dot_icon(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

bool stops_run(const std::string& kind) {
    return kind == "deadlock" || kind == "stall";
}

} // namespace

QString diagnostic_kind_label(const std::string& kind) {
    if (kind == "deadlock")
        return DiagnosticsPanel::tr("Deadlock");
    if (kind == "stall")
        return DiagnosticsPanel::tr("Stall");
    if (kind == "lock_convoy")
        return DiagnosticsPanel::tr("Lock convoy");
    if (kind == "thundering_herd")
        return DiagnosticsPanel::tr("Thundering herd");
    if (kind == "lost_update")
        return DiagnosticsPanel::tr("Lost update");
    if (kind == "starvation")
        return DiagnosticsPanel::tr("Starvation");
    if (kind == "loop_blocked")
        return DiagnosticsPanel::tr("Event loop blocked");
    if (kind == "task_never_finished")
        return DiagnosticsPanel::tr("Task never finished");
    if (kind == "task_never_awaited")
        return DiagnosticsPanel::tr("Task never awaited");
    // A kind this build does not know yet: its id, readable.
    return QString::fromStdString(kind).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QColor diagnostic_color(const std::string& kind) {
    if (stops_run(kind))
        return deadlock_color();
    // Warnings: amber. Local until colors.h has a warning colour.
    return dark_palette() ? QColor(0xff, 0xb3, 0x00) : QColor(0xef, 0x6c, 0x00);
}

DiagnosticsPanel::DiagnosticsPanel(RunModel* run, TimeWindow* window, QWidget* parent)
    : QWidget(parent), run_(run), window_(window), list_(new QTreeWidget(this)),
      empty_(new QLabel(this)) {
    setObjectName("diagnosticsPanel");
    list_->setObjectName("diagnosticList");
    empty_->setObjectName("diagnosticsEmpty");
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setForegroundRole(QPalette::PlaceholderText);

    list_->setColumnCount(3);
    list_->setHeaderLabels({tr("Problem"), tr("Time since start"), tr("What happened")});
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setWordWrap(false);
    list_->header()->setStretchLastSection(true);
    list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(empty_);
    layout->addWidget(list_);

    auto go = [this](QTreeWidgetItem* item) {
        if (item)
            activate(list_->indexOfTopLevelItem(item));
    };
    // Enter and double-click activate; so does a single click, once (some
    // styles already activate on a single click).
    connect(list_, &QTreeWidget::itemActivated, this, go);
    connect(list_, &QTreeWidget::itemClicked, this, [this, go](QTreeWidgetItem* item) {
        if (!list_->style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr,
                                       list_))
            go(item);
    });
    connect(run_, &RunModel::dataChanged, this, &DiagnosticsPanel::onDataChanged);
    onDataChanged();
}

void DiagnosticsPanel::onDataChanged() {
    const RunDataPtr& data = run_->data();
    // Live updates come several times a second: rebuild only when the list
    // or the empty-state line would change, so the current item stays put.
    const bool same = shown_ && data->scenario == shown_->scenario &&
                      data->snapshot.start_ns == shown_->snapshot.start_ns &&
                      data->live == shown_->live &&
                      data->summary.diagnostics.size() == shown_->summary.diagnostics.size();
    shown_ = data;
    if (!same)
        rebuild();
}

void DiagnosticsPanel::rebuild() {
    const int current = list_->indexOfTopLevelItem(list_->currentItem());
    list_->clear();
    const trace::Snapshot& s = shown_->snapshot;
    const auto& diagnostics = shown_->summary.diagnostics;
    for (const analysis::Diagnostic& d : diagnostics) {
        auto* item = new QTreeWidgetItem(list_);
        const QColor color = diagnostic_color(d.kind);
        item->setIcon(0, dot_icon(color));
        item->setText(0, diagnostic_kind_label(d.kind));
        item->setText(1, time_since_start_text(s, d.t_ns));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, QString::fromStdString(d.message));
        item->setToolTip(2, QString::fromStdString(d.message));
        if (stops_run(d.kind)) {
            item->setForeground(0, color);
            QFont bold = item->font(0);
            bold.setBold(true);
            item->setFont(0, bold);
        }
    }
    if (current >= 0 && current < list_->topLevelItemCount())
        list_->setCurrentItem(list_->topLevelItem(current));
    empty_->setText(shown_->live ? tr("Still running…") : tr("No problems found"));
    empty_->setVisible(diagnostics.empty());
    list_->setVisible(!diagnostics.empty());
}

void DiagnosticsPanel::activate(int index) {
    const auto& diagnostics = shown_->summary.diagnostics;
    if (index < 0 || std::size_t(index) >= diagnostics.size())
        return;
    const analysis::Diagnostic& d = diagnostics[std::size_t(index)];
    // The record that shows it: the last step of the first lane involved.
    const std::size_t record = d.lanes.empty()
                                   ? kNoRecordIndex
                                   : last_record_on_lane(shown_->snapshot, d.t_ns, d.lanes.front());
    if (record != kNoRecordIndex)
        window_->select(record, d.t_ns); // also moves the playhead to t_ns
    else
        window_->setPlayhead(d.t_ns);
    window_->ensureVisible(d.t_ns);
    emit diagnosticActivated(index);
}

} // namespace il::ui
