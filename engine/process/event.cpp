#include "process/event.h"

#include "process/detail/wait.h"
#include "run/errors.h"

#include <algorithm>

namespace il::process {

using trace::Kind;

struct Event::State {
    pthread_mutex_t mutex; // guards the fields below
    pthread_cond_t changed;
    bool flag;
    std::int64_t sets;     // number of set() calls: the latest Set's token
    std::int64_t set_tick; // the latest tick of any Set (a Wake is stamped after it)
};

Event::Event(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Event, std::move(name))),
      shm_(detail::SharedMemory::create(sizeof(State), "a process Event")) {
    State* s = new (shm_.data()) State{};
    detail::init_shared_mutex(&s->mutex);
    detail::init_shared_cond(&s->changed);
}

Event::Event(Session& session, const Shareable& sh) : session_(session) {
    if (sh.kind != kShareKind || sh.ints.size() != 1 || sh.fds.size() != 1)
        throw ValueError("not an event: " + sh.kind);
    id_ = static_cast<trace::ObjectId>(sh.ints[0]);
    shm_ = detail::SharedMemory::attach(sh.fds[0], sizeof(State), "a process Event");
}

Event::State& Event::state() const {
    return *static_cast<State*>(shm_.data());
}

void Event::set() {
    State& s = state();
    detail::SharedGuard g(session_, &s.mutex);
    s.flag = true;
    ++s.sets;
    s.set_tick = std::max(s.set_tick, session_.recorder().record(Kind::Set, id_, s.sets));
    pthread_cond_broadcast(&s.changed);
}

void Event::clear() {
    State& s = state();
    detail::SharedGuard g(session_, &s.mutex);
    s.flag = false;
    session_.recorder().record(Kind::Clear, id_);
}

bool Event::is_set() const {
    State& s = state();
    detail::SharedGuard g(session_, &s.mutex);
    return s.flag;
}

bool Event::wait(Timeout timeout) {
    detail::Deadline deadline(timeout);
    State& s = state();
    trace::Recorder& rec = session_.recorder();
    detail::SharedGuard g(session_, &s.mutex);
    if (s.flag) {
        rec.record_after(s.set_tick, Kind::Wake, id_, s.sets);
        return true;
    }
    if (session_.stop_requested())
        throw Cancelled();
    const std::int64_t seen = s.sets;
    rec.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Event));
    auto end = [&](trace::WaitResult r) {
        rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(r));
    };
    while (s.sets == seen) {
        if (session_.stop_requested()) {
            end(trace::WaitResult::Cancelled);
            throw Cancelled();
        }
        if (deadline.passed()) {
            end(trace::WaitResult::Timeout);
            return false;
        }
        detail::cond_wait_slice(&s.changed, &s.mutex, deadline);
    }
    rec.record_after(s.set_tick, Kind::Wake, id_, seen + 1);
    end(trace::WaitResult::Ok);
    return true;
}

Shareable Event::share() const {
    return Shareable{std::string(kShareKind), {id_}, {shm_.fd()}};
}

} // namespace il::process
