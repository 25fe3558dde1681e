#include "sweep/sweep_points_model.h"

#include "style/colors.h"

#include <QColor>
#include <QStringList>

namespace il::ui {

namespace {
QString ms(std::int64_t ns) {
    return QString::number(double(ns) / 1e6, 'f', 3);
}
// Oversubscribed rows: a cool tint, apart from the compare table's "look
// here" amber.
QColor oversubscribed_color() {
    return dark_palette() ? QColor(0x1f, 0x3a, 0x5c) : QColor(0xdd, 0xea, 0xf7);
}
} // namespace

SweepPointsModel::SweepPointsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepPointsModel::setResult(const sweep::SweepResult& result) {
    beginResetModel();
    points_ = result.points;
    param_ = QString::fromStdString(result.spec.param);
    cores_ = result.cores;
    endResetModel();
}

void SweepPointsModel::clear() {
    beginResetModel();
    points_.clear();
    endResetModel();
}

int SweepPointsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(points_.size());
}

int SweepPointsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SweepPointsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case ValueColumn:
        return param_.isEmpty() ? tr("Value") : param_;
    case WallColumn:
        return tr("Wall time (ms)");
    case SpreadColumn:
        return tr("Fastest – slowest (ms)");
    case SpeedupColumn:
        return tr("Speedup");
    case IdealColumn:
        return tr("Ideal");
    case EfficiencyColumn:
        return tr("Efficiency (%)");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

QVariant SweepPointsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const sweep::SweepPoint& p = points_[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(p, index.column());
    case SortRole:
        return number(p, index.column());
    case Qt::BackgroundRole:
        return p.oversubscribed ? QVariant(oversubscribed_color()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == NoteColumn ? QVariant()
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return p.oversubscribed
                   ? tr("More than this machine's %1 cores: the runs share CPUs").arg(cores_)
                   : QVariant();
    }
    return {};
}

QVariant SweepPointsModel::display(const sweep::SweepPoint& p, int column) const {
    switch (column) {
    case ValueColumn:
        return QString::number(p.value);
    case WallColumn:
        return ms(p.wall_ns);
    case SpreadColumn:
        return tr("%1 – %2").arg(ms(p.wall_min_ns), ms(p.wall_max_ns));
    case SpeedupColumn:
        return tr("%1×").arg(QString::number(p.speedup, 'f', 2));
    case IdealColumn:
        return tr("%1×").arg(QString::number(p.ideal, 'f', 2));
    case EfficiencyColumn:
        return QString::number(p.efficiency * 100, 'f', 1);
    case NoteColumn:
        return note(p);
    }
    return {};
}

QVariant SweepPointsModel::number(const sweep::SweepPoint& p, int column) const {
    switch (column) {
    case ValueColumn:
        return p.value;
    case WallColumn:
    case SpreadColumn:
        return qlonglong(p.wall_ns);
    case SpeedupColumn:
        return p.speedup;
    case IdealColumn:
        return p.ideal;
    case EfficiencyColumn:
        return p.efficiency;
    case NoteColumn:
        return note(p);
    }
    return {};
}

QString SweepPointsModel::note(const sweep::SweepPoint& p) const {
    QStringList parts;
    if (p.oversubscribed)
        parts << tr("oversubscribed (> %1 cores)").arg(cores_);
    if (!p.all_ok)
        parts << tr("outcome check failed");
    return parts.join(QStringLiteral("; "));
}

} // namespace il::ui
