#include "tables/lock_stats_model.h"

#include "events/event_text.h"
#include "style/colors.h"

#include <QStringList>

#include <algorithm>

namespace il::ui {

namespace {

// The numbers both kinds of row have.
struct Numbers {
    trace::ObjectId object = 0;
    trace::ObjectKind kind{};
    std::size_t acquisitions = 0;
    double contended_pct = 0;
    const analysis::Distribution* wait = nullptr;
    const analysis::Distribution* hold = nullptr; // semaphores have none
};

} // namespace

LockStatsModel::LockStatsModel(QObject* parent) : StatsTableModel(HolderColumn, parent) {}

int LockStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::vector<std::uint32_t> LockStatsModel::collectRows(const RunData& data) {
    const analysis::Stats& st = data.summary.stats;
    std::vector<std::pair<std::uint32_t, Row>> all;
    for (std::size_t i = 0; i < st.locks.size(); ++i)
        all.push_back({st.locks[i].object, {false, i}});
    for (std::size_t i = 0; i < st.semaphores.size(); ++i)
        all.push_back({st.semaphores[i].object, {true, i}});
    // By id, i.e. in the order the scenario created them.
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::uint32_t> ids;
    rows_.clear();
    for (const auto& [id, row] : all) {
        ids.push_back(id);
        rows_.push_back(row);
    }
    return ids;
}

QVariant LockStatsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return StatsTableModel::headerData(section, o, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case HolderColumn:
        return tr("Held by at playhead");
    case AcquisitionsColumn:
        return tr("Acquisitions");
    case ContendedColumn:
        return tr("Contended (%)");
    case WaitMedianColumn:
        return tr("Wait p50 (ms)");
    case WaitP95Column:
        return tr("Wait p95 (ms)");
    case WaitMaxColumn:
        return tr("Wait max (ms)");
    case HoldMedianColumn:
        return tr("Hold p50 (ms)");
    case HoldMaxColumn:
        return tr("Hold max (ms)");
    }
    return {};
}

QVariant LockStatsModel::holderCell(trace::ObjectId object, int role) const {
    const analysis::ObjectOwnership* own = run().summary.ownership_of(object);
    if (!own)
        return {};
    const analysis::OwnershipState now = analysis::state_at(*own, playhead());
    if (role == SortRole)
        return qulonglong(now.holders.size());
    if (role == Qt::DecorationRole)
        return now.holders.empty() ? QVariant() : QVariant(lock_held_color());
    QStringList names;
    for (const analysis::Holder& h : now.holders)
        names << (h.count > 1 ? tr("%1 ×%2").arg(lane_label(run().snapshot, h.lane),
                                                 QString::number(h.count))
                              : lane_label(run().snapshot, h.lane));
    QString text = names.isEmpty() ? tr("free") : names.join(QStringLiteral(", "));
    if (!now.waiters.empty())
        text = tr("%1 (%2 waiting)").arg(text, QString::number(now.waiters.size()));
    return text;
}

QVariant LockStatsModel::cell(int row, int column, int role) const {
    const Row& where = rows_[std::size_t(row)];
    const analysis::Stats& st = run().summary.stats;
    Numbers n;
    if (where.semaphore) {
        const analysis::SemaphoreStats& s = st.semaphores[where.index];
        n = {s.object, s.kind, s.acquisitions, s.contended_pct, &s.wait, nullptr};
    } else {
        const analysis::LockStats& l = st.locks[where.index];
        n = {l.object, l.kind, l.acquisitions, l.contended_pct, &l.wait, &l.hold};
    }
    if (column == HolderColumn)
        return role == Qt::TextAlignmentRole ? QVariant() : holderCell(n.object, role);
    if (role == Qt::DecorationRole || role == Qt::ToolTipRole)
        return {};
    const bool text = column == NameColumn || column == KindColumn;
    if (role == Qt::TextAlignmentRole)
        return text ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool display = role == Qt::DisplayRole;
    auto ms = [&](const analysis::Distribution* d, double v) -> QVariant {
        if (!d || d->count == 0) // no finished wait or hold: nothing to measure
            return display ? QVariant(QStringLiteral("—")) : QVariant(-1.0);
        return display ? QVariant(ms_text(v)) : QVariant(v);
    };
    switch (column) {
    case NameColumn:
        return object_label(run().snapshot, n.object);
    case KindColumn:
        return object_kind_label(n.kind);
    case AcquisitionsColumn:
        return qulonglong(n.acquisitions);
    case ContendedColumn:
        return display ? QVariant(QString::number(n.contended_pct, 'f', 1))
                       : QVariant(n.contended_pct);
    case WaitMedianColumn:
        return ms(n.wait, n.wait->median);
    case WaitP95Column:
        return ms(n.wait, n.wait->p95);
    case WaitMaxColumn:
        return ms(n.wait, double(n.wait->max));
    case HoldMedianColumn:
        return ms(n.hold, n.hold ? n.hold->median : 0.0);
    case HoldMaxColumn:
        return ms(n.hold, n.hold ? double(n.hold->max) : 0.0);
    }
    return {};
}

} // namespace il::ui
