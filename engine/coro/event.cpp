#include "coro/event.h"

#include "coro/detail/task_core.h"
#include "coro/loop.h"

namespace il::coro {

using trace::Kind;

Event::Event(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Event, std::move(name))) {}

void Event::set() {
    if (flag_)
        return;
    flag_ = true;
    set_tick_ = session_.recorder().record(Kind::Set, id_, ++sets_);
    while (detail::Waiter* w = waiters_.pop_front())
        w->task->loop().wake(*w, sets_, set_tick_);
}

void Event::clear() {
    if (!flag_)
        return;
    flag_ = false;
    session_.recorder().record(Kind::Clear, id_);
}

bool EventWait::await_ready() {
    if (!ev_->flag_)
        return false;
    ev_->session_.recorder().record_after(ev_->set_tick_, Kind::Wake, ev_->id_, ev_->sets_);
    return true;
}

bool EventWait::await_suspend(std::coroutine_handle<> h) {
    detail::TaskCore& t = detail::current_task();
    if (!t.suspend(*this, h))
        return false;
    t.record_wait_begin(ev_->id_, trace::WaitReason::Event);
    ev_->waiters_.push_back(*this);
    return true;
}

void EventWait::await_resume() {
    if (!began && cancelled == detail::CancelKind::None)
        return;
    if (cancelled == detail::CancelKind::None)
        task->recorder().record_after(cause_tick, Kind::Wake, ev_->id_, token);
    task->end_wait(*this, ev_->id_);
}

} // namespace il::coro
