// The playback bar: previous/next event, play/pause, next diagnostic, follow
// live, speed, a scrubber over the whole range and the playhead time. Drives
// a PlaybackController and the shared TimeWindow, owning neither; GUI thread
// only.
#pragma once

#include <QWidget>

#include <cstdint>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace il::ui {

class PlaybackController;
class TimeWindow;

class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kScrubSteps = 10000;

    PlaybackBar(PlaybackController* controller, TimeWindow* window, QWidget* parent = nullptr);

    // The bar's actions carry its shortcuts (window-wide) and can go in menus too.
    QAction* playAction() const { return play_; }
    QAction* stepForwardAction() const { return step_; }
    QAction* stepBackwardAction() const { return step_back_; }
    QAction* nextDiagnosticAction() const { return next_diag_; }
    QAction* previousDiagnosticAction() const { return prev_diag_; }
    QAction* fasterAction() const { return faster_; }
    QAction* slowerAction() const { return slower_; }
    QAction* followLiveAction() const { return live_; }

    // "12.5 ms / 40.0 ms": both in the unit that suits the total.
    static QString timeText(std::int64_t sinceStartNs, std::int64_t totalNs);

private:
    QAction* make_action(const QIcon& icon, const QString& text, const QKeySequence& key);
    QToolButton* make_button(QAction* action, const char* objectName);
    void playing_changed(bool playing);
    void speed_changed(double speed);
    void sync_to_playhead();
    void scrubbed(int value);

    PlaybackController* controller_;
    TimeWindow* window_;
    QAction *play_, *step_, *step_back_, *next_diag_, *prev_diag_, *faster_, *slower_, *live_;
    QComboBox* speed_;
    QSlider* scrubber_;
    QLabel* time_;
    bool scrubbing_ = false; // the playhead moves because the scrubber did
};

} // namespace il::ui
