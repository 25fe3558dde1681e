#include "compare/compare_window.h"

#include "compare/compare.h"
#include "compare/compare_model.h"
#include "compare/compare_pane.h"
#include "model/time_window.h"
#include "timeline/timeline_legend.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace il::ui {

namespace {
std::int64_t length(const RunDataPtr& d) {
    return d ? d->summary.range.end - d->summary.range.begin : 0;
}
compare::Side side_of(const RunData& d) {
    return {d.snapshot, d.summary, d.duration_ns};
}
} // namespace

CompareWindow::CompareWindow(RunDataPtr left, RunDataPtr right, QWidget* parent)
    : QWidget(parent, Qt::Window), model_(new CompareModel(this)) {
    setObjectName("compareWindow");
    // One time scale for both: the longer run's length.
    const std::int64_t span = std::max(length(left), length(right));
    top_ = new ComparePane(std::move(left), span);
    top_->setObjectName("compareTop");
    bottom_ = new ComparePane(std::move(right), span);
    bottom_->setObjectName("compareBottom");
    setWindowTitle(tr("Compare runs — %1 / %2")
                       .arg(QString::fromStdString(top_->data()->scenario),
                            QString::fromStdString(bottom_->data()->scenario)));

    model_->setRows(compare::compare_runs(side_of(*top_->data()), side_of(*bottom_->data())));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(CompareModel::SortRole);
    table_ = new QTableView;
    table_->setObjectName("compareTable");
    table_->setModel(proxy);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder); // the engine's order until the user sorts
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Names take the spare room; the numbers stay next to each other.
    table_->horizontalHeader()->setSectionResizeMode(CompareModel::WhatColumn,
                                                     QHeaderView::Stretch);

    auto* table_box = new QWidget;
    auto* table_layout = new QVBoxLayout(table_box);
    table_layout->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(tr("What changed from the top run to the bottom run "
                                  "(highlighted: %1 % or more)")
                                   .arg(int(CompareModel::kLargeChange * 100)));
    caption->setWordWrap(true);
    table_layout->addWidget(caption);
    table_layout->addWidget(table_, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top_);
    splitter->addWidget(bottom_);
    splitter->addWidget(table_box);
    // The table is half of what this window is for: give it a fair share.
    splitter->setSizes({320, 320, 260});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new TimelineLegend);
    layout->addWidget(splitter, 1);

    for (auto [from, to] : {std::pair{top_, bottom_}, std::pair{bottom_, top_}}) {
        connect(from->window(), &TimeWindow::windowChanged, this,
                [this, from, to] { follow(from, to); });
        connect(from->window(), &TimeWindow::playheadChanged, this,
                [this, from, to] { follow(from, to); });
    }
    resize(1200, 900);
}

CompareWindow* CompareWindow::open(RunDataPtr left, RunDataPtr right, QWidget* parent) {
    auto* w = new CompareWindow(std::move(left), std::move(right), parent);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->show();
    w->raise();
    w->activateWindow();
    return w;
}

void CompareWindow::follow(const ComparePane* from, ComparePane* to) {
    if (following_)
        return;
    following_ = true;
    const TimeWindow* f = from->window();
    TimeWindow* t = to->window();
    // Both ranges are equally long, so the same offset never clamps differently.
    const std::int64_t shift = t->rangeStart() - f->rangeStart();
    t->setWindow(f->windowStart() + shift, f->windowEnd() + shift);
    t->setPlayhead(f->playhead() + shift);
    following_ = false;
}

} // namespace il::ui
