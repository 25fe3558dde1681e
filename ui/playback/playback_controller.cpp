#include "playback/playback_controller.h"

#include "model/run_model.h"
#include "model/time_window.h"

#include <algorithm>
#include <cmath>

namespace il::ui {

namespace {

constexpr int kTickMs = 16; // ~60 Hz
constexpr double kDefaultSpeed = 1.0 / 100;

} // namespace

const std::vector<double>& PlaybackController::speeds() {
    static const std::vector<double> s{1.0 / 1000, 1.0 / 300, 1.0 / 100, 1.0 / 30,
                                       1.0 / 10,   1.0 / 3,   1.0};
    return s;
}

PlaybackController::PlaybackController(RunModel* model, TimeWindow* window, QObject* parent)
    : QObject(parent), model_(model), window_(window), speed_(kDefaultSpeed) {
    timer_.setInterval(kTickMs);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &PlaybackController::tick);
    connect(model_, &RunModel::dataChanged, this, &PlaybackController::data_changed);
    connect(window_, &TimeWindow::playheadChanged, this, [this] {
        // Someone (a step, the scrubber, a click in a view) took the playhead
        // away from the live head: stop dragging it back. A new run's range
        // clamping the playhead before data_changed saw that run is not a user.
        const RunData& data = *model_->data();
        if (!following_ && follow_live_ && data.live && data.snapshot.start_ns == run_start_)
            setFollowLive(false);
    });
}

void PlaybackController::play() {
    if (playing_ || window_->rangeEnd() <= window_->rangeStart())
        return;
    if (window_->playhead() >= window_->rangeEnd())
        window_->setPlayhead(window_->rangeStart());
    if (model_->data()->live)
        setFollowLive(false);
    playing_ = true;
    carry_ns_ = 0;
    clock_.start();
    timer_.start();
    emit playingChanged(true);
}

void PlaybackController::pause() {
    if (!playing_)
        return;
    playing_ = false;
    timer_.stop();
    emit playingChanged(false);
}

void PlaybackController::togglePlay() {
    if (playing_)
        pause();
    else
        play();
}

void PlaybackController::tick() {
    // Advance by the wall time that really passed, so a late tick does not
    // slow playback down.
    carry_ns_ += double(clock_.nsecsElapsed()) * speed_;
    clock_.start();
    const auto dt = std::int64_t(carry_ns_);
    carry_ns_ -= double(dt);
    const std::int64_t end = window_->rangeEnd();
    const std::int64_t t = std::min(end, window_->playhead() + dt);
    window_->setPlayhead(t);
    window_->ensureVisible(t);
    if (t >= end)
        pause();
}

void PlaybackController::go_to_record(std::size_t index) {
    pause();
    const auto& records = model_->data()->snapshot.records;
    window_->select(index, records[index].t_ns);
    window_->ensureVisible(records[index].t_ns);
}

void PlaybackController::stepForward() {
    const auto& records = model_->data()->snapshot.records;
    const std::int64_t t = window_->playhead();
    const std::size_t sel = window_->selectedRecord();
    // Records that share a time are stepped through one by one from the selection.
    std::size_t next;
    if (sel < records.size() && records[sel].t_ns == t)
        next = sel + 1;
    else
        next =
            std::size_t(std::upper_bound(records.begin(), records.end(), t,
                                         [](std::int64_t v, const auto& r) { return v < r.t_ns; }) -
                        records.begin());
    if (next < records.size())
        go_to_record(next);
}

void PlaybackController::stepBackward() {
    const auto& records = model_->data()->snapshot.records;
    const std::int64_t t = window_->playhead();
    const std::size_t sel = window_->selectedRecord();
    std::size_t before; // records [0, before) come before the playhead
    if (sel < records.size() && records[sel].t_ns == t)
        before = sel;
    else
        before =
            std::size_t(std::lower_bound(records.begin(), records.end(), t,
                                         [](const auto& r, std::int64_t v) { return r.t_ns < v; }) -
                        records.begin());
    if (before > 0)
        go_to_record(before - 1);
}

void PlaybackController::nextDiagnostic() {
    const auto& diags = model_->data()->summary.diagnostics;
    const std::int64_t t = window_->playhead();
    auto it = std::upper_bound(diags.begin(), diags.end(), t,
                               [](std::int64_t v, const auto& d) { return v < d.t_ns; });
    if (it == diags.end())
        return;
    pause();
    window_->setPlayhead(it->t_ns);
    window_->ensureVisible(it->t_ns);
}

void PlaybackController::previousDiagnostic() {
    const auto& diags = model_->data()->summary.diagnostics;
    const std::int64_t t = window_->playhead();
    auto it = std::lower_bound(diags.begin(), diags.end(), t,
                               [](const auto& d, std::int64_t v) { return d.t_ns < v; });
    if (it == diags.begin())
        return;
    --it;
    pause();
    window_->setPlayhead(it->t_ns);
    window_->ensureVisible(it->t_ns);
}

void PlaybackController::setSpeed(double speed) {
    if (!(speed > 0))
        speed = speeds().front();
    // Nearest step on a log scale: the steps are roughly evenly spaced there.
    auto best = std::min_element(speeds().begin(), speeds().end(), [&](double a, double b) {
        return std::abs(std::log(a / speed)) < std::abs(std::log(b / speed));
    });
    if (*best == speed_)
        return;
    speed_ = *best;
    emit speedChanged(speed_);
}

void PlaybackController::faster() {
    auto it = std::upper_bound(speeds().begin(), speeds().end(), speed_);
    if (it != speeds().end())
        setSpeed(*it);
}

void PlaybackController::slower() {
    auto it = std::lower_bound(speeds().begin(), speeds().end(), speed_);
    if (it != speeds().begin())
        setSpeed(*(it - 1));
}

void PlaybackController::setFollowLive(bool follow) {
    if (follow == follow_live_)
        return;
    follow_live_ = follow;
    emit followLiveChanged(follow_live_);
    if (follow_live_)
        data_changed();
}

void PlaybackController::data_changed() {
    const RunData& data = *model_->data();
    if (!data.live)
        return;
    bool new_run = false;
    if (data.snapshot.start_ns != run_start_) {
        // A new run starts followed and fitted, whatever the last one was left at.
        run_start_ = data.snapshot.start_ns;
        new_run = true;
        if (!follow_live_) {
            follow_live_ = true;
            emit followLiveChanged(true);
        }
    }
    if (!follow_live_)
        return;
    pause();
    following_ = true;
    // Whoever else keeps the range in step with the data may run before or
    // after this; asking for the same range twice is harmless.
    const bool whole = new_run || (window_->windowStart() <= window_->rangeStart() &&
                                   window_->windowEnd() >= window_->rangeEnd());
    const std::int64_t head = data.snapshot.end_ns;
    window_->setRange(data.snapshot.start_ns, head);
    if (whole)
        window_->fit();
    else
        window_->setWindow(head - window_->windowSpan(), head);
    window_->setPlayhead(head);
    following_ = false;
}

} // namespace il::ui
