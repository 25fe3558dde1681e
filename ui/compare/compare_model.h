// The "what changed" table of two runs: one row per il::compare::Row, with
// columns what, metric, left, right, change. Values read with their units;
// the sort role gives numbers; rows that changed by kLargeChange or more, or
// exist on one side only, are highlighted. Owns a copy of the rows; GUI
// thread only.
#pragma once

#include "compare/compare.h"

#include <QAbstractTableModel>

#include <vector>

namespace il::ui {

class CompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhatColumn, MetricColumn, LeftColumn, RightColumn, ChangeColumn, ColumnCount };
    // Raw values for a QSortFilterProxyModel: numbers as numbers.
    static constexpr int SortRole = Qt::UserRole;
    // True for a highlighted row (bool), whatever the column.
    static constexpr int LargeChangeRole = Qt::UserRole + 1;
    // |right / left - 1| from which a change is worth a look.
    static constexpr double kLargeChange = 0.20;

    explicit CompareModel(QObject* parent = nullptr);

    void setRows(std::vector<compare::Row> rows);
    const std::vector<compare::Row>& rows() const { return rows_; }
    static bool isLargeChange(const compare::Row& row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const compare::Row& row, int column) const;
    QVariant sortValue(const compare::Row& row, int column) const;

    std::vector<compare::Row> rows_;
};

} // namespace il::ui
