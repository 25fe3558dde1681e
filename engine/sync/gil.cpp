#include "sync/gil.h"

#include "run/errors.h"

#include <algorithm>

namespace il::sync {

using trace::Kind;

namespace {
// The GIL this thread holds (one interpreter: at most one).
constinit thread_local Gil* t_held = nullptr;

std::chrono::nanoseconds checked_interval(std::chrono::nanoseconds interval) {
    if (interval.count() <= 0)
        throw ValueError("the GIL's switch interval must be > 0, not " +
                         std::to_string(interval.count()) + " ns");
    return interval;
}
} // namespace

Gil::Gil(Session& session, std::chrono::nanoseconds switch_interval, std::string name)
    : session_(session), interval_(checked_interval(switch_interval)),
      id_(session.registry().add_object(trace::ObjectKind::Lock, std::move(name))),
      on_stop_(session.stop_token(), OnStop{&attention_}) {}

Gil* Gil::held_here() {
    return t_held;
}

bool Gil::held_by_me() const {
    return t_held == this;
}

void Gil::record_acquire() {
    t_held = this;
    session_.recorder().record_after(last_release_tick_, Kind::Acquire, id_, last_release_, 1);
}

void Gil::acquire() {
    if (t_held)
        throw RuntimeError(t_held == this ? "this thread already holds the GIL '" +
                                                session_.registry().object(id_).name + "'"
                                          : "this thread already holds another GIL");
    const trace::LaneId me = session_.recorder().current_lane();
    std::unique_lock g(mutex_);
    acquire_locked(g, me);
}

void Gil::acquire_locked(std::unique_lock<std::mutex>& g, trace::LaneId me) {
    if (!held_ && queue_.empty()) {
        held_ = true;
        owner_ = me;
        ++switch_number_;
        record_acquire();
        return;
    }
    if (session_.stop_requested())
        throw Cancelled();
    trace::Recorder& rec = session_.recorder();
    Waiter w;
    w.lane = me;
    queue_.push_back(&w);
    rec.record(Kind::WaitBegin, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitReason::Gil));
    std::stop_token stop = session_.stop_token();
    while (!w.granted) {
        const std::uint64_t seen = switch_number_;
        if (w.cv.wait_for(g, stop, interval_, [&] { return w.granted; }))
            break;
        if (stop.stop_requested()) {
            queue_.erase(std::find(queue_.begin(), queue_.end(), &w));
            rec.record(Kind::WaitEnd, id_, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitResult::Cancelled));
            throw Cancelled();
        }
        // A whole interval with the same holder: ask it to let go
        // (CPython's SET_GIL_DROP_REQUEST).
        if (held_ && switch_number_ == seen && !drop_pending_) {
            drop_pending_ = true;
            attention_.fetch_or(kDrop);
        }
    }
    rec.record(Kind::WaitEnd, id_, 0, 0, static_cast<std::uint16_t>(trace::WaitResult::Ok));
    record_acquire(); // release_locked() made this lane the owner already
}

void Gil::release() {
    if (t_held != this)
        throw RuntimeError("cannot release the GIL '" + session_.registry().object(id_).name +
                           "': this thread does not hold it");
    std::lock_guard g(mutex_);
    release_locked();
}

void Gil::release_locked() {
    t_held = nullptr;
    ++last_release_;
    last_release_tick_ = session_.recorder().record(Kind::Release, id_, last_release_, 0);
    const bool forced = drop_pending_;
    drop_pending_ = false;
    attention_.fetch_and(~kDrop);
    if (queue_.empty()) {
        held_ = false;
        owner_ = 0;
        return;
    }
    // Straight to the oldest waiter: nobody can slip in between, so a
    // forced switch really switches.
    Waiter* w = queue_.front();
    queue_.pop_front();
    w->granted = true;
    owner_ = w->lane;
    ++switch_number_;
    ++handovers_;
    forced_ += forced ? 1 : 0;
    // Notified with mutex_ held: `w` lives on the waiter's stack, and the
    // waiter cannot return before it has taken mutex_ again.
    w->cv.notify_one();
}

void Gil::checkpoint_slow() {
    if (session_.stop_requested())
        throw Cancelled();
    if (t_held != this)
        return;
    const trace::LaneId me = session_.recorder().current_lane();
    std::unique_lock g(mutex_);
    if (!drop_pending_)
        return;
    // Hands over and queues behind under one hold of mutex_: the new holder
    // cannot take it before this lane's wait is recorded, so even if the OS
    // runs the new holder first, the trace never shows both running.
    release_locked();
    acquire_locked(g, me);
}

trace::LaneId Gil::owner() const {
    std::lock_guard g(mutex_);
    return owner_;
}

std::uint64_t Gil::handovers() const {
    std::lock_guard g(mutex_);
    return handovers_;
}

std::uint64_t Gil::forced_switches() const {
    std::lock_guard g(mutex_);
    return forced_;
}

GilRelease::GilRelease() : gil_(Gil::held_here()) {
    if (gil_)
        gil_->release();
}

void GilRelease::reacquire() {
    Gil* gil = gil_;
    gil_ = nullptr;
    if (gil && !Gil::held_here())
        gil->acquire();
}

GilRelease::~GilRelease() {
    try {
        reacquire();
    } catch (...) {
        // Only il::Cancelled can come here: the thread goes on without the
        // GIL, and its next checkpoint() or wait throws il::Cancelled.
    }
}

} // namespace il::sync
