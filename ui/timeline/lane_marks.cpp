#include "timeline/lane_marks.h"

#include "timeline/timeline_lod.h"

#include <algorithm>

namespace il::ui {

LaneMarks::LaneMarks(std::vector<MarkRef> marks) : marks_(std::move(marks)) {
    marks_.shrink_to_fit();
}

void LaneMarks::visible(const PixelWindow& w, int gap, std::vector<VisibleMark>& out) const {
    out.clear();
    if (marks_.empty() || w.width <= 0 || w.t1 <= w.t0)
        return;
    gap = std::max(1, gap);
    auto before = [](const MarkRef& m, std::int64_t t) { return m.t < t; };
    auto it = std::lower_bound(marks_.begin(), marks_.end(), w.t0, before);
    while (it != marks_.end() && it->t < w.t1) {
        // The cell of the first mark not drawn yet; everything up to the
        // cell's end folds into its last mark.
        const int cell_end = (w.column(it->t) / gap + 1) * gap;
        const std::int64_t until = cell_end >= w.width ? w.t1 : w.at(cell_end);
        // it->t < until: column(t) < cell_end means t < at(column + 1) <= until.
        const auto next = std::lower_bound(it + 1, marks_.end(), until, before);
        const auto last = next - 1;
        out.push_back({w.column(last->t), last->record, static_cast<std::size_t>(last - it)});
        it = next;
    }
}

} // namespace il::ui
