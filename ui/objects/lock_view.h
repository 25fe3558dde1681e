// The lock view: every Lock, RLock, Semaphore, BoundedSemaphore and
// Condition of the run as a card with its owner or holders, free permits and
// ordered waiter queue at the playhead; animated handoffs during playback; a
// deadlock cycle in red with a banner and a jump to the moment it closed.
// Reads the RunModel and the shared TimeWindow (not owned); GUI thread only.
#pragma once

#include "model/run_model.h"
#include "model/time_window.h"
#include "objects/lock_scene.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVariantAnimation;

namespace il::ui {

class LockCanvas;

class LockView : public QWidget {
    Q_OBJECT
public:
    // objectName "lockView"; children "deadlockBanner" (QLabel),
    // "jumpToDeadlock" (QPushButton), "lockEmptyLabel", "lockCanvas".
    LockView(RunModel* model, TimeWindow* window, QWidget* parent = nullptr);

    const LockScene& scene() const { return scene_; }
    // The nodes drawn, at the playhead.
    const std::vector<LockNode>& nodes() const;
    const LockNode* node(trace::ObjectId object) const;
    LockCanvas* canvas() const { return canvas_; }
    // A node's card, in canvas coordinates (empty if not shown).
    QRect nodeRect(trace::ObjectId object) const;
    bool animating() const;
    // A forward playhead step at most this long animates its handoffs.
    std::int64_t animationStepLimit() const;

private:
    void rebuild();
    void follow_playhead(std::int64_t t);
    void follow_selection(std::size_t record);
    void update_banner(std::int64_t t);
    void jump_to_deadlock();
    void select_latest(trace::ObjectId object);
    void animate(std::int64_t from, std::int64_t to);

    RunModel* model_;
    TimeWindow* window_;
    LockScene scene_;
    std::int64_t shown_t_ = 0;
    const LockDeadlock* banner_deadlock_ = nullptr; // into scene_

    QLabel* banner_;
    QPushButton* jump_;
    QWidget* banner_box_;
    QLabel* empty_;
    QScrollArea* scroll_;
    LockCanvas* canvas_;
    QVariantAnimation* animation_;
};

} // namespace il::ui
