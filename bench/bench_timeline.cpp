// What one timeline frame costs on big traces: synthetic snapshots of 1 M and
// 10 M records over 64 lanes (lock handoffs with waits, an event that wakes
// waiters, a producer/consumer queue), analysed once, then painted into a
// 1600x900 QImage by the view's own painter fully zoomed out and at 1/10,
// 1/1000 and 1/100000 of the range. Target: <= 16 ms a frame, flat in the
// number of events. Also the build cost of the LOD and the memory of the
// 10 M trace with its Summary and LOD (target <= 1 GiB peak RSS).
#include "analysis/stats.h"
#include "model/run_data.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_lod.h"
#include "timeline/timeline_painter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <queue>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using il::trace::Kind;
using il::trace::LaneId;
using il::trace::ObjectId;
using il::trace::Record;
using il::trace::WaitReason;

constexpr int kLanes = 64;
constexpr int kLocks = 16;
constexpr int kProducers = 8;      // lanes 1..8 put, lanes 9..16 get
constexpr LaneId kTicker = kLanes; // sets the event that others wait on

// ---- a synthetic trace, generated as a discrete-event simulation -----------

struct Sim {
    il::trace::Snapshot s;
    std::mt19937_64 rng{7};
    ObjectId queue = 0, event = 0;
    struct Lock {
        LaneId holder = 0;
        std::deque<LaneId> waiters;
        std::int64_t last_release = 0;
    };
    std::vector<Lock> locks;
    std::vector<std::int64_t> next_token;
    std::deque<std::int64_t> items; // queue contents (sequence numbers)
    std::deque<LaneId> getters;     // consumers waiting on an empty queue
    std::vector<LaneId> event_waiters;
    std::int64_t item_seq = 0;

    enum class Phase { Start, Work, Hold, Woken, QueueWoken, EventWoken };
    struct Lane {
        Phase phase = Phase::Start;
        int lock = 0;
        std::int64_t token = 0;
    };
    std::vector<Lane> lanes;
    using Due = std::pair<std::int64_t, LaneId>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> due;

    std::int64_t us(int lo, int hi) { return 1000 * (lo + std::int64_t(rng() % (hi - lo + 1))); }
    void rec(std::int64_t t, LaneId lane, ObjectId obj, Kind k, std::int64_t a = 0,
             std::int32_t b = 0, std::uint16_t c = 0) {
        s.records.push_back({t, lane, obj, k, c, b, a});
    }
    ObjectId lock_object(int i) const { return ObjectId(1 + kLanes + i); }
    ObjectId token(ObjectId obj) { return ObjectId(++next_token[obj]); }

    void setup() {
        s.lanes.resize(kLanes + 1);
        s.objects.resize(1);
        for (int l = 1; l <= kLanes; ++l) {
            auto& lane = s.lanes[l];
            lane.id = LaneId(l);
            lane.name = l <= kProducers       ? "producer-" + std::to_string(l)
                        : l <= 2 * kProducers ? "consumer-" + std::to_string(l)
                        : l == kTicker        ? std::string("ticker")
                                              : "worker-" + std::to_string(l);
            lane.pid = l <= 32 ? 1000 : 1001; // two processes
            lane.object = ObjectId(l);
            s.objects.push_back(
                {ObjectId(l), il::trace::ObjectKind::Lane, lane.name, 0, 0, 0, LaneId(l)});
        }
        for (int i = 0; i < kLocks; ++i)
            s.objects.push_back({lock_object(i), il::trace::ObjectKind::Lock,
                                 "lock-" + std::to_string(i), 0, 0, 0, 0});
        queue = ObjectId(s.objects.size());
        s.objects.push_back({queue, il::trace::ObjectKind::Queue, "jobs", 0, 0, 0, 0});
        event = ObjectId(s.objects.size());
        s.objects.push_back({event, il::trace::ObjectKind::Event, "tick", 0, 0, 0, 0});
        locks.resize(kLocks);
        next_token.assign(s.objects.size(), 0);
        lanes.resize(kLanes + 1);
        for (LaneId l = 1; l <= kLanes; ++l)
            due.push({1000 + l * 100, l});
    }

