#include "run/live_run.h"

#include "analysis/wait_for_graph.h"
#include "run/session.h"
#include "scenario/runner.h"

#include <QtConcurrent>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace il::ui {

namespace {

// Snapshots a live session on its own thread between the runner's on_start
// and on_finish; on_finish stops and joins it before the session goes away.
class Poller {
public:
    template <class Publish>
    void start(Session& session, std::chrono::milliseconds period, Publish publish) {
        thread_ = std::thread([this, &session, period, publish] {
            std::unique_lock g(mutex_);
            auto wait = period;
            while (!wake_.wait_for(g, wait, [this] { return done_; })) {
                g.unlock();
                const auto t0 = std::chrono::steady_clock::now();
                trace::Snapshot snap = session.recorder().snapshot();
                // The monitor's findings are not shared while it runs; a
                // deadlock is exact from the snapshot alone.
                auto found = analysis::find_deadlocks(snap);
                publish(std::move(snap), std::move(found));
                const auto cost = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - t0);
                wait = std::max(period, 2 * cost);
                g.lock();
            }
        });
    }
    void stop() {
        {
            std::lock_guard g(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace

LiveRun::LiveRun(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<RunDataPtr>::finished, this, &LiveRun::on_finished);
}

LiveRun::~LiveRun() {
    stop();
    watcher_.waitForFinished();
}

bool LiveRun::isRunning() const {
    return running_;
}

void LiveRun::stop() {
    stop_.request_stop();
}

bool LiveRun::start(const scenario::Scenario& scenario, scenario::Params params,
                    std::string params_text, scenario::RunOptions options) {
    if (running_)
        return false;
    running_ = true;
    stop_ = std::stop_source();
    options.stop = stop_.get_token();
    pending_ = std::make_shared<std::atomic<bool>>(false);

    auto poller = std::make_shared<Poller>();
    const std::string id = scenario.info().id;
    auto publish = [this, id, params_text, pending = pending_](trace::Snapshot snap, auto found) {
        if (pending->exchange(true))
            return; // the GUI has not taken the last one yet
        RunDataPtr data = make_live_data(id, params_text, std::move(snap), std::move(found));
        QMetaObject::invokeMethod(
            this,
            [this, data, pending] {
                pending->store(false);
                if (running_)
                    emit updated(data);
            },
            Qt::QueuedConnection);
    };
    const auto period = period_;
    options.on_start = [poller, period, publish](Session& s) { poller->start(s, period, publish); };
    options.on_finish = [poller](Session&) { poller->stop(); };

    const scenario::Scenario* s = &scenario;
    watcher_.setFuture(QtConcurrent::run([s, params = std::move(params), options,
                                          params_text = std::move(params_text)]() mutable {
        return make_run_data(scenario::run_scenario(*s, params, options), std::move(params_text));
    }));
    return true;
}

void LiveRun::on_finished() {
    running_ = false;
    emit finished(watcher_.result());
}

} // namespace il::ui
