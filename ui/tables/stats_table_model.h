// Common ground of the statistics tables: one row per lane or object of the
// current RunData (read from summary.stats), one column that shows the state
// at the playhead. Shares the immutable RunData; GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace il::ui {

class StatsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Raw values for sorting: numbers as numbers (a QSortFilterProxyModel's sortRole).
    static constexpr int SortRole = Qt::UserRole;
    // The lane or object id a row stands for (uint).
    static constexpr int IdRole = Qt::UserRole + 1;

    // A live update with the same rows (or more, appended) keeps rows and
    // selections and emits dataChanged; anything else resets the model.
    void setRunData(RunDataPtr data);
    const RunDataPtr& runData() const { return data_; }
    // Updates only the "at playhead" column.
    void setPlayhead(std::int64_t t);
    std::int64_t playhead() const { return playhead_; }
    int playheadColumn() const { return playhead_column_; }

    std::uint32_t idOfRow(int row) const;
    int rowOfId(std::uint32_t id) const; // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    StatsTableModel(int playhead_column, QObject* parent);

    // The ids of the rows of `data`, in order; a subclass also keeps what it
    // needs to find each row's statistics again.
    virtual std::vector<std::uint32_t> collectRows(const RunData& data) = 0;
    // One cell of a valid row; `role` is Display, SortRole, ToolTip,
    // TextAlignment or Decoration.
    virtual QVariant cell(int row, int column, int role) const = 0;

    const RunData& run() const { return *data_; }
    // "12.345": nanoseconds as milliseconds, for columns whose header says (ms).
    static QString ms_text(double ns);

private:
    RunDataPtr data_;
    std::int64_t playhead_ = 0;
    int playhead_column_;
    std::vector<std::uint32_t> ids_;
};

} // namespace il::ui
