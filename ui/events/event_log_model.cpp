#include "events/event_log_model.h"

#include "events/event_text.h"
#include "events/record_lookup.h"

#include <algorithm>
#include <climits>

namespace il::ui {

namespace {

bool same_record(const trace::Record& x, const trace::Record& y) {
    return x.t_ns == y.t_ns && x.lane == y.lane && x.object == y.object && x.kind == y.kind &&
           x.c == y.c && x.b == y.b && x.a == y.a;
}

template <class Id> std::vector<char> lookup_of(const std::vector<Id>& ids) {
    std::vector<char> ok;
    for (Id id : ids) {
        if (id >= ok.size())
            ok.resize(std::size_t(id) + 1, 0);
        ok[id] = 1;
    }
    return ok;
}

bool passes(const std::vector<char>& ok, std::uint32_t id) {
    return ok.empty() || (id < ok.size() && ok[id]);
}

int clamp_rows(std::size_t n) {
    return static_cast<int>(std::min<std::size_t>(n, INT_MAX));
}

} // namespace

EventLogModel::EventLogModel(QObject* parent)
    : QAbstractTableModel(parent), data_(std::make_shared<RunData>()) {}

bool EventLogModel::accepts(const trace::Record& r) const {
    const auto kind = static_cast<unsigned>(r.kind);
    return passes(lane_ok_, r.lane) && passes(object_ok_, r.object) &&
           (kind >= 64 || ((kind_ok_ >> kind) & 1u));
}

void EventLogModel::collect(std::size_t from, std::size_t to,
                            std::vector<std::uint32_t>& out) const {
    const std::vector<trace::Record>& records = data_->snapshot.records;
    for (std::size_t i = from; i < to; ++i)
        if (accepts(records[i]))
            out.push_back(static_cast<std::uint32_t>(i));
}

void EventLogModel::rebuild() {
    lane_ok_ = lookup_of(filter_.lanes);
    object_ok_ = lookup_of(filter_.objects);
    kind_ok_ = filter_.kinds.empty() ? ~std::uint64_t{0} : 0;
    for (trace::Kind k : filter_.kinds)
        if (static_cast<unsigned>(k) < 64)
            kind_ok_ |= std::uint64_t{1} << static_cast<unsigned>(k);
    rows_.clear();
    rows_.shrink_to_fit();
    covered_ = data_->snapshot.records.size();
    if (!filter_.empty())
        collect(0, covered_, rows_);
}

// A later snapshot of the same run whose old records kept their places. A
// record merged in late (an earlier t_ns) would shift the old prefix, so
// comparing its last record catches that; the first one catches a new run.
bool EventLogModel::extends(const RunData& next) const {
    const auto& old = data_->snapshot.records;
    const auto& now = next.snapshot.records;
    return covered_ > 0 && next.scenario == data_->scenario &&
           next.snapshot.start_ns == data_->snapshot.start_ns && now.size() >= covered_ &&
           same_record(now.front(), old.front()) &&
           same_record(now[covered_ - 1], old[covered_ - 1]);
}

void EventLogModel::setRunData(RunDataPtr data) {
    if (!data)
        data = std::make_shared<RunData>();
    if (!extends(*data)) {
        beginResetModel();
        data_ = std::move(data);
        rebuild();
        endResetModel();
        return;
    }
    // Live growth: only the new tail is filtered, and the view keeps its
    // scroll position and current row.
    const std::size_t from = covered_;
    data_ = std::move(data);
    const std::size_t to = data_->snapshot.records.size();
    covered_ = to;
    if (filter_.empty()) {
        if (to > from) {
            beginInsertRows({}, clamp_rows(from), clamp_rows(to) - 1);
            endInsertRows();
        }
        return;
    }
    std::vector<std::uint32_t> added;
    collect(from, to, added);
    if (added.empty())
        return;
    const int first = clamp_rows(rows_.size());
    beginInsertRows({}, first, first + clamp_rows(added.size()) - 1);
    rows_.insert(rows_.end(), added.begin(), added.end());
    endInsertRows();
}

void EventLogModel::setFilter(Filter filter) {
    if (filter == filter_)
        return;
    beginResetModel();
    filter_ = std::move(filter);
    rebuild();
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return clamp_rows(filter_.empty() ? covered_ : rows_.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::size_t EventLogModel::recordOfRow(int row) const {
    if (row < 0 || row >= rowCount())
        return kNoRecordIndex;
    return filter_.empty() ? std::size_t(row) : rows_[std::size_t(row)];
}

int EventLogModel::rowOfRecord(std::size_t record) const {
    if (filter_.empty())
        return record < covered_ ? clamp_rows(record) : NoRow;
    auto it = std::lower_bound(rows_.begin(), rows_.end(), record);
    if (it == rows_.end() || *it != record)
        return NoRow;
    return clamp_rows(std::size_t(it - rows_.begin()));
}

int EventLogModel::rowAtTime(std::int64_t t) const {
    const trace::Snapshot& s = data_->snapshot;
    std::size_t n = 0;
    if (filter_.empty()) {
        n = std::min(records_until(s, t), covered_);
    } else {
        auto it = std::partition_point(rows_.begin(), rows_.end(),
                                       [&](std::uint32_t i) { return s.records[i].t_ns <= t; });
        n = std::size_t(it - rows_.begin());
    }
    return n == 0 ? NoRow : clamp_rows(n - 1);
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    const std::size_t i = recordOfRow(index.row());
    if (!index.isValid() || i == kNoRecordIndex)
        return {};
    const trace::Snapshot& s = data_->snapshot;
    const trace::Record& r = s.records[i];
    if (role == RecordRole)
        return QVariant::fromValue<qulonglong>(i);
    if (role == Qt::ToolTipRole)
        return describe_event(*data_, i);
    if (role == Qt::TextAlignmentRole && index.column() == TimeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return time_since_start_text(s, r.t_ns);
    case LaneColumn:
        return lane_label(s, r.lane);
    case EventColumn:
        return event_kind_label(r.kind);
    case ObjectColumn:
        return object_label(s, r.object);
    case DetailsColumn:
        return describe_event(*data_, i);
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case TimeColumn:
        return tr("Time since start");
    case LaneColumn:
        return tr("Lane");
    case EventColumn:
        return tr("Event");
    case ObjectColumn:
        return tr("Object");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

} // namespace il::ui
