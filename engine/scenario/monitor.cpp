#include "scenario/monitor.h"

#include "analysis/stall.h"
#include "analysis/wait_for_graph.h"
#include "trace/clock.h"

namespace il::scenario {

RunMonitor::RunMonitor(Session& session, Options options)
    : session_(session), options_(options), thread_([this] { watch(); }) {}

RunMonitor::~RunMonitor() {
    finish();
}

void RunMonitor::finish() {
    {
        std::lock_guard g(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void RunMonitor::watch() {
    trace::Recorder& rec = session_.recorder();
    trace::Recorder::Cursor cursor;
    analysis::WaitForGraph graph;
    std::size_t lanes_known = 0, objects_known = 0;
    std::int64_t last_progress = trace::clock::monotonic_ns();

    auto found = [&](analysis::Diagnostic d) {
        if (session_.stop_requested())
            return; // what a stopping run does next is not a finding
        found_.push_back(std::move(d));
        if (options_.stop_on_deadlock) {
            deadlocked_ = true;
            session_.request_stop();
        }
    };
    auto step = [&] {
        std::vector<trace::Record> batch = rec.read_new(cursor);
        if (batch.empty())
            return false;
        // The registry only grows; refresh the graph's copy when it did.
        const trace::Registry& reg = session_.registry();
        if (reg.lane_count() != lanes_known || reg.object_count() != objects_known) {
            std::vector<trace::LaneInfo> lanes = reg.lanes();
            std::vector<trace::ObjectInfo> objects = reg.objects();
            lanes_known = lanes.size();
            objects_known = objects.size();
            for (analysis::Diagnostic& d : graph.set_registry(std::move(lanes), std::move(objects)))
                found(std::move(d));
        }
        for (const trace::Record& r : batch)
            if (std::optional<analysis::Diagnostic> d = graph.feed(r))
                found(std::move(*d));
        return true;
    };

    std::unique_lock g(mutex_);
    while (!done_) {
        wake_.wait_for(g, options_.period, [this] { return done_; });
        if (done_)
            break;
        g.unlock();
        const bool progressed = step();
        const std::int64_t now = trace::clock::monotonic_ns();
        if (progressed)
            last_progress = now;
        else if (options_.stall && !session_.stop_requested() &&
                 now - last_progress >= options_.stall->count() && analysis::is_stalled(graph)) {
            found_.push_back(analysis::stall_diagnostic(graph, now, now - last_progress));
            stalled_ = true;
            session_.request_stop();
        }
        g.lock();
    }
    g.unlock();
    step(); // what was committed after the last read
}

} // namespace il::scenario
