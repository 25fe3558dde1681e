// asyncio.Event for tasks on one loop: set() wakes every waiting task (in
// the order they began to wait); wait() returns at once while it is set.
// Recorded: Set (a = token: the number of the set, from 1; only a set()
// that changes the flag), Clear, Wake (a = token of the Set that woke the
// waiter, or of the latest Set when it found the flag set: no wait span),
// WaitBegin/WaitEnd(Event) with the Wake inside. Loop-thread only.
#pragma once

#include "coro/detail/waiter.h"
#include "run/session.h"
#include "trace/record.h"

#include <coroutine>
#include <cstdint>
#include <string>

namespace il::coro {

class Event;

class EventWait : public detail::Waiter {
public:
    explicit EventWait(Event& ev) : ev_(&ev) {}
    EventWait(EventWait&&) noexcept = default;
    bool await_ready();
    bool await_suspend(std::coroutine_handle<> h);
    void await_resume();

private:
    Event* ev_;
};

class Event {
public:
    Event(Session& session, std::string name);
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    void set();
    void clear();
    bool is_set() const { return flag_; }
    // co_await ev.wait(): until the flag is set.
    [[nodiscard]] EventWait wait() { return EventWait(*this); }
    std::size_t waiting() const { return waiters_.size(); }
    trace::ObjectId id() const { return id_; }

private:
    friend class EventWait;
    Session& session_;
    const trace::ObjectId id_;
    bool flag_ = false;
    std::int64_t sets_ = 0;     // the latest Set's token
    std::int64_t set_tick_ = 0; // and its tick
    detail::WaitList waiters_;
};

} // namespace il::coro
