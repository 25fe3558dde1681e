// Which items are in a queue at any time t, in the order they will leave:
// derived once per RunData from Put/Get records (item sequence numbers), then
// answered per playhead move in O(log n + items) without touching records.
// Immutable after construction; const queries are safe from any thread.
#pragma once

#include "analysis/interval_index.h"
#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::ui {

class QueueContents {
public:
    // One item's stay: put at `put`, taken at `get` (INT64_MAX: never taken).
    struct Item {
        std::int64_t seq = 0;
        std::int64_t put = 0;
        std::int64_t get = 0;
    };

    QueueContents() = default;

    trace::ObjectId object() const { return object_; }
    trace::QueueOrder order() const { return order_; }
    const std::vector<Item>& items() const { return items_; } // by Put

    // The sequence numbers of the items in the queue at t (put at or before
    // t, not taken by t), next to leave first: FIFO oldest first, LIFO newest
    // first, priority in the order they were taken (a priority queue hands
    // out the smallest of the items present, so among items present together
    // that order is their priority order; items never taken come last, by
    // sequence). At most `limit` of them; `total`, if given, gets how many in all.
    std::vector<std::int64_t> items_at(std::int64_t t, std::size_t limit = SIZE_MAX,
                                       std::size_t* total = nullptr) const;
    std::size_t count_at(std::int64_t t) const;

    // One QueueContents per Queue object of the snapshot, by object id. O(n).
    static std::vector<QueueContents> build(const trace::Snapshot& snapshot);

private:
    trace::ObjectId object_ = 0;
    trace::QueueOrder order_ = trace::QueueOrder::Fifo;
    std::vector<Item> items_;
    analysis::IntervalIndex index_; // over items_, [put, get)
};

} // namespace il::ui
