#include "tables/queue_stats_model.h"

#include "events/event_text.h"

#include <limits>

namespace il::ui {

QueueStatsModel::QueueStatsModel(QObject* parent) : StatsTableModel(FillColumn, parent) {}

int QueueStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::vector<std::uint32_t> QueueStatsModel::collectRows(const RunData& data) {
    std::vector<std::uint32_t> ids;
    rows_.clear();
    const auto& queues = data.summary.stats.queues;
    for (std::size_t i = 0; i < queues.size(); ++i) {
        ids.push_back(queues[i].object);
        rows_.push_back(i);
    }
    return ids;
}

QVariant QueueStatsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return StatsTableModel::headerData(section, o, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CapacityColumn:
        return tr("Capacity");
    case FillColumn:
        return tr("Fill at playhead");
    case PutsColumn:
        return tr("Puts");
    case GetsColumn:
        return tr("Gets");
    case MaxFillColumn:
        return tr("Max fill");
    case MeanFillColumn:
        return tr("Mean fill");
    case TimeFullColumn:
        return tr("Time full (ms)");
    case TimeEmptyColumn:
        return tr("Time empty (ms)");
    }
    return {};
}

QVariant QueueStatsModel::cell(int row, int column, int role) const {
    const analysis::QueueStats& q = run().summary.stats.queues[rows_[std::size_t(row)]];
    if (role == Qt::DecorationRole || role == Qt::ToolTipRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return column == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool display = role == Qt::DisplayRole;
    switch (column) {
    case NameColumn:
        return object_label(run().snapshot, q.object);
    case CapacityColumn:
        if (q.capacity > 0)
            return qlonglong(q.capacity);
        // Unbounded sorts after every bounded queue.
        return display ? QVariant(tr("unbounded"))
                       : QVariant(std::numeric_limits<qlonglong>::max());
    case FillColumn: {
        const analysis::LevelSeries* level = run().summary.level_of(q.object);
        const qlonglong fill = level ? analysis::value_at(*level, playhead()) : 0;
        if (!display)
            return fill;
        return q.capacity > 0 ? tr("%1 / %2").arg(fill).arg(q.capacity) : QString::number(fill);
    }
    case PutsColumn:
        return qulonglong(q.puts);
    case GetsColumn:
        return qulonglong(q.gets);
    case MaxFillColumn:
        return qlonglong(q.max_fill);
    case MeanFillColumn:
        return display ? QVariant(QString::number(q.mean_fill, 'f', 2)) : QVariant(q.mean_fill);
    case TimeFullColumn:
        // An unbounded queue is never full.
        if (q.capacity == 0)
            return display ? QVariant(QStringLiteral("—")) : QVariant(-1.0);
        return display ? QVariant(ms_text(double(q.time_full_ns)))
                       : QVariant(qlonglong(q.time_full_ns));
    case TimeEmptyColumn:
        return display ? QVariant(ms_text(double(q.time_empty_ns)))
                       : QVariant(qlonglong(q.time_empty_ns));
    }
    return {};
}

} // namespace il::ui
