#include "timeline/timeline_lod.h"

#include <algorithm>
#include <limits>

namespace il::ui {

using analysis::LaneState;
using analysis::StateInterval;

namespace {
constexpr int kBlockedBase = 5;

// Blocked time at least 1/kBlockedShare of a merged column earns the accent.
constexpr std::int64_t kBlockedShare = 10;
// Any other class at least 1/kSecondShare of it earns the accent.
constexpr std::int64_t kSecondShare = 4;
// The first element of [first, last) for which `before` is false (`before`
// true then false along the range), searched outward from `first`: O(log d)
// for an answer d elements on, so walking a window column by column costs
// O(log gap) per column instead of O(log n) cache misses.
template <class It, class Pred> It gallop(It first, It last, Pred before) {
    std::size_t step = 1;
    It lo = first;
    while (true) {
        if (lo == last || !before(*lo))
            return lo;
        const auto left = static_cast<std::size_t>(last - lo);
        if (step >= left)
            break;
        It probe = lo + static_cast<std::ptrdiff_t>(step);
        if (!before(*probe)) {
            last = probe;
            break;
        }
        lo = probe;
        step *= 2;
    }
    return std::partition_point(lo, last, before);
}

std::vector<std::int64_t> sample_keys(std::size_t n, std::size_t stride, auto key_at) {
    std::vector<std::int64_t> out;
    out.reserve(n / stride + 1);
    for (std::size_t e = 0; e < n; e += stride)
        out.push_back(key_at(e));
    return out;
}

// The first e in [from, n) whose key is not `before` (keys ascending, so
// `before` holds on a prefix), or n. Gallops over the contiguous samples and
// then bisects at most S elements of the big array: a handful of cache lines
// per query however far the answer lies. samples[j] is the key of element j*S.
std::size_t successor(const std::vector<std::int64_t>& samples, std::size_t S, std::size_t n,
                      std::size_t from, auto key_at, auto before) {
    if (from >= n)
        return n;
    auto sj =
        gallop(samples.begin() + static_cast<std::ptrdiff_t>(from / S), samples.end(), before);
    std::size_t hi = std::clamp(static_cast<std::size_t>(sj - samples.begin()) * S, from, n);
    std::size_t lo = std::max(from, hi >= S ? hi - S : 0);
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (before(key_at(mid)))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
} // namespace

std::uint8_t state_category(const StateInterval& interval) {
    switch (interval.state) {
    case LaneState::NotStarted:
        return 0;
    case LaneState::Running:
        return 1;
    case LaneState::Ready:
        return 2;
    case LaneState::Sleeping:
        return 3;
    case LaneState::Done:
        return 4;
    case LaneState::Blocked:
        break;
    }
    const auto reason = static_cast<unsigned>(interval.reason);
    return static_cast<std::uint8_t>(kBlockedBase +
                                     (reason < unsigned(kWaitReasonSlots) ? reason : 0));
}

StateInterval category_interval(std::uint8_t category) {
    static constexpr LaneState kStates[] = {LaneState::NotStarted, LaneState::Running,
                                            LaneState::Ready, LaneState::Sleeping, LaneState::Done};
    StateInterval out;
    if (category < kBlockedBase) {
        out.state = kStates[category];
    } else {
        out.state = LaneState::Blocked;
        out.reason = static_cast<trace::WaitReason>(category - kBlockedBase);
    }
    return out;
}

bool is_blocked_category(std::uint8_t category) {
    return category >= kBlockedBase && category < kCategoryCount;
}

int PixelWindow::column(std::int64_t t) const {
    const std::int64_t span = t1 - t0;
    if (span <= 0 || width <= 0)
        return 0;
    const std::int64_t d = std::clamp<std::int64_t>(t - t0, 0, span);
    // The largest x with at(x) <= t, exactly: floor(span*x/W) <= d.
    return static_cast<int>(std::min<std::int64_t>(width, ((d + 1) * width - 1) / span));
}

namespace {
EventTimes compact(const std::vector<std::int64_t>& times) {
    EventTimes out(times.size(), times.empty() ? 0 : times.front(),
                   times.empty() ? 0 : times.back());
    for (std::int64_t t : times)
        out.push_back(t);
    return out;
}
} // namespace

LaneLod::LaneLod(trace::LaneId lane, const analysis::LaneTimeline* timeline,
                 std::vector<TimeSpan> holds, const std::vector<std::int64_t>& events)
    : lane_(lane), timeline_(timeline), events_(compact(events)) {
    build(std::move(holds));
}

LaneLod LaneLod::with_times(trace::LaneId lane, const analysis::LaneTimeline* timeline,
                            std::vector<TimeSpan> holds, EventTimes events, LaneMarks marks) {
    LaneLod lod;
    lod.lane_ = lane;
    lod.timeline_ = timeline;
    lod.events_ = std::move(events);
    lod.marks_ = std::move(marks);
    lod.build(std::move(holds));
    return lod;
}

void LaneLod::build(std::vector<TimeSpan> holds) {
    std::sort(holds.begin(), holds.end(),
              [](const TimeSpan& a, const TimeSpan& b) { return a.t0 < b.t0; });
    for (TimeSpan h : holds) {
        h.t1 = std::max(h.t1, h.t0 + 1); // an instant hold still lights a column
        if (!holds_.empty() && h.t0 <= holds_.back().t1)
            holds_.back().t1 = std::max(holds_.back().t1, h.t1);
        else
            holds_.push_back(h);
    }
    holds_.shrink_to_fit();
    if (timeline_) {
        const auto& iv = timeline_->intervals;
        pyramid_ = StatePyramid(iv, &state_category);
        tail_ = pyramid_.covered();
        interval_keys_ = sample_keys(iv.size(), kBlock, [&](std::size_t e) { return iv[e].t0; });
    }
    hold_keys_ = sample_keys(holds_.size(), kStride, [&](std::size_t e) { return holds_[e].t1; });
    hold_starts_ = sample_keys(holds_.size(), kStride, [&](std::size_t e) { return holds_[e].t0; });
    event_keys_ = sample_keys(events_.size(), kStride, [&](std::size_t e) { return events_[e]; });
}

std::size_t LaneLod::memory_bytes() const {
    return sizeof(*this) + pyramid_.memory_bytes() + holds_.capacity() * sizeof(TimeSpan) +
           events_.memory_bytes() + marks_.memory_bytes() +
           (interval_keys_.capacity() + hold_keys_.capacity() + hold_starts_.capacity() +
            event_keys_.capacity()) *
               sizeof(std::int64_t);
}

// Largest j >= from with intervals[j].t0 <= t (from itself if none).
std::size_t LaneLod::seek(std::size_t from, std::int64_t t) const {
    const auto& iv = timeline_->intervals;
    // Columns move a few intervals at a time: step along the cache lines
    // already loaded before searching.
    for (std::size_t k = 0; k < 8; ++k, ++from)
        if (from + 1 >= iv.size() || iv[from + 1].t0 > t)
            return from;
    const std::size_t next = successor(
        interval_keys_, kBlock, iv.size(), from + 1, [&](std::size_t e) { return iv[e].t0; },
        [t](std::int64_t t0) { return t0 <= t; });
    return std::max(from, next - 1);
}

namespace {
// The documented rule for a merged column, from its time per class.
std::pair<std::uint8_t, std::uint8_t> classify(const std::array<std::int64_t, kCategoryCount>& d) {
    // One pass: the largest and second-largest class (lower class on ties),
    // and the largest blocked class with the blocked total.
    std::int64_t total = 0, blocked = 0;
    int dom = -1, second = -1, top_blocked = -1;
    for (int c = 0; c < kCategoryCount; ++c) {
        const std::int64_t v = d[c];
        if (v <= 0)
            continue;
        total += v;
        if (dom < 0 || v > d[dom]) {
            second = dom;
            dom = c;
        } else if (second < 0 || v > d[second]) {
            second = c;
        }
        if (is_blocked_category(static_cast<std::uint8_t>(c))) {
            blocked += v;
            if (top_blocked < 0 || v > d[top_blocked])
                top_blocked = c;
        }
    }
    if (dom < 0)
        return {0, kNoCategory};
    std::uint8_t accent = kNoCategory;
    if (!is_blocked_category(static_cast<std::uint8_t>(dom)) && top_blocked >= 0 &&
        blocked * kBlockedShare >= total)
        accent = static_cast<std::uint8_t>(top_blocked);
    else if (second >= 0 && d[second] * kSecondShare >= total)
        accent = static_cast<std::uint8_t>(second);
    return {static_cast<std::uint8_t>(dom), accent};
}
} // namespace

void LaneLod::state_runs(const PixelWindow& w, std::vector<StateRun>& out) const {
    out.clear();
    if (!timeline_ || timeline_->intervals.empty() || w.width <= 0 || w.t1 <= w.t0)
        return;
    const auto& iv = timeline_->intervals;
    const std::int64_t first = iv.front().t0;
    const std::int64_t last = iv.back().t1;
    auto push_merged = [&](int x, const Durations& d, std::size_t interval, bool summarised) {
        const auto [cat, accent] = classify(d);
        if (!out.empty() && out.back().merged && out.back().x1 == x && out.back().category == cat &&
            out.back().accent == accent && out.back().summarised == summarised)
            out.back().x1 = x + 1;
        else
            out.push_back({x, x + 1, cat, accent, true, summarised, interval});
    };

    Durations d{};
    const std::int64_t blocks_end = pyramid_.end();
    std::size_t i = 0;
    StatePyramid::Cursor cursor;
    int x = first > w.t0 ? w.column(first) : 0;
    while (x < w.width) {
        const std::int64_t a = w.at(x);
        const std::int64_t b = w.at(x + 1);
        if (a >= last)
            break;
        // Dense column: the pyramid's blocks decide it; intervals stay untouched.
        const std::int64_t lo = std::max(a, first), hi = std::min(b, last);
        if (pyramid_.durations(lo, std::min(hi, blocks_end), cursor, d)) {
            // The last few intervals lie past the pyramid's whole blocks.
            for (std::size_t k = tail_; k < iv.size() && iv[k].t0 < hi; ++k)
                d[state_category(iv[k])] +=
                    std::max<std::int64_t>(0, std::min(iv[k].t1, hi) - std::max(iv[k].t0, lo));
            push_merged(x, d, i, true);
            ++x;
            continue;
        }

        i = seek(i, a);
        const StateInterval& cur = iv[i];
        if (cur.t0 <= a && cur.t1 >= b) {
            // Exact: every column up to the one where cur ends is all cur.
            const int xe = std::max(x + 1, w.column(cur.t1));
            out.push_back({x, xe, state_category(cur), kNoCategory, false, false, i});
            x = xe;
            continue;
        }

        const std::size_t j = seek(i, hi - 1);
        // The pyramid declined: the column touches at most a block or two,
        // so few intervals (always fewer than the pyramid's 2 * kFanout).
        d.fill(0);
        for (std::size_t k = i; k <= j; ++k)
            d[state_category(iv[k])] += std::min(iv[k].t1, hi) - std::max(iv[k].t0, lo);
        i = j;
        push_merged(x, d, i, false);
        ++x;
    }
}

// Ticks and holds look at the samples first: when a sampled element lights
// the column the big arrays are not touched at all, which keeps dense,
// zoomed-out frames out of main memory. Only sparse columns bisect.
void LaneLod::hold_runs(const PixelWindow& w, std::vector<PixelRun>& out) const {
    out.clear();
    if (holds_.empty() || w.width <= 0 || w.t1 <= w.t0)
        return;
    auto push = [&](int xs, int xe) {
        if (!out.empty() && out.back().x1 >= xs)
            out.back().x1 = std::max(out.back().x1, xe);
        else
            out.push_back({xs, xe});
    };
    auto sample = hold_keys_.begin();
    std::size_t next = 0;
    int x = 0;
    while (x < w.width) {
        const std::int64_t a = w.at(x);
        const std::int64_t b = w.at(x + 1);
        sample = gallop(sample, hold_keys_.end(), [a](std::int64_t t1) { return t1 <= a; });
        if (sample != hold_keys_.end() && hold_starts_[sample - hold_keys_.begin()] < b) {
            // A sampled hold overlaps column x and lasts to its own end.
            const int xe = std::max(x + 1, std::min(w.width, w.column(*sample - 1) + 1));
            push(x, xe);
            x = xe;
            continue;
        }
        // The first hold still going at a (holds are disjoint: t1 ascends).
        next = successor(
            hold_keys_, kStride, holds_.size(), next, [&](std::size_t e) { return holds_[e].t1; },
            [a](std::int64_t t1) { return t1 <= a; });
        const auto k = holds_.begin() + static_cast<std::ptrdiff_t>(next);
        if (k == holds_.end() || k->t0 >= w.t1)
            break;
        const int xs = std::max(x, w.column(k->t0));
        const int xe = std::max(xs + 1, std::min(w.width, w.column(k->t1 - 1) + 1));
        push(xs, xe);
        x = xe;
    }
}

void LaneLod::tick_runs(const PixelWindow& w, std::vector<PixelRun>& out) const {
    out.clear();
    if (events_.empty() || w.width <= 0 || w.t1 <= w.t0)
        return;
    auto push = [&](int c) {
        if (!out.empty() && out.back().x1 == c)
            out.back().x1 = c + 1;
        else
            out.push_back({c, c + 1});
    };
    auto sample = event_keys_.begin();
    std::size_t next = 0;
    int x = 0;
    while (x < w.width) {
        const std::int64_t a = w.at(x);
        sample = gallop(sample, event_keys_.end(), [a](std::int64_t t) { return t < a; });
        if (sample != event_keys_.end() && *sample < w.at(x + 1)) {
            push(x); // a sampled event lies in column x
            ++x;
            continue;
        }
        // A few steps along the lane's times first: sparse columns are near.
        for (std::size_t k = 0; k < 4 && next < events_.size() && events_[next] < a; ++k)
            ++next;
        if (next < events_.size() && events_[next] < a)
            next = successor(
                event_keys_, kStride, events_.size(), next,
                [&](std::size_t e) { return events_[e]; }, [a](std::int64_t t) { return t < a; });
        if (next == events_.size() || events_[next] >= w.t1)
            break;
        const int c = w.column(events_[next]);
        push(c);
        x = c + 1;
    }
}

std::size_t LaneLod::nearest_event(const std::vector<trace::Record>& records,
                                   std::int64_t t) const {
    if (events_.empty())
        return npos;
    std::size_t k = events_.lower_bound(t);
    if (k == events_.size() || (k != 0 && t - events_[k - 1] <= events_[k] - t))
        --k;
    const std::int64_t at = events_[k];
    // The lane's first record at that time: rarely more than a few share it.
    auto r =
        std::lower_bound(records.begin(), records.end(), at,
                         [](const trace::Record& rec, std::int64_t v) { return rec.t_ns < v; });
    for (; r != records.end() && r->t_ns == at; ++r)
        if (r->lane == lane_)
            return static_cast<std::size_t>(r - records.begin());
    return npos;
}

std::vector<LaneLod> build_lane_lods(const trace::Snapshot& snapshot,
                                     const analysis::Summary& summary) {
    const std::size_t lanes = snapshot.lanes.size();
    // Records are in time order: a lane's first and last say its span.
    std::vector<std::size_t> counts(lanes, 0);
    std::vector<std::int64_t> first(lanes, 0), last(lanes, 0);
    for (const trace::Record& r : snapshot.records)
        if (r.lane < lanes) {
            if (counts[r.lane]++ == 0)
                first[r.lane] = r.t_ns;
            last[r.lane] = r.t_ns;
        }
    std::vector<EventTimes> events(lanes);
    for (std::size_t l = 0; l < lanes; ++l)
        events[l] = EventTimes(counts[l], first[l], last[l]);
    // Marks are few (a scenario's notes): collected in the same pass.
    std::vector<std::vector<MarkRef>> marks(lanes);
    const auto& records = snapshot.records;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const trace::Record& r = records[i];
        if (r.lane >= lanes)
            continue;
        events[r.lane].push_back(r.t_ns);
        if (r.kind == trace::Kind::Mark)
            marks[r.lane].push_back({r.t_ns, i});
    }

    std::vector<std::vector<TimeSpan>> holds(lanes);
    for (const analysis::ObjectOwnership& o : summary.ownership)
        for (const analysis::HoldInterval& h : o.holds)
            if (h.lane < lanes)
                holds[h.lane].push_back({h.t0, h.t1});

    std::vector<LaneLod> out(lanes);
    for (std::size_t l = 1; l < lanes; ++l)
        out[l] = LaneLod::with_times(
            static_cast<trace::LaneId>(l), summary.timeline(static_cast<trace::LaneId>(l)),
            std::move(holds[l]), std::move(events[l]), LaneMarks(std::move(marks[l])));
    return out;
}

} // namespace il::ui
