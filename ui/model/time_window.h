// The one time window every view shares: the run's time range, the visible
// window, the playhead and the selection. Views read it and ask it to change;
// it clamps and emits. Lives on the GUI thread; not thread-safe.
#pragma once

#include <QObject>

#include <cstddef>
#include <cstdint>

namespace il::ui {

class TimeWindow : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kNoRecord = static_cast<std::size_t>(-1);
    // The narrowest window zoom can reach: below this a ns clock has nothing to show.
    static constexpr std::int64_t kMinSpanNs = 100;

    explicit TimeWindow(QObject* parent = nullptr);

    // The whole run, in trace time (ns, CLOCK_MONOTONIC like the records).
    std::int64_t rangeStart() const { return range0_; }
    std::int64_t rangeEnd() const { return range1_; }
    // What the timeline shows; always inside the range (unless the range is
    // narrower than kMinSpanNs).
    std::int64_t windowStart() const { return window0_; }
    std::int64_t windowEnd() const { return window1_; }
    std::int64_t windowSpan() const { return window1_ - window0_; }
    // "Now" for every view: states, owners, fills and the event log follow it.
    std::int64_t playhead() const { return playhead_; }
    // Index into Snapshot::records of the selected event, or kNoRecord.
    std::size_t selectedRecord() const { return selected_; }

    // A new or grown run. The window keeps its span when it was showing the
    // whole range (it grows with it) and is clamped otherwise; the playhead
    // is clamped.
    void setRange(std::int64_t start, std::int64_t end);
    void setWindow(std::int64_t start, std::int64_t end);
    // factor < 1 zooms in, > 1 out, keeping `anchor` at the same place.
    void zoom(double factor, std::int64_t anchor);
    void pan(std::int64_t dt);
    void fit(); // the window shows the whole range
    // Moves the window only if t is outside it (keeps the span).
    void ensureVisible(std::int64_t t);
    void setPlayhead(std::int64_t t);
    // Selects a record and moves the playhead to its time.
    void select(std::size_t record, std::int64_t t);
    void clearSelection();

signals:
    void rangeChanged(qint64 start, qint64 end);
    void windowChanged(qint64 start, qint64 end);
    void playheadChanged(qint64 t);
    void selectionChanged(quint64 record); // kNoRecord when cleared

private:
    void apply_window(std::int64_t start, std::int64_t end);

    std::int64_t range0_ = 0, range1_ = 0;
    std::int64_t window0_ = 0, window1_ = 0;
    std::int64_t playhead_ = 0;
    std::size_t selected_ = kNoRecord;
};

} // namespace il::ui
