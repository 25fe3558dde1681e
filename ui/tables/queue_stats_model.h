// Statistics per queue (summary.stats.queues): puts, gets, fill levels,
// time full and empty, and the fill at the playhead. GUI thread only.
#pragma once

#include "tables/stats_table_model.h"

namespace il::ui {

class QueueStatsModel : public StatsTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        CapacityColumn,
        FillColumn, // at the playhead
        PutsColumn,
        GetsColumn,
        MaxFillColumn,
        MeanFillColumn,
        TimeFullColumn,
        TimeEmptyColumn,
        ColumnCount
    };

    explicit QueueStatsModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

protected:
    std::vector<std::uint32_t> collectRows(const RunData& data) override;
    QVariant cell(int row, int column, int role) const override;

private:
    std::vector<std::size_t> rows_; // index into stats.queues per row
};

} // namespace il::ui
