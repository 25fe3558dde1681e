#include "tables/lane_stats_model.h"

#include "events/event_text.h"
#include "style/colors.h"

namespace il::ui {

using analysis::LaneState;

LaneStatsModel::LaneStatsModel(QObject* parent) : StatsTableModel(StateColumn, parent) {}

int LaneStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::vector<std::uint32_t> LaneStatsModel::collectRows(const RunData& data) {
    std::vector<std::uint32_t> ids;
    rows_.clear();
    const auto& lanes = data.summary.stats.lanes;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        ids.push_back(lanes[i].lane);
        rows_.push_back(i);
    }
    return ids;
}

QVariant LaneStatsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return StatsTableModel::headerData(section, o, role);
    switch (section) {
    case LaneColumn:
        return tr("Lane");
    case ProcessColumn:
        return tr("Process (pid)");
    case StateColumn:
        return tr("State at playhead");
    case RunningColumn:
        return tr("Running (ms)");
    case ReadyColumn:
        return tr("Ready (ms)");
    case BlockedColumn:
        return tr("Blocked (ms)");
    case SleepingColumn:
        return tr("Sleeping (ms)");
    case UtilisationColumn:
        return tr("Utilisation (%)");
    case WaitsColumn:
        return tr("Waits");
    }
    return {};
}

QVariant LaneStatsModel::stateCell(const analysis::LaneStats& lane, int role) const {
    const analysis::LaneTimeline* timeline = run().summary.timeline(lane.lane);
    const analysis::StateInterval* now =
        timeline ? analysis::state_at(*timeline, playhead()) : nullptr;
    if (!now)
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant();
    if (role == SortRole)
        return int(now->state);
    if (role == Qt::DecorationRole)
        return interval_color(*now);
    const QString state = state_label(now->state);
    if (now->object == 0 || (now->state != LaneState::Blocked && now->state != LaneState::Ready))
        return state;
    // "Blocked: lock 'balance'", so the table says what the lane waits for.
    return tr("%1: %2 '%3'")
        .arg(state, wait_reason_label(now->reason), object_label(run().snapshot, now->object));
}

QVariant LaneStatsModel::cell(int row, int column, int role) const {
    const analysis::LaneStats& lane = run().summary.stats.lanes[rows_[std::size_t(row)]];
    const trace::Snapshot& s = run().snapshot;
    if (column == StateColumn)
        return role == Qt::TextAlignmentRole ? QVariant() : stateCell(lane, role);
    if (role == Qt::DecorationRole || role == Qt::ToolTipRole)
        return {};
    const bool text = column == LaneColumn;
    if (role == Qt::TextAlignmentRole)
        return text ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool display = role == Qt::DisplayRole;
    auto time = [&](LaneState st) -> QVariant {
        const auto ns = lane.time(st);
        return display ? QVariant(ms_text(double(ns))) : QVariant(qlonglong(ns));
    };
    switch (column) {
    case LaneColumn:
        return lane_label(s, lane.lane);
    case ProcessColumn: {
        const trace::LaneInfo* info = s.lane(lane.lane);
        return info ? info->pid : 0;
    }
    case RunningColumn:
        return time(LaneState::Running);
    case ReadyColumn:
        return time(LaneState::Ready);
    case BlockedColumn:
        return time(LaneState::Blocked);
    case SleepingColumn:
        return time(LaneState::Sleeping);
    case UtilisationColumn:
        return display ? QVariant(QString::number(lane.utilisation * 100.0, 'f', 1))
                       : QVariant(lane.utilisation * 100.0);
    case WaitsColumn:
        return qulonglong(lane.waits);
    }
    return {};
}

} // namespace il::ui
