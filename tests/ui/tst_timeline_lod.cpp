// LaneLod on hand-made timelines: exact runs at high zoom, merged columns at
// low zoom (dominant class + accent rule), output bounded by the width, holds
// and ticks, and a brute-force cross-check on a random timeline.
#include "timeline/event_times.h"
#include "timeline/timeline_lod.h"

#include <QtTest>

#include <random>

using il::analysis::LaneState;
using il::analysis::LaneTimeline;
using il::analysis::StateInterval;
using il::trace::WaitReason;
using il::ui::EventTimes;
using il::ui::kNoCategory;
using il::ui::LaneLod;
using il::ui::PixelRun;
using il::ui::PixelWindow;
using il::ui::state_category;
using il::ui::StateRun;

namespace {

StateInterval iv(std::int64_t t0, std::int64_t t1, LaneState s, WaitReason r = WaitReason{}) {
    StateInterval out;
    out.t0 = t0;
    out.t1 = t1;
    out.state = s;
    out.reason = r;
    out.object = s == LaneState::Blocked ? 7 : 0;
    return out;
}

std::uint8_t cat(LaneState s, WaitReason r = WaitReason{}) {
    return state_category(iv(0, 1, s, r));
}

// `periods` repetitions of run_ns Running then blocked_ns Blocked(Lock).
LaneTimeline periodic(int periods, std::int64_t run_ns, std::int64_t blocked_ns) {
    LaneTimeline tl;
    tl.lane = 1;
    std::int64_t t = 0;
    for (int i = 0; i < periods; ++i) {
        tl.intervals.push_back(iv(t, t + run_ns, LaneState::Running));
        t += run_ns;
        tl.intervals.push_back(iv(t, t + blocked_ns, LaneState::Blocked, WaitReason::Lock));
        t += blocked_ns;
    }
    return tl;
}

std::vector<StateRun> runs(const LaneLod& lod, PixelWindow w) {
    std::vector<StateRun> out;
    lod.state_runs(w, out);
    return out;
}

std::vector<PixelRun> holds(const LaneLod& lod, PixelWindow w) {
    std::vector<PixelRun> out;
    lod.hold_runs(w, out);
    return out;
}

// The documented rule, computed the slow way for one column.
struct Expected {
    bool exact = false;
    std::size_t interval = 0;
    std::uint8_t category = 0;
    std::uint8_t accent = kNoCategory;
};

Expected classify(const std::array<std::int64_t, il::ui::kCategoryCount>& d);

Expected brute(const LaneTimeline& tl, std::int64_t a, std::int64_t b) {
    Expected e;
    std::array<std::int64_t, il::ui::kCategoryCount> d{};
    for (std::size_t i = 0; i < tl.intervals.size(); ++i) {
        const StateInterval& s = tl.intervals[i];
        if (s.t0 <= a && s.t1 >= b && s.t1 > a) {
            e.exact = true;
            e.interval = i;
            e.category = state_category(s);
            return e;
        }
        const std::int64_t o = std::min(s.t1, b) - std::max(s.t0, a);
        if (o > 0)
            d[state_category(s)] += o;
    }
    return classify(d);
}

Expected classify(const std::array<std::int64_t, il::ui::kCategoryCount>& d) {
    Expected e;
    std::int64_t total = 0, blocked = 0;
    int dom = 0;
    for (int c = 0; c < il::ui::kCategoryCount; ++c) {
        total += d[c];
        if (d[c] > d[dom])
            dom = c;
        if (il::ui::is_blocked_category(std::uint8_t(c)))
            blocked += d[c];
    }
    e.category = std::uint8_t(dom);
    int best_blocked = -1, second = -1;
    for (int c = 0; c < il::ui::kCategoryCount; ++c) {
        if (d[c] <= 0 || c == dom)
            continue;
        if (il::ui::is_blocked_category(std::uint8_t(c)) &&
            (best_blocked < 0 || d[c] > d[best_blocked]))
            best_blocked = c;
        if (second < 0 || d[c] > d[second])
            second = c;
    }
    if (!il::ui::is_blocked_category(e.category) && best_blocked >= 0 && blocked * 10 >= total)
        e.accent = std::uint8_t(best_blocked);
    else if (second >= 0 && d[second] * 4 >= total)
        e.accent = std::uint8_t(second);
    return e;
}

// A summarised column (pyramid blocks, top three classes each) may differ
// from the exact rule only where the exact answer is close: its class must
// take within a quarter of the column of the exact dominant's time, and a
// column at least a third blocked must not hide it.
bool close_enough(const LaneTimeline& tl, std::int64_t a, std::int64_t b, const StateRun& run) {
    std::array<std::int64_t, il::ui::kCategoryCount> d{};
    std::int64_t total = 0, blocked = 0;
    for (const StateInterval& s : tl.intervals) {
        const std::int64_t o = std::min(s.t1, b) - std::max(s.t0, a);
        if (o > 0) {
            d[state_category(s)] += o;
            total += o;
            if (s.state == LaneState::Blocked)
                blocked += o;
        }
    }
    const std::int64_t best = *std::max_element(d.begin(), d.end());
    if (d[run.category] < best - total / 4) {
        qDebug() << "column" << a << b << "class" << run.category << d[run.category] << "best"
                 << best << "total" << total;
        return false;
    }
    if (blocked * 3 >= total && !il::ui::is_blocked_category(run.category) &&
        !il::ui::is_blocked_category(run.accent))
        return false;
    return true;
}

} // namespace

