// The event log's rows: the records of one RunData, filtered by lane, object
// and kind. Shares the (immutable) RunData it shows; cell text is made in
// data() so a 10M-record trace costs one index vector at most, and none when
// unfiltered. GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QAbstractTableModel>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::ui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LaneColumn, EventColumn, ObjectColumn, DetailsColumn, ColumnCount };
    static constexpr int RecordRole = Qt::UserRole; // the row's record index (qulonglong)
    static constexpr int NoRow = -1;

    // What a row may be; an empty list allows everything.
    struct Filter {
        std::vector<trace::LaneId> lanes;
        std::vector<trace::ObjectId> objects;
        std::vector<trace::Kind> kinds;
        bool empty() const { return lanes.empty() && objects.empty() && kinds.empty(); }
        bool operator==(const Filter&) const = default;
    };

    explicit EventLogModel(QObject* parent = nullptr);

    // A grown version of the same run (live) appends rows and keeps the
    // filter; anything else resets the model. The filter is kept either way.
    void setRunData(RunDataPtr data);
    const RunDataPtr& runData() const { return data_; }
    void setFilter(Filter filter);
    const Filter& filter() const { return filter_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Index into Snapshot::records of a row (kNoRecordIndex when out of range).
    std::size_t recordOfRow(int row) const;
    // The row showing a record, or NoRow when it is filtered out. O(log rows).
    int rowOfRecord(std::size_t record) const;
    // The last row whose time is <= t, or NoRow. O(log rows).
    int rowAtTime(std::int64_t t) const;

private:
    bool accepts(const trace::Record& r) const;
    // Appends the accepted records of [from, to) to rows_.
    void collect(std::size_t from, std::size_t to, std::vector<std::uint32_t>& out) const;
    void rebuild();
    bool extends(const RunData& next) const;

    RunDataPtr data_;
    Filter filter_;
    // Lookup tables of filter_, indexed by id (empty: every id passes).
    std::vector<char> lane_ok_, object_ok_;
    std::uint64_t kind_ok_ = ~std::uint64_t{0}; // bit per Kind value
    // How many records of data_ the rows cover (all of them, after setRunData).
    std::size_t covered_ = 0;
    // Filtered rows' record indices, ascending. Unused when filter_ is empty:
    // then row == record index. 32 bits: a session's budget is far below 4G records.
    std::vector<std::uint32_t> rows_;
};

} // namespace il::ui
