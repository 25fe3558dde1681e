#include "objects/queue_contents.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace il::ui {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
}

std::vector<QueueContents> QueueContents::build(const trace::Snapshot& snapshot) {
    std::vector<QueueContents> out;
    std::vector<std::int32_t> slot(snapshot.objects.size(), -1);
    for (std::size_t id = 1; id < snapshot.objects.size(); ++id) {
        const trace::ObjectInfo& o = snapshot.objects[id];
        if (o.kind != trace::ObjectKind::Queue)
            continue;
        slot[id] = static_cast<std::int32_t>(out.size());
        QueueContents q;
        q.object_ = static_cast<trace::ObjectId>(id);
        q.order_ = static_cast<trace::QueueOrder>(o.detail);
        out.push_back(std::move(q));
    }
    if (out.empty())
        return out;

    // Items in flight per queue: sequence number -> index in items_. A Get
    // whose Put was dropped (event budget) finds nothing and is ignored.
    std::vector<std::unordered_map<std::int64_t, std::size_t>> open(out.size());
    for (const trace::Record& r : snapshot.records) {
        if (r.object >= slot.size() || slot[r.object] < 0)
            continue;
        const auto k = static_cast<std::size_t>(slot[r.object]);
        QueueContents& q = out[k];
        if (r.kind == trace::Kind::Put) {
            open[k][r.a] = q.items_.size();
            q.items_.push_back({r.a, r.t_ns, kNever});
        } else if (r.kind == trace::Kind::Get) {
            auto it = open[k].find(r.a);
            if (it == open[k].end())
                continue;
            q.items_[it->second].get = r.t_ns;
            open[k].erase(it);
        }
    }
    std::vector<std::int64_t> starts, ends;
    for (QueueContents& q : out) {
        starts.clear();
        ends.clear();
        for (const Item& it : q.items_) {
            starts.push_back(it.put);
            ends.push_back(it.get);
        }
        q.index_ = analysis::IntervalIndex(starts, ends);
    }
    return out;
}

std::size_t QueueContents::count_at(std::int64_t t) const {
    return index_.active_at(t).size();
}

std::vector<std::int64_t> QueueContents::items_at(std::int64_t t, std::size_t limit,
                                                  std::size_t* total) const {
    std::vector<std::uint32_t> active = index_.active_at(t);
    if (total)
        *total = active.size();
    auto by_seq = [&](std::uint32_t a, std::uint32_t b) { return items_[a].seq < items_[b].seq; };
    switch (order_) {
    case trace::QueueOrder::Fifo:
        std::sort(active.begin(), active.end(), by_seq);
        break;
    case trace::QueueOrder::Lifo:
        std::sort(active.begin(), active.end(), [&](auto a, auto b) { return by_seq(b, a); });
        break;
    case trace::QueueOrder::Priority:
        std::sort(active.begin(), active.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (items_[a].get != items_[b].get)
                return items_[a].get < items_[b].get;
            return by_seq(a, b);
        });
        break;
    }
    std::vector<std::int64_t> seqs;
    seqs.reserve(std::min(limit, active.size()));
    for (std::size_t i = 0; i < active.size() && i < limit; ++i)
        seqs.push_back(items_[active[i]].seq);
    return seqs;
}

} // namespace il::ui