class TestTimelineLod : public QObject {
    Q_OBJECT
private slots:
    void exactAtHighZoom() {
        LaneTimeline tl;
        tl.intervals = {iv(0, 100, LaneState::Running),
                        iv(100, 150, LaneState::Blocked, WaitReason::Lock),
                        iv(150, 400, LaneState::Running), iv(400, 1000, LaneState::Done)};
        const LaneLod lod(1, &tl, {}, {});
        for (int scale : {1, 10}) { // 1 ns and 10 ns per pixel
            const auto r = runs(lod, {0, 1000, 1000 / scale});
            QCOMPARE(r.size(), std::size_t(4));
            const int edges[] = {0, 100, 150, 400, 1000};
            for (int i = 0; i < 4; ++i) {
                QCOMPARE(r[i].x0, edges[i] / scale);
                QCOMPARE(r[i].x1, edges[i + 1] / scale);
                QVERIFY(!r[i].merged);
                QCOMPARE(r[i].interval, std::size_t(i));
                QCOMPARE(r[i].category, state_category(tl.intervals[i]));
                QCOMPARE(r[i].accent, kNoCategory);
            }
        }
        // A window inside the blocked interval: one exact run over all of it.
        const auto inner = runs(lod, {110, 140, 300});
        QCOMPARE(inner.size(), std::size_t(1));
        QCOMPARE(inner[0].x0, 0);
        QCOMPARE(inner[0].x1, 300);
        QCOMPARE(inner[0].category, cat(LaneState::Blocked, WaitReason::Lock));
        // 100 ns per pixel: column 1 mixes 50 ns blocked with 50 ns running.
        // On a tie the lower class (Running) wins; the blocked half is the accent.
        const auto coarse = runs(lod, {0, 1000, 10});
        QCOMPARE(coarse.size(), std::size_t(4));
        QCOMPARE(coarse[0].x1, 1);
        QVERIFY(coarse[1].merged);
        QCOMPARE(coarse[1].x1, 2);
        QCOMPARE(coarse[1].category, cat(LaneState::Running));
        QCOMPARE(coarse[1].accent, cat(LaneState::Blocked, WaitReason::Lock));
        QCOMPARE(coarse[2].x0, 2);
        QCOMPARE(coarse[2].x1, 4);
        QCOMPARE(coarse[2].interval, std::size_t(2));
        QCOMPARE(coarse[3].x1, 10);
    }

