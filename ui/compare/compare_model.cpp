#include "compare/compare_model.h"

#include "compare/compare_text.h"
#include "style/colors.h"

#include <QColor>
#include <QFont>

#include <cmath>

namespace il::ui {

namespace {
// A warm tint that reads as "look here" without saying better or worse:
// whether more is better depends on the metric.
QColor highlight_color() {
    return dark_palette() ? QColor(0x5c, 0x4a, 0x12) : QColor(0xff, 0xec, 0xb3);
}
} // namespace

CompareModel::CompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void CompareModel::setRows(std::vector<compare::Row> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

bool CompareModel::isLargeChange(const compare::Row& row) {
    if (row.left.has_value() != row.right.has_value())
        return true;
    if (!row.left)
        return false;
    if (const std::optional<double> c = row.change())
        return std::abs(*c) >= kLargeChange - 1e-9; // 12 / 10 - 1 is 0.19999999999999996
    return *row.right != 0;                         // from nothing to something
}

int CompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int CompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompareModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case WhatColumn:
        return tr("What");
    case MetricColumn:
        return tr("Measure");
    case LeftColumn:
        return tr("Top run");
    case RightColumn:
        return tr("Bottom run");
    case ChangeColumn:
        return tr("Change");
    }
    return {};
}

QVariant CompareModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const compare::Row& row = rows_[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case LargeChangeRole:
        return isLargeChange(row);
    case Qt::BackgroundRole:
        return isLargeChange(row) ? QVariant(highlight_color()) : QVariant();
    case Qt::FontRole:
        if (index.column() == ChangeColumn && isLargeChange(row)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= LeftColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == ChangeColumn && isLargeChange(row))
            return tr("Changed by %1 % or more, or present in one run only")
                .arg(int(kLargeChange * 100));
        return {};
    }
    return {};
}

QVariant CompareModel::display(const compare::Row& row, int column) const {
    switch (column) {
    case WhatColumn:
        return CompareText::what(row);
    case MetricColumn:
        return CompareText::metric(row.metric);
    case LeftColumn:
        return CompareText::value(row.unit, row.left);
    case RightColumn:
        return CompareText::value(row.unit, row.right);
    case ChangeColumn:
        return CompareText::change(row);
    }
    return {};
}

QVariant CompareModel::sortValue(const compare::Row& row, int column) const {
    // A missing number counts as the largest (Qt never finds an invalid
    // QVariant "less"): last when ascending.
    auto number = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(); };
    switch (column) {
    case WhatColumn:
        // Sections in the engine's order, then subjects by name.
        return QStringLiteral("%1 %2")
            .arg(int(row.section))
            .arg(QString::fromStdString(row.subject));
    case MetricColumn:
        return CompareText::metric(row.metric);
    case LeftColumn:
        return number(row.left);
    case RightColumn:
        return number(row.right);
    case ChangeColumn:
        if (const std::optional<double> c = row.change())
            return *c;
        return {};
    }
    return {};
}

} // namespace il::ui
