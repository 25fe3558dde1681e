// Runs one scenario off the GUI thread and publishes what it records: a
// live RunData a few times a second while it runs (analysed on the run's
// poller thread, never the GUI's), then the finished one. Owned by the GUI
// thread; signals arrive there. Destroying it stops the run and waits.
#pragma once

#include "model/run_data.h"
#include "scenario/scenario.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <chrono>
#include <stop_token>

namespace il::ui {

class LiveRun : public QObject {
    Q_OBJECT
public:
    explicit LiveRun(QObject* parent = nullptr);
    ~LiveRun() override;

    // Starts `scenario` with validated params; false while a run is going on.
    // `params_text` is how the user wrote them, kept with the result.
    bool start(const scenario::Scenario& scenario, scenario::Params params, std::string params_text,
               scenario::RunOptions options = {});
    void stop(); // ends a running run within about a second (also a deadlocked one)
    bool isRunning() const;

    // How often live snapshots are taken at least; slower when analysing one
    // takes long (at most half the time goes to analysis).
    void setLivePeriod(std::chrono::milliseconds period) { period_ = period; }

signals:
    void updated(il::ui::RunDataPtr data);  // live, while running
    void finished(il::ui::RunDataPtr data); // once, at the end

private:
    void on_finished();

    std::stop_source stop_;
    std::chrono::milliseconds period_{150};
    // Set by the poller when it posts an update, cleared when the GUI takes
    // it: a slow GUI skips snapshots instead of queueing them.
    std::shared_ptr<std::atomic<bool>> pending_;
    QFutureWatcher<RunDataPtr> watcher_;
    // True from start() until finished() has been emitted: the watcher's own
    // state turns false before the finished run reaches the GUI thread, and
    // a caller must never see "not running" while the live data is shown.
    bool running_ = false;
};

} // namespace il::ui