    void mergedAtLowZoom() {
        // 75% running, 25% blocked on a lock, in 4 ns periods.
        const LaneTimeline tl = periodic(1000, 3, 1);
        const LaneLod lod(1, &tl, {}, {});
        // 10 px over 4000 ns: 200 intervals per column, the prefix-sum path.
        // 100 px: 20 intervals per column, the direct path. Same answer.
        for (int width : {10, 100, 7, 1}) {
            const auto r = runs(lod, {0, 4000, width});
            QCOMPARE(r.size(), std::size_t(1));
            QCOMPARE(r[0].x0, 0);
            QCOMPARE(r[0].x1, width);
            QVERIFY(r[0].merged);
            QCOMPARE(r[0].category, cat(LaneState::Running));
            QCOMPARE(r[0].accent, cat(LaneState::Blocked, WaitReason::Lock));
        }
        // 5% blocked: below the 1/10 share, no accent at all.
        const LaneTimeline quiet = periodic(1000, 19, 1);
        const LaneLod lod2(1, &quiet, {}, {});
        const auto r = runs(lod2, {0, 20000, 10});
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].accent, kNoCategory);
        // 40% sleeping, 60% running: not blocked, but the second class shows.
        LaneTimeline mixed;
        for (int i = 0; i < 100; ++i) {
            mixed.intervals.push_back(iv(i * 5, i * 5 + 3, LaneState::Running));
            mixed.intervals.push_back(iv(i * 5 + 3, i * 5 + 5, LaneState::Sleeping));
        }
        const LaneLod lod3(1, &mixed, {}, {});
        const auto m = runs(lod3, {0, 500, 5});
        QCOMPARE(m.size(), std::size_t(1));
        QCOMPARE(m[0].category, cat(LaneState::Running));
        QCOMPARE(m[0].accent, cat(LaneState::Sleeping));
    }

    void blockedDominatesWhenLongest() {
        // A long lock wait among busy work: at low zoom the wait is its own
        // exact run, the busy parts merged runs around it.
        LaneTimeline tl = periodic(500, 1, 1); // [0, 1000) dense
        tl.intervals.push_back(iv(1000, 3000, LaneState::Blocked, WaitReason::QueueGet));
        tl.intervals.push_back(iv(3000, 4000, LaneState::Running));
        const LaneLod lod(1, &tl, {}, {});
        const auto r = runs(lod, {0, 4000, 40}); // 100 ns per pixel
        QCOMPARE(r.size(), std::size_t(3));
        QVERIFY(r[0].merged);
        QCOMPARE(r[0].x0, 0);
        QCOMPARE(r[0].x1, 10);
        // 50/50 running/blocked: the tie goes to the lower class (Running),
        // and the blocked half is the accent.
        QCOMPARE(r[0].category, cat(LaneState::Running));
        QCOMPARE(r[0].accent, cat(LaneState::Blocked, WaitReason::Lock));
        QVERIFY(!r[1].merged);
        QCOMPARE(r[1].x0, 10);
        QCOMPARE(r[1].x1, 30);
        QCOMPARE(r[1].category, cat(LaneState::Blocked, WaitReason::QueueGet));
        QCOMPARE(r[1].interval, std::size_t(1000));
        QCOMPARE(r[2].x0, 30);
        QCOMPARE(r[2].x1, 40);
    }

    void boundedAndMatchesBruteForce() {
        std::mt19937_64 rng(42);
        LaneTimeline tl;
        const LaneState states[] = {LaneState::Running, LaneState::Ready, LaneState::Blocked,
                                    LaneState::Sleeping};
        const WaitReason reasons[] = {WaitReason::Lock, WaitReason::Condition,
                                      WaitReason::QueuePut};
        std::int64_t t = 1000;
        for (int i = 0; i < 20000; ++i) {
            // Mostly short, sometimes long: both exact and merged columns.
            const std::int64_t d = rng() % 10 == 0 ? 1 + rng() % 5000 : 1 + rng() % 20;
            tl.intervals.push_back(iv(t, t + d, states[rng() % 4], reasons[rng() % 3]));
            t += d;
        }
        const LaneLod lod(1, &tl, {}, {});
        const std::int64_t end = t;
        struct Case {
            std::int64_t t0, t1;
            int width;
        };
        const Case cases[] = {{0, end + 500, 1},      {1000, end, 37},   {1000, end, 1600},
                              {5000, 9000, 400},      {123, 45678, 999}, {20000, 20100, 1600},
                              {end - 5000, end, 211}, {1500, 1600, 100}};
        int summarised = 0;
        for (const Case& c : cases) {
            const PixelWindow w{c.t0, c.t1, c.width};
            const auto r = runs(lod, w);
            QVERIFY(r.size() <= std::size_t(c.width));
            int x = r.empty() ? 0 : r.front().x0;
            for (const StateRun& run : r) {
                QCOMPARE(run.x0, x); // contiguous, ordered
                QVERIFY(run.x1 > run.x0);
                x = run.x1;
                for (int col = run.x0; col < run.x1; ++col) {
                    if (run.summarised) {
                        ++summarised;
                        QVERIFY(close_enough(tl, w.at(col), w.at(col + 1), run));
                        continue;
                    }
                    const Expected e = brute(tl, w.at(col), w.at(col + 1));
                    QCOMPARE(run.merged, !e.exact);
                    QCOMPARE(run.category, e.category);
                    if (e.exact)
                        QCOMPARE(run.interval, e.interval);
                    else
                        QCOMPARE(run.accent, e.accent);
                }
            }
        }
        QVERIFY(summarised > 0); // the pyramid was exercised
    }

    void holdsNeverVanish() {
        const LaneLod lod(1, nullptr, {{15, 30}, {10, 20}, {100, 101}, {500, 500}}, {});
        QCOMPARE(lod.holds().size(), std::size_t(3)); // the overlapping pair merged
        auto fine = holds(lod, {0, 1000, 1000});
        QCOMPARE(fine.size(), std::size_t(3));
        QCOMPARE(fine[0].x0, 10);
        QCOMPARE(fine[0].x1, 30);
        QCOMPARE(fine[1].x0, 100);
        QCOMPARE(fine[1].x1, 101);
        QCOMPARE(fine[2].x0, 500);
        QCOMPARE(fine[2].x1, 501);
        auto coarse = holds(lod, {0, 1000, 10}); // 100 ns per pixel
        QCOMPARE(coarse.size(), std::size_t(2));
        QCOMPARE(coarse[0].x0, 0);
        QCOMPARE(coarse[0].x1, 2);
        QCOMPARE(coarse[1].x0, 5);
        QCOMPARE(coarse[1].x1, 6);
        // Many holds: at most one run per column.
        std::vector<il::ui::TimeSpan> many;
        for (int i = 0; i < 100000; ++i)
            many.push_back({i * 10, i * 10 + 3});
        const LaneLod dense(1, nullptr, many, {});
        const auto d = holds(dense, {0, 1'000'000, 50});
        QCOMPARE(d.size(), std::size_t(1));
        QCOMPARE(d[0].x1, 50);
        QVERIFY(holds(dense, {0, 1000, 1000}).size() == 100);
    }

    void ticksAndNearest() {
        std::vector<il::trace::Record> records(7);
        const std::int64_t times[] = {5, 6, 7, 7, 250, 999, 1000};
        const il::trace::LaneId lanes[] = {1, 2, 2, 1, 1, 1, 1};
        std::vector<std::int64_t> mine;
        for (int i = 0; i < 7; ++i) {
            records[i].t_ns = times[i];
            records[i].lane = lanes[i];
            if (lanes[i] == 1)
                mine.push_back(times[i]);
        }
        const LaneLod lod(1, nullptr, {}, mine);
        std::vector<PixelRun> out;
        lod.tick_runs({0, 1000, 10}, out);
        QCOMPARE(out.size(), std::size_t(3));
        QCOMPARE(out[0].x0, 0);
        QCOMPARE(out[0].x1, 1);
        QCOMPARE(out[1].x0, 2);
        QCOMPARE(out[2].x0, 9);
        lod.tick_runs({0, 1000, 1000}, out);
        QCOMPARE(out.size(), std::size_t(4)); // 1000 is past the window's end
        QCOMPARE(out[0].x0, 5);
        QCOMPARE(out[1].x0, 7);
        QCOMPARE(out[2].x0, 250);
        QCOMPARE(out[3].x0, 999);
        // Record indices; at t = 7 the lane's record is the second of two.
        QCOMPARE(lod.nearest_event(records, 0), std::size_t(0));
        QCOMPARE(lod.nearest_event(records, 6), std::size_t(0)); // tie: the earlier
        QCOMPARE(lod.nearest_event(records, 8), std::size_t(3));
        QCOMPARE(lod.nearest_event(records, 100), std::size_t(3));
        QCOMPARE(lod.nearest_event(records, 200), std::size_t(4));
        QCOMPARE(lod.nearest_event(records, 5000), std::size_t(6));
        QCOMPARE(LaneLod().nearest_event(records, 5), LaneLod::npos);
    }

    void ticksMatchBruteForce() {
        // Bursts and long gaps; every column holding an event lights.
        std::mt19937_64 rng(3);
        std::vector<std::int64_t> mine;
        std::int64_t t = 0;
        for (int i = 0; i < 50000; ++i) {
            t += rng() % 50 == 0 ? std::int64_t(rng() % 100000) : std::int64_t(rng() % 5);
            mine.push_back(t);
        }
        const LaneLod lod(1, nullptr, {}, mine);
        for (const PixelWindow w :
             {PixelWindow{0, t + 1, 1600}, PixelWindow{0, t / 3, 77},
              PixelWindow{t / 2, t / 2 + 3000, 1000}, PixelWindow{12345, 99999, 5000}}) {
            std::vector<bool> lit(std::size_t(w.width), false);
            for (std::int64_t e : mine)
                if (e >= w.t0 && e < w.t1)
                    lit[std::size_t(w.column(e))] = true;
            std::vector<PixelRun> out;
            lod.tick_runs(w, out);
            std::vector<bool> got(std::size_t(w.width), false);
            for (const PixelRun& run : out)
                for (int x = run.x0; x < run.x1; ++x)
                    got[std::size_t(x)] = true;
            QCOMPARE(got, lit);
            QVERIFY(out.size() <= std::size_t(w.width));
        }
    }

    void buildFromSnapshot() {
        using il::trace::Kind;
        il::trace::Snapshot s;
        s.lanes.resize(3);
        s.lanes[1].id = 1;
        s.lanes[2].id = 2;
        s.objects.resize(2);
        s.objects[1] = {1, il::trace::ObjectKind::Lock, "L", 0, 0, 0, 0};
        auto rec = [&](std::int64_t t, il::trace::LaneId lane, Kind k, std::int64_t a = 0) {
            s.records.push_back({t, lane, lane ? il::trace::ObjectId(1) : 0, k, 0, 0, a});
        };
        rec(10, 1, Kind::Acquire);
        rec(20, 2, Kind::TryFail);
        rec(30, 1, Kind::Release, 1);
        rec(40, 2, Kind::Acquire, 1);
        rec(90, 2, Kind::Release, 2);
        s.start_ns = 0;
        s.end_ns = 100;
        const auto summary = il::analysis::analyze(s);
        const auto lods = il::ui::build_lane_lods(s, summary);
        QCOMPARE(lods.size(), std::size_t(3));
        QCOMPARE(lods[1].events(), (std::vector<std::int64_t>{10, 30}));
        QCOMPARE(lods[2].events(), (std::vector<std::int64_t>{20, 40, 90}));
        QCOMPARE(lods[2].lane(), il::trace::LaneId(2));
        QCOMPARE(lods[1].holds().size(), std::size_t(1));
        QCOMPARE(lods[1].holds()[0].t0, std::int64_t(10));
        QCOMPARE(lods[1].holds()[0].t1, std::int64_t(30));
        QCOMPARE(lods[2].holds()[0].t0, std::int64_t(40));
        QCOMPARE(lods[2].holds()[0].t1, std::int64_t(90));
        QVERIFY(lods[1].timeline());
        QVERIFY(lods[1].memory_bytes() > 0);
    }

    // EventTimes: 4 bytes a time when the span allows, 8 otherwise, same answers.
    void eventTimesNarrowAndWide_data() {
        QTest::addColumn<qint64>("spacing");
        QTest::addColumn<bool>("narrow");
        QTest::newRow("1 ms apart: 4 bytes") << qint64(1'000'000) << true;
        QTest::newRow("3 s apart: over 2^32 ns, 8 bytes") << qint64(3'000'000'000) << false;
    }
    void eventTimesNarrowAndWide() {
        QFETCH(qint64, spacing);
        QFETCH(bool, narrow);
        const std::int64_t base = 5'000'000'000'000; // CLOCK_MONOTONIC-like values
        std::vector<std::int64_t> times;
        for (int i = 0; i < 5; ++i)
            times.push_back(base + i * spacing);
        EventTimes e(times.size(), times.front(), times.back());
        for (std::int64_t t : times)
            e.push_back(t);
        QCOMPARE(e.size(), times.size());
        QCOMPARE(e.to_vector(), times);
        QCOMPARE(e.memory_bytes(), times.size() * (narrow ? 4 : 8));
        QCOMPARE(e.lower_bound(base), std::size_t(0));
        QCOMPARE(e.lower_bound(base + 1), std::size_t(1));
        QCOMPARE(e.lower_bound(base + 4 * spacing), std::size_t(4));
        QCOMPARE(e.lower_bound(base + 4 * spacing + 1), std::size_t(5));
        QVERIFY(EventTimes().empty());
    }
};

QTEST_GUILESS_MAIN(TestTimelineLod)
#include "tst_timeline_lod.moc"