    void step(std::int64_t t, LaneId l) {
        Lane& me = lanes[l];
        switch (me.phase) {
        case Phase::Start:
            rec(t, l, ObjectId(l), Kind::LaneStart, 0, std::int32_t(l));
            me.phase = Phase::Work;
            due.push({t + us(1, 20), l});
            return;
        case Phase::Woken: // a lock handed over to us
            rec(t, l, lock_object(me.lock), Kind::Acquire, me.token, 1);
            rec(t, l, lock_object(me.lock), Kind::WaitEnd);
            me.phase = Phase::Hold;
            due.push({t + us(1, 5), l});
            return;
        case Phase::QueueWoken:
        case Phase::EventWoken: {
            const bool q = me.phase == Phase::QueueWoken;
            rec(t, l, q ? queue : event, q ? Kind::Get : Kind::Wake, me.token,
                q ? std::int32_t(items.size()) : 0);
            rec(t, l, q ? queue : event, Kind::WaitEnd);
            me.phase = Phase::Work;
            due.push({t + us(2, 30), l});
            return;
        }
        case Phase::Hold: {
            Lock& L = locks[me.lock];
            const std::int64_t tok = token(lock_object(me.lock));
            rec(t, l, lock_object(me.lock), Kind::Release, tok);
            L.last_release = tok;
            if (!L.waiters.empty()) {
                const LaneId w = L.waiters.front();
                L.waiters.pop_front();
                L.holder = w;
                lanes[w].phase = Phase::Woken;
                lanes[w].token = tok;
                due.push({t + 300 + std::int64_t(rng() % 2000), w}); // wake-up latency
            } else {
                L.holder = 0;
            }
            me.phase = Phase::Work;
            due.push({t + us(1, 20), l});
            return;
        }
        case Phase::Work:
            break;
        }
        // Done working: decide what comes next.
        if (l == kTicker) {
            const std::int64_t tok = token(event);
            rec(t, l, event, Kind::Set, tok);
            for (LaneId w : event_waiters) {
                lanes[w].phase = Phase::EventWoken;
                lanes[w].token = tok;
                due.push({t + 500 + std::int64_t(rng() % 3000), w});
            }
            event_waiters.clear();
            rec(t, l, event, Kind::Clear);
            due.push({t + us(200, 400), l});
            return;
        }
        if (l <= kProducers) {
            const std::int64_t seq = ++item_seq;
            rec(t, l, queue, Kind::Put, seq, std::int32_t(items.size() + 1));
            if (!getters.empty()) {
                const LaneId g = getters.front();
                getters.pop_front();
                lanes[g].phase = Phase::QueueWoken;
                lanes[g].token = seq;
                due.push({t + 200 + std::int64_t(rng() % 1000), g});
            } else {
                items.push_back(seq);
            }
            due.push({t + us(5, 40), l});
            return;
        }
        if (l <= 2 * kProducers) {
            if (!items.empty()) {
                const std::int64_t seq = items.front();
                items.pop_front();
                rec(t, l, queue, Kind::Get, seq, std::int32_t(items.size()));
                due.push({t + us(5, 40), l});
            } else {
                rec(t, l, queue, Kind::WaitBegin, 0, 0, std::uint16_t(WaitReason::QueueGet));
                getters.push_back(l);
            }
            return;
        }
        if (rng() % 16 == 0) { // wait for the next tick
            rec(t, l, event, Kind::WaitBegin, 0, 0, std::uint16_t(WaitReason::Event));
            event_waiters.push_back(l);
            return;
        }
        me.lock = int(rng() % kLocks);
        Lock& L = locks[me.lock];
        if (L.holder == 0) {
            rec(t, l, lock_object(me.lock), Kind::Acquire, L.last_release, 1);
            L.holder = l;
            me.phase = Phase::Hold;
            due.push({t + us(1, 5), l});
        } else {
            rec(t, l, lock_object(me.lock), Kind::WaitBegin, 0, 0, std::uint16_t(WaitReason::Lock));
            L.waiters.push_back(l);
        }
    }

    il::trace::Snapshot run(std::size_t events) {
        setup();
        s.records.reserve(events + 16);
        while (s.records.size() < events && !due.empty()) {
            const auto [t, l] = due.top();
            due.pop();
            step(t, l);
        }
        s.start_ns = 0;
        s.end_ns = s.records.back().t_ns + 1000;
        s.finished = true;
        return std::move(s);
    }
};

// ---- one dataset at a time (the 10 M one must not share RSS with the 1 M) ---

std::size_t rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * std::size_t(sysconf(_SC_PAGESIZE));
}

template <class T> std::size_t bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

struct Dataset {
    std::size_t events = 0;
    il::trace::Snapshot snapshot;
    il::analysis::Summary summary;
    std::vector<il::ui::LaneLod> lods;
    il::ui::TimelineLayout layout;
    double generate_s = 0, analyze_s = 0, lod_s = 0;
    std::size_t rss_before = 0, rss_snapshot = 0, rss_summary = 0, rss_lod = 0;
};

std::unique_ptr<Dataset> g_data;

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Dataset& dataset(std::size_t events) {
    if (g_data && g_data->events == events)
        return *g_data;
    g_data.reset();
    auto d = std::make_unique<Dataset>();
    d->events = events;
    d->rss_before = rss_bytes();
    auto t0 = std::chrono::steady_clock::now();
    d->snapshot = Sim().run(events);
    d->generate_s = seconds_since(t0);
    d->rss_snapshot = rss_bytes();
    t0 = std::chrono::steady_clock::now();
    d->summary = il::analysis::analyze(d->snapshot);
    il::ui::release_unused_memory(); // as the app's make_run_data does
    d->analyze_s = seconds_since(t0);
    d->rss_summary = rss_bytes();
    t0 = std::chrono::steady_clock::now();
    d->lods = il::ui::build_lane_lods(d->snapshot, d->summary);
    d->lod_s = seconds_since(t0);
    d->rss_lod = rss_bytes();
    d->layout = il::ui::TimelineLayout(d->snapshot);
    g_data = std::move(d);
    return *g_data;
}

