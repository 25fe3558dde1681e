// The queue view: a gauge per Queue (fill out of capacity at the playhead,
// the items in it, a sparkline of its whole history that moves the playhead
// when clicked) and the free permits of every semaphore. Reads the RunModel
// and the shared TimeWindow (not owned); GUI thread only.
#pragma once

#include "model/run_model.h"
#include "model/time_window.h"
#include "objects/queue_canvas.h"
#include "objects/queue_contents.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace il::ui {

class QueueView : public QWidget {
    Q_OBJECT
public:
    // At most this many item numbers per queue are listed (count says the rest).
    static constexpr std::size_t kMaxItems = 64;

    // objectName "queueView"; children "queueEmptyLabel", "queueCanvas".
    QueueView(RunModel* model, TimeWindow* window, QWidget* parent = nullptr);

    // The gauges at the playhead, queues by object id.
    const std::vector<QueueGauge>& gauges() const;
    const QueueGauge* gauge(trace::ObjectId object) const;
    const std::vector<PermitGauge>& permitGauges() const;
    QueueCanvas* canvas() const { return canvas_; }

private:
    void rebuild();
    void follow_playhead(std::int64_t t);
    void follow_selection(std::size_t record);

    RunModel* model_;
    TimeWindow* window_;
    RunDataPtr data_;
    std::vector<QueueContents> contents_;               // per queue, by object id
    std::vector<const analysis::LevelSeries*> series_;  // parallel to contents_
    std::vector<const analysis::LevelSeries*> permits_; // semaphores' levels

    QLabel* empty_;
    QScrollArea* scroll_;
    QueueCanvas* canvas_;
};

} // namespace il::ui
