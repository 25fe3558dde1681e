// The points of a sweep as a table: the swept value, the median wall time
// with the fastest and slowest repeat, speedup against the first value, the
// ideal speedup, efficiency, and a note for values past the machine's cores
// (oversubscribed, also tinted) or whose outcome check failed. Owns a copy
// of the points; GUI thread only.
#pragma once

#include "sweep/sweep.h"

#include <QAbstractTableModel>

namespace il::ui {

class SweepPointsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ValueColumn, // its header is the parameter's name
        WallColumn,
        SpreadColumn,
        SpeedupColumn,
        IdealColumn,
        EfficiencyColumn,
        NoteColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole; // numbers as numbers

    explicit SweepPointsModel(QObject* parent = nullptr);

    void setResult(const sweep::SweepResult& result);
    void clear();
    const std::vector<sweep::SweepPoint>& points() const { return points_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const sweep::SweepPoint& p, int column) const;
    QVariant number(const sweep::SweepPoint& p, int column) const;
    QString note(const sweep::SweepPoint& p) const;

    std::vector<sweep::SweepPoint> points_;
    QString param_;
    unsigned cores_ = 0;
};

} // namespace il::ui
