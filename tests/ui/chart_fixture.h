// What the chart tests share: a hand-made run with lanes in every state, a
// contended lock, a semaphore and a bounded queue (exact numbers known), a
// run with none of those, and a hand-made sweep. Header-only.
#pragma once

#include "hand_trace.h"
#include "sweep/sweep.h"

#include <cmath>

namespace il::test {

inline constexpr std::int64_t ms = 1'000'000;

// alpha and beta share lock L (beta waits 1 ms for it), alpha fills queue Q
// (capacity 2) and takes a permit of S, then sleeps 2 ms; gamma only runs,
// for 9 ms. Beta takes one item at 8 ms; lanes end at 9, 12 and 14 ms.
inline ui::RunDataPtr busy_run() {
    using trace::Kind;
    using trace::ObjectKind;
    HandTrace h;
    const auto a = h.lane("alpha", 100);
    const auto b = h.lane("beta", 200);
    const auto c = h.lane("gamma", 100);
    const auto lock = h.object(ObjectKind::Lock, "L");
    const auto sem = h.object(ObjectKind::Semaphore, "S", 2);
    const auto queue = h.object(ObjectKind::Queue, "Q", 2);
    const auto u = [](auto e) { return HandTrace::u(e); };
    h.rec(0, a, Kind::LaneStart, h.laneObject(a));
    h.rec(0, b, Kind::LaneStart, h.laneObject(b));
    h.rec(0, c, Kind::LaneStart, h.laneObject(c));
    h.rec(1 * ms, a, Kind::Acquire, lock, 0, 1);
    h.rec(2 * ms, b, Kind::WaitBegin, lock, 0, 0, u(trace::WaitReason::Lock));
    h.rec(3 * ms, a, Kind::Release, lock, 1, 0);
    h.rec(3 * ms, b, Kind::WaitEnd, lock, 0, 0, u(trace::WaitResult::Ok));
    h.rec(3 * ms, b, Kind::Acquire, lock, 1, 1);
    h.rec(4 * ms, b, Kind::Release, lock, 2, 0);
    h.rec(5 * ms, a, Kind::Put, queue, 1, 1);
    h.rec(6 * ms, a, Kind::Put, queue, 2, 2);
    h.rec(8 * ms, b, Kind::Get, queue, 1, 1);
    h.rec(9 * ms, a, Kind::Acquire, sem, 0, 1);
    h.rec(9 * ms, c, Kind::LaneEnd, h.laneObject(c), 1);
    h.rec(10 * ms, a, Kind::Release, sem, 1, 2);
    h.rec(10 * ms, a, Kind::SleepBegin, 0, 2 * ms);
    h.rec(12 * ms, a, Kind::SleepEnd);
    h.rec(12 * ms, a, Kind::LaneEnd, h.laneObject(a), 2);
    h.rec(14 * ms, b, Kind::LaneEnd, h.laneObject(b), 3);
    return h.data();
}

// One lane that runs 5 ms: no locks, no queues, no models.
inline ui::RunDataPtr plain_run() {
    using trace::Kind;
    HandTrace h;
    const auto a = h.lane("main", 100);
    h.rec(0, a, Kind::LaneStart, h.laneObject(a));
    h.rec(5 * ms, a, Kind::LaneEnd, h.laneObject(a), 1);
    return h.data();
}

// workers 1, 2, 4, 8 on a 4-core machine; Amdahl with f = 0.1 fitted.
inline sweep::SweepResult hand_sweep() {
    sweep::SweepResult r;
    r.spec.scenario = "counter";
    r.spec.param = "workers";
    r.spec.values = {1, 2, 4, 8};
    r.cores = 4;
    r.serial_fraction = 0.1;
    const double wall_ms[] = {100, 55, 32, 30};
    for (int i = 0; i < 4; ++i) {
        sweep::SweepPoint p;
        p.value = r.spec.values[std::size_t(i)];
        p.wall_ns = std::int64_t(wall_ms[i] * ms);
        p.wall_min_ns = p.wall_ns - ms;
        p.wall_max_ns = p.wall_ns + 2 * ms;
        p.cpu_ns = p.wall_ns;
        p.speedup = wall_ms[0] / wall_ms[i];
        p.ideal = p.value;
        p.efficiency = p.speedup / p.ideal;
        p.amdahl = 1.0 / (0.1 + 0.9 / p.value);
        p.oversubscribed = p.value > r.cores;
        p.all_ok = true;
        r.points.push_back(p);
    }
    return r;
}

} // namespace il::test
