#include "sweep/sweep_job.h"

#include <QtConcurrent/QtConcurrentRun>

namespace il::ui {

SweepJob::SweepJob(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SweepJob::on_done);
}

SweepJob::~SweepJob() {
    cancel();
    wait();
}

bool SweepJob::start(sweep::SweepSpec spec) {
    if (running_)
        return false;
    running_ = true;
    result_ = {};
    error_.clear();
    stop_ = std::stop_source();
    sweep::SweepOptions options;
    options.stop = stop_.get_token();
    // Called on the sweep's thread: the numbers cross to the GUI thread as a
    // queued call, which Qt drops if this job is gone by then.
    options.progress = [this](int done, int total, const sweep::SweepRun&) {
        QMetaObject::invokeMethod(
            this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
    };
    watcher_.setFuture(QtConcurrent::run([spec = std::move(spec), options]() {
        Outcome out;
        try {
            out.result = sweep::run_sweep(spec, options);
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    }));
    return true;
}

void SweepJob::cancel() {
    if (running_)
        stop_.request_stop();
}

void SweepJob::wait() {
    watcher_.waitForFinished();
}

void SweepJob::on_done() {
    if (!running_)
        return;
    Outcome out = watcher_.result();
    result_ = std::move(out.result);
    error_ = std::move(out.error);
    running_ = false;
    emit finished();
}

} // namespace il::ui
