// Plays the shared time window: moves the playhead at a chosen fraction of
// real time, steps from record to record and from diagnostic to diagnostic,
// and follows a live run's head. Does not own the model or the window;
// GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <vector>

namespace il::ui {

class RunModel;
class TimeWindow;

class PlaybackController : public QObject {
    Q_OBJECT
public:
    PlaybackController(RunModel* model, TimeWindow* window, QObject* parent = nullptr);

    // Trace time per wall time: 1/1000 .. 1 (real time), in these steps.
    static const std::vector<double>& speeds();

    bool isPlaying() const { return playing_; }
    double speed() const { return speed_; }
    // While the run is live, each update moves the playhead to its head.
    bool followLive() const { return follow_live_; }

public slots:
    // Starts from the range start when the playhead sits at the end.
    void play();
    void pause();
    void togglePlay();
    // The next/previous record (select it, playhead to its time); these and
    // the diagnostic jumps pause playback. Moving the playhead (from here or
    // any view) while a run is live stops following it.
    void stepForward();
    void stepBackward();
    void nextDiagnostic();
    void previousDiagnostic();
    // Snaps to the nearest allowed step.
    void setSpeed(double speed);
    void faster();
    void slower();
    void setFollowLive(bool follow);

signals:
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void followLiveChanged(bool follow);

private:
    void tick();
    void data_changed();
    void go_to_record(std::size_t index);

    RunModel* model_;
    TimeWindow* window_;
    QTimer timer_;
    QElapsedTimer clock_; // wall time since the last tick
    double carry_ns_ = 0; // trace time below one ns not yet applied
    double speed_;
    bool playing_ = false;
    bool follow_live_ = true;
    bool following_ = false;      // data_changed is moving the playhead to the head
    std::int64_t run_start_ = -1; // start_ns of the run last seen: a new run resets follow
};

} // namespace il::ui
