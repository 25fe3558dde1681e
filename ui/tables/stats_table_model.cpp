#include "tables/stats_table_model.h"

#include <algorithm>

namespace il::ui {

StatsTableModel::StatsTableModel(int playhead_column, QObject* parent)
    : QAbstractTableModel(parent), data_(std::make_shared<RunData>()),
      playhead_column_(playhead_column) {}

void StatsTableModel::setRunData(RunDataPtr data) {
    if (!data)
        data = std::make_shared<RunData>();
    data_ = std::move(data);
    std::vector<std::uint32_t> ids = collectRows(*data_);
    const bool grows = !ids_.empty() && ids.size() >= ids_.size() &&
                       std::equal(ids_.begin(), ids_.end(), ids.begin());
    if (!grows) {
        beginResetModel();
        ids_ = std::move(ids);
        endResetModel();
        return;
    }
    const int old_rows = rowCount();
    if (old_rows > 0)
        emit dataChanged(index(0, 0), index(old_rows - 1, columnCount() - 1));
    if (ids.size() > ids_.size()) {
        beginInsertRows({}, old_rows, int(ids.size()) - 1);
        ids_ = std::move(ids);
        endInsertRows();
    }
}

void StatsTableModel::setPlayhead(std::int64_t t) {
    if (t == playhead_)
        return;
    playhead_ = t;
    if (rowCount() > 0)
        emit dataChanged(index(0, playhead_column_), index(rowCount() - 1, playhead_column_));
}

std::uint32_t StatsTableModel::idOfRow(int row) const {
    return row >= 0 && row < rowCount() ? ids_[std::size_t(row)] : 0;
}

int StatsTableModel::rowOfId(std::uint32_t id) const {
    auto it = std::find(ids_.begin(), ids_.end(), id);
    return it == ids_.end() ? -1 : int(it - ids_.begin());
}

int StatsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(ids_.size());
}

QVariant StatsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    if (role == IdRole)
        return uint(ids_[std::size_t(index.row())]);
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole ||
        role == Qt::TextAlignmentRole || role == Qt::DecorationRole)
        return cell(index.row(), index.column(), role);
    return {};
}

QString StatsTableModel::ms_text(double ns) {
    return QString::number(ns / 1e6, 'f', 3);
}

} // namespace il::ui
