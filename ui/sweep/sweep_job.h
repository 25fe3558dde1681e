// Runs one il::sweep::run_sweep off the GUI thread (QtConcurrent) and
// reports back on the GUI thread: progress through a queued call, the result
// when it ends. cancel() requests the sweep's stop_token: the run going on
// stops and the result keeps the runs that finished. The destructor cancels
// and waits, so no thread outlives the job. Lives on the GUI thread; its
// signals arrive there.
#pragma once

#include "sweep/sweep.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <stop_token>

namespace il::ui {

class SweepJob : public QObject {
    Q_OBJECT
public:
    explicit SweepJob(QObject* parent = nullptr);
    ~SweepJob() override;

    // Starts the sweep; false (and nothing happens) while one is running.
    bool start(sweep::SweepSpec spec);
    // Asks the running sweep to stop; finished() follows.
    void cancel();
    // Blocks until the sweep's thread is done (after cancel(), within about
    // a second: the time a stopped run takes to end).
    void wait();
    // From start() until finished() has been emitted.
    bool isRunning() const { return running_; }
    // The sweep's thread has returned (after wait(), even before the queued
    // finished() arrives): nothing of the job runs any more.
    bool threadDone() const { return watcher_.isFinished(); }
    bool cancelRequested() const { return stop_.stop_requested(); }

    // What the last sweep reached (after finished()).
    const sweep::SweepResult& result() const { return result_; }
    // Why the last sweep could not run ("" when it ran).
    const QString& error() const { return error_; }

signals:
    void progress(int done, int total);
    void finished(); // result() and error() hold the outcome

private:
    struct Outcome {
        sweep::SweepResult result;
        QString error;
    };
    void on_done();

    std::stop_source stop_;
    QFutureWatcher<Outcome> watcher_;
    sweep::SweepResult result_;
    QString error_;
    bool running_ = false;
};

} // namespace il::ui
