// Liveness findings in a finished (or growing) trace: lanes starved while
// others got what they wanted, lock convoys, thundering herds, and the lost
// updates a scenario's instrumented variables counted.
// Pure functions; results are plain values.
//
// The thresholds are chosen so that healthy runs of the shipped scenarios
// (a hammered but fair counter lock, producer-consumer, a semaphore pool,
// a condition buffer, a thread pool, event ping-pong) report nothing:
// tests/analysis/tst_liveness_real.cpp runs them and checks it.
#pragma once

#include "analysis/diagnostic.h"
#include "analysis/stats.h"
#include "trace/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace il::analysis {

// Starvation: one wait during which other lanes that asked after it got the
// object at least this many times. Overtaking, not mere waiting, is what
// starvation is: a FIFO queue never overtakes, and even an unfair lock
// overtakes a waiter only a few times before it is served.
inline constexpr std::size_t kStarvationOvertakes = 10;
// ... and the wait is a large share of the run: a lane stuck for a quarter of
// everything that happened, not a hiccup in a long run ...
inline constexpr double kStarvationShare = 0.25;
// ... and long in absolute terms: on a loaded machine the OS may keep a
// woken lane off the CPU for tens of milliseconds while the others barge in
// (a scheduling delay, not the program's unfairness). Measured here: a
// hammered counter lock's worst wait stays far below this.
inline constexpr std::int64_t kStarvationMinWaitNs = 100'000'000;
// A Lock can also be kept from a waiter with few new acquisitions of it: a
// group takes it with its first member and frees it with its last (the
// classic reader-preferring readers-writers lock), every member passing a
// companion "entry" lock instead. Holds by others covering this share of a
// long wait, that were relays (freed by another lane than took them) or
// during which other lanes took a companion lock of the holder
// kStarvationOvertakes times, count as starvation as well.
inline constexpr double kStarvationGroupCover = 0.9;

// Lock convoy: enough acquisitions for a pattern, not a burst at start-up ...
inline constexpr std::size_t kConvoyMinAcquisitions = 50;
// ... at least half of them had to queue: waiting is the rule. (80% is the
// textbook figure; on this 2-core VM under load a 4-lane hot lock measures
// 53-56% and a lane that barges in between a release and the woken waiter is
// common, so half is where "mostly contended" starts here.)
inline constexpr double kConvoyContendedPct = 50.0;
// ... a lane waits as long as two or more critical sections: there is a
// queue ahead of it, not just the current holder ...
inline constexpr double kConvoyWaitToHold = 2.0;
// ... and the lock passes straight from holder to waiter: a typical hold is
// this share of a typical hand-over cycle (median hold / (median hold +
// median time free between a release and the next waiter's acquire)). Then
// the holders set the pace, and sharding or shorter critical sections help.
// A lock hammered with microsecond holds that mostly sits free while the
// next lane wakes up loses its time to wake-ups instead (measured here: the
// counter scenario 0.05 idle to 0.47 under load, a 4-lane hot lock
// 0.92-0.96); medians, because one preempted holder must not decide it.
inline constexpr double kConvoyHeldShare = 0.7;

// Thundering herd: a notify_all or an Event set that woke at least this many
// lanes (waking one or two is a hand-over, not a herd) ...
inline constexpr std::size_t kHerdMinWoken = 3;
// ... of which more than half went straight back to waiting on the same
// object without doing anything else (see liveness.cpp for "anything").
inline constexpr double kHerdWastedShare = 0.5;
// How far into a woken lane's next records the herd check looks before it
// assumes the lane found work (bounds the cost; a wasted wake-up re-waits
// within a handful of records).
inline constexpr std::size_t kHerdScanLimit = 64;

// Kinds "starvation", "lock_convoy", "thundering_herd", "lost_update", in
// that order (each by object then lane). `summary` must be analyze(snapshot).
//  * starvation: per (lane, object) its worst wait on a Lock, RLock or
//    (Bounded)Semaphore, or on a Condition (counted on the condition's
//    lock), that lasted >= kStarvationShare of the run and
//    >= kStarvationMinWaitNs while other lanes that began asking after it
//    acquired it >= kStarvationOvertakes times, or (a Lock) while a group
//    kept it (kStarvationGroupCover). t_ns: when both parts
//    held (the wait was long enough and the count was reached).
//  * lock_convoy: per Lock/RLock (and Condition lock) meeting the four
//    kConvoy thresholds. t_ns: its first contended acquisition.
//  * thundering_herd: per Condition or Event, over its notify_all / set
//    records that woke >= kHerdMinWoken lanes and wasted most wake-ups.
//    t_ns: the first such notify_all / set.
//  * lost_update: per Variable with writes that erased updates (Write.b > 0)
//    and were read-modify-writes (the lane read it since its previous
//    write; a blind store erases nothing it ever read). t_ns: the first.
std::vector<Diagnostic> find_liveness_issues(const trace::Snapshot& snapshot,
                                             const Summary& summary);

} // namespace il::analysis
