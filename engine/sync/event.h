// threading.Event: a flag lanes wait for.
//
// As in Python, a set() wakes every lane waiting at that moment, even if the
// flag is cleared again before they run: each waiter remembers how many sets
// it has seen and wakes on the first one after it began. Waits can time out
// and are cancelled when the session stops. Thread-safe.
// Recorded: Set (cause, a = token: the set's number from 1, on every set()),
// Clear, Wake (effect, a = token of the Set that woke the waiter; a waiter
// that finds the flag already set records Wake with the latest Set's token and
// no wait span), WaitBegin/WaitEnd with WaitReason::Event.
#pragma once

#include "run/session.h"
#include "trace/record.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

namespace il::sync {

class Event {
public:
    Event(Session& session, std::string name);
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    void set();
    void clear();
    bool is_set() const;
    // True once the flag is set (at once if it already is); false if the
    // timeout passed first.
    bool wait(Timeout timeout = std::nullopt);

    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    Session& session_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_; // guards the fields below
    std::condition_variable_any changed_;
    bool flag_ = false;
    std::int64_t sets_ = 0; // number of set() calls, which is the latest Set token
    // The latest tick of any Set so far (a max: a later set() on another core
    // may read a smaller tick). A Wake's Set is one of them, so a Wake stamped
    // after this is after its cause; the woken lane ran after all of them anyway.
    std::int64_t set_tick_ = 0;
    int waiters_ = 0;
};

} // namespace il::sync