// ---- frames -----------------------------------------------------------------

// range(0): millions of events; range(1): zoom level, the window showing
// 1 / 10^(0, 1, 3, 5) of the range, centred.
void BM_TimelineFrame(benchmark::State& state) {
    Dataset& d = dataset(std::size_t(state.range(0)) * 1'000'000);
    static const std::int64_t kDivisors[] = {1, 10, 1000, 100000};
    const std::int64_t div = kDivisors[state.range(1)];
    const auto& r = d.summary.range;
    const std::int64_t span = std::max<std::int64_t>(100, r.length() / div);
    const std::int64_t mid = r.begin + r.length() / 2;

    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    il::ui::TimelineScene scene;
    scene.snapshot = &d.snapshot;
    scene.summary = &d.summary;
    scene.lods = &d.lods;
    scene.layout = &d.layout;
    scene.t0 = mid - span / 2;
    scene.t1 = scene.t0 + span;
    scene.origin = r.begin;
    scene.playhead = mid;
    scene.selected = d.snapshot.records.size() / 2;
    scene.area = image.rect();
    il::ui::TimelinePainter painter;
    const QPalette palette = QGuiApplication::palette();
    il::ui::TimelinePainter::Stats stats;
    for (auto _ : state) {
        QPainter p(&image);
        stats = painter.paint(p, scene, palette);
        p.end();
        benchmark::DoNotOptimize(image.constBits());
    }
    state.counters["runs"] = double(stats.runs);
    state.counters["arrows"] = double(stats.arrows_drawn);
    state.counters["hidden"] = double(stats.arrows_hidden);
    state.counters["window_us"] = double(span) / 1e3;
    // BENCH_TIMELINE_PNG=<dir>: keep each frame to look at.
    if (const QString dir = qEnvironmentVariable("BENCH_TIMELINE_PNG"); !dir.isEmpty())
        image.save(QStringLiteral("%1/timeline_%2M_zoom%3.png")
                       .arg(dir)
                       .arg(state.range(0))
                       .arg(state.range(1)));
}
BENCHMARK(BM_TimelineFrame)
    ->ArgsProduct({{1}, {0, 1, 2, 3}})
    ->ArgsProduct({{10}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

// The one-off costs of a dataset (one iteration: the dataset is built once)
// and, for the 10 M trace, where the memory goes.
void BM_TimelineData(benchmark::State& state) {
    const std::size_t events = std::size_t(state.range(0)) * 1'000'000;
    g_data.reset(); // measure a fresh build, not the cached one
    for (auto _ : state)
        benchmark::DoNotOptimize(&dataset(events));
    Dataset& d = *g_data;
    const auto& s = d.summary;
    std::size_t own = 0, own_holds = 0, own_waits = 0;
    for (const auto& o : s.ownership) {
        own_holds += bytes(o.holds);
        own_waits += bytes(o.waits);
        own += sizeof(o);
    }
    std::size_t intervals = 0, interval_count = 0;
    for (const auto& tl : s.timelines) {
        intervals += bytes(tl.intervals);
        interval_count += tl.intervals.size();
    }
    std::size_t levels = 0;
    for (const auto& l : s.levels)
        levels += sizeof(l) + l.points.capacity() * sizeof(l.points[0]);
    std::size_t lod = 0;
    for (const auto& l : d.lods)
        lod += l.memory_bytes();
    constexpr double MB = 1024.0 * 1024.0;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    state.counters["generate_s"] = d.generate_s;
    state.counters["analyze_s"] = d.analyze_s;
    state.counters["lod_build_s"] = d.lod_s;
    state.counters["records_MB"] = double(bytes(d.snapshot.records)) / MB;
    state.counters["flows_MB"] = double(bytes(s.flows)) / MB;
    state.counters["waits_MB"] = double(bytes(s.waits)) / MB;
    state.counters["intervals_MB"] = double(intervals) / MB;
    state.counters["intervals"] = double(interval_count);
    state.counters["own_holds_MB"] = double(own_holds) / MB;
    state.counters["own_waits_MB"] = double(own_waits) / MB;
    state.counters["levels_MB"] = double(levels) / MB;
    state.counters["lod_MB"] = double(lod) / MB;
    state.counters["rss_snapshot_MB"] = double(d.rss_snapshot - d.rss_before) / MB;
    state.counters["rss_summary_MB"] = double(d.rss_summary - d.rss_snapshot) / MB;
    state.counters["rss_lod_MB"] = double(d.rss_lod - d.rss_summary) / MB;
    state.counters["rss_now_MB"] = double(rss_bytes()) / MB;
    state.counters["peak_rss_MB"] = double(ru.ru_maxrss) / 1024.0;
    state.counters["flows"] = double(s.flows.size());
    (void)own;
}
BENCHMARK(BM_TimelineData)->Arg(1)->Arg(10)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // QPainter on a QImage needs fonts
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
