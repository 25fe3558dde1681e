// Statistics per lock, RLock and semaphore (summary.stats.locks and
// .semaphores): acquisitions, contention, wait and hold times, and who holds
// it at the playhead. GUI thread only.
#pragma once

#include "tables/stats_table_model.h"

namespace il::ui {

class LockStatsModel : public StatsTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        HolderColumn, // at the playhead
        AcquisitionsColumn,
        ContendedColumn,
        WaitMedianColumn,
        WaitP95Column,
        WaitMaxColumn,
        HoldMedianColumn,
        HoldMaxColumn,
        ColumnCount
    };

    explicit LockStatsModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

protected:
    std::vector<std::uint32_t> collectRows(const RunData& data) override;
    QVariant cell(int row, int column, int role) const override;

private:
    // Where a row's numbers are: stats.locks[index] or stats.semaphores[index].
    struct Row {
        bool semaphore = false;
        std::size_t index = 0;
    };
    QVariant holderCell(trace::ObjectId object, int role) const;

    std::vector<Row> rows_;
};

} // namespace il::ui
