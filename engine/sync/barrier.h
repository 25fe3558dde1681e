// threading.Barrier: `parties` lanes wait until all of them have arrived,
// then all go on together; the barrier then serves the next round.
//
// As in Python: wait() returns the arrival index (0 .. parties-1); the last
// arrival runs the action (if any) before anyone is released; a wait that
// times out, an action that throws, and abort() all break the barrier, and
// every waiter (and every later wait, until reset()) gets
// il::BrokenBarrierError. reset() breaks the current round's waiters and
// makes the barrier usable again. The action runs with the barrier's mutex
// held, so it must not call this barrier. A lane cancelled by a session stop
// leaves the round without breaking it. Thread-safe.
//
// Recorded: each arrival but the last as WaitBegin(reason Barrier, b =
// arrivals so far, itself included); the last arrival records Set (cause,
// a = token = the round's number from 1); each released waiter records Wake
// (a = that token) and WaitEnd(Ok). A break records Broken (b = waiters
// broken), each broken waiter WaitEnd(Broken); a timed-out waiter records
// WaitEnd(Timeout) and then the Broken. reset() records Broken if it broke
// waiters, then Clear.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace il::sync {

class Barrier {
public:
    // parties < 1 throws il::ValueError. `timeout` is the default for wait().
    Barrier(Session& session, std::string name, int parties, std::function<void()> action = {},
            Timeout timeout = std::nullopt);
    Barrier(const Barrier&) = delete;
    Barrier& operator=(const Barrier&) = delete;

    // nullopt uses the barrier's default timeout.
    int wait(Timeout timeout = std::nullopt);
    void abort();
    void reset();

    bool broken() const;
    int n_waiting() const;
    int parties() const { return parties_; }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    enum class Outcome { Waiting, Released, Broken };
    // One waiting lane; lives on its stack while it waits.
    struct Waiter {
        std::condition_variable_any cv;
        Outcome outcome = Outcome::Waiting;
        std::int64_t token = 0; // the Set that released it
        std::int64_t tick = 0;  // and that Set's tick: the Wake is stamped after it
    };
    // With mutex_ held: wake every waiter with `outcome` (and the Set's
    // token and tick, when released) and empty the round.
    void finish_round(Outcome outcome, std::int64_t token, std::int64_t tick);
    void break_locked(); // marks broken, records Broken, breaks the waiters

    Session& session_;
    const int parties_;
    const std::function<void()> action_;
    const Timeout timeout_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_;     // guards the fields below
    std::vector<Waiter*> waiters_; // this round's arrivals that wait, in arrival order
    bool broken_ = false;
    std::int64_t rounds_ = 0; // rounds completed, which is the latest Set token
};

} // namespace il::sync
