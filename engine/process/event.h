// multiprocessing.Event: a flag processes wait for, in shared memory (a
// process-shared robust mutex and condition variable).
//
// As sync::Event: a set() wakes every waiter waiting at that moment, even if
// the flag is cleared again before they run. Waits time out and are
// cancelled when the session stops; a process dying inside the event's short
// internal section does not block the others.
// Pass to a child with share(); there ctx.object<process::Event>(i).
// Recorded as sync::Event: Set (cause, a = token: the set's number from 1,
// counted across processes), Clear, Wake (effect, a = the waking Set's
// token), WaitBegin/WaitEnd with WaitReason::Event. Thread-safe.
#pragma once

#include "process/detail/shm.h"
#include "process/shareable.h"
#include "run/session.h"
#include "trace/record.h"

#include <string>

namespace il::process {

class Event {
public:
    static constexpr std::string_view kShareKind = "event";

    Event(Session& session, std::string name);
    Event(Session& session, const Shareable& shared); // attach (in a child)
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    void set();
    void clear();
    bool is_set() const;
    // True once the flag is set (at once if it already is); false on timeout.
    bool wait(Timeout timeout = std::nullopt);

    Shareable share() const;
    trace::ObjectId id() const { return id_; }

private:
    struct State;
    State& state() const;

    Session& session_;
    trace::ObjectId id_;
    detail::SharedMemory shm_;
};

} // namespace il::process
