#include "model/time_window.h"

#include <algorithm>
#include <cmath>

namespace il::ui {

TimeWindow::TimeWindow(QObject* parent) : QObject(parent) {}

void TimeWindow::setRange(std::int64_t start, std::int64_t end) {
    end = std::max(start, end);
    if (start == range0_ && end == range1_)
        return;
    const bool whole = window0_ <= range0_ && window1_ >= range1_;
    range0_ = start;
    range1_ = end;
    emit rangeChanged(range0_, range1_);
    if (whole)
        apply_window(range0_, range1_);
    else
        apply_window(window0_, window1_);
    setPlayhead(playhead_);
}

void TimeWindow::setWindow(std::int64_t start, std::int64_t end) {
    apply_window(start, end);
}

void TimeWindow::apply_window(std::int64_t start, std::int64_t end) {
    const std::int64_t range = range1_ - range0_;
    std::int64_t span = std::clamp<std::int64_t>(end - start, std::min(kMinSpanNs, range), range);
    start = std::clamp(start, range0_, range1_ - span);
    end = start + span;
    if (start == window0_ && end == window1_)
        return;
    window0_ = start;
    window1_ = end;
    emit windowChanged(window0_, window1_);
}

void TimeWindow::zoom(double factor, std::int64_t anchor) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    anchor = std::clamp(anchor, window0_, window1_);
    const double left = double(anchor - window0_) * factor;
    const double right = double(window1_ - anchor) * factor;
    // Zooming in past the minimum span keeps the anchor where it is.
    const double span = left + right;
    double scale = 1.0;
    if (span < double(kMinSpanNs) && span > 0)
        scale = double(kMinSpanNs) / span;
    apply_window(anchor - std::llround(left * scale), anchor + std::llround(right * scale));
}

void TimeWindow::pan(std::int64_t dt) {
    apply_window(window0_ + dt, window1_ + dt);
}

void TimeWindow::fit() {
    apply_window(range0_, range1_);
}

void TimeWindow::ensureVisible(std::int64_t t) {
    if (t >= window0_ && t <= window1_)
        return;
    const std::int64_t span = window1_ - window0_;
    // Page forward or back so that t sits a tenth into the window.
    apply_window(t - span / 10, t - span / 10 + span);
}

void TimeWindow::setPlayhead(std::int64_t t) {
    t = std::clamp(t, range0_, range1_);
    if (t == playhead_)
        return;
    playhead_ = t;
    emit playheadChanged(playhead_);
}

void TimeWindow::select(std::size_t record, std::int64_t t) {
    if (record != selected_) {
        selected_ = record;
        emit selectionChanged(selected_);
    }
    setPlayhead(t);
}

void TimeWindow::clearSelection() {
    if (selected_ == kNoRecord)
        return;
    selected_ = kNoRecord;
    emit selectionChanged(selected_);
}

} // namespace il::ui
