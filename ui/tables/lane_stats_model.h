// Statistics per lane (summary.stats.lanes): time in each state,
// utilisation, waits, and the state at the playhead. GUI thread only.
#pragma once

#include "tables/stats_table_model.h"

namespace il::ui {

class LaneStatsModel : public StatsTableModel {
    Q_OBJECT
public:
    enum Column {
        LaneColumn,
        ProcessColumn,
        StateColumn, // at the playhead
        RunningColumn,
        ReadyColumn,
        BlockedColumn,
        SleepingColumn,
        UtilisationColumn,
        WaitsColumn,
        ColumnCount
    };

    explicit LaneStatsModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

protected:
    std::vector<std::uint32_t> collectRows(const RunData& data) override;
    QVariant cell(int row, int column, int role) const override;

private:
    QVariant stateCell(const analysis::LaneStats& lane, int role) const;

    std::vector<std::size_t> rows_; // index into stats.lanes per row
};

} // namespace il::ui
