// One side of a comparison: a title (scenario, parameters, duration,
// outcome) over a TimelineView of one run, with the RunModel and TimeWindow
// that view reads. Owns its model, window and widgets; shares the RunData.
// GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QWidget>

#include <cstdint>

class QLabel;

namespace il::ui {

class RunModel;
class TimeWindow;
class TimelineView;

class ComparePane : public QWidget {
    Q_OBJECT
public:
    // `span_ns`: how much time the pane's range covers from the run's start
    // (the longer run's duration, so both panes share one time scale and the
    // shorter run simply ends earlier).
    ComparePane(RunDataPtr data, std::int64_t span_ns, QWidget* parent = nullptr);

    TimelineView* timeline() const { return timeline_; }
    TimeWindow* window() const { return window_; }
    QLabel* title() const { return title_; }
    const RunDataPtr& data() const { return data_; }
    std::int64_t start() const; // the run's start, in its trace time

    // "counter · threads=3 · 12.5 ms · OK": what the title shows.
    static QString titleText(const RunData& data);

private:
    RunDataPtr data_;
    RunModel* model_;
    TimeWindow* window_;
    QLabel* title_;
    TimelineView* timeline_;
};

} // namespace il::ui
