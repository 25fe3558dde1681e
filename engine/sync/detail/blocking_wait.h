// The one way a primitive blocks: on its own condition variable, recorded as
// a WaitBegin..WaitEnd span, limited by a timeout, and cut short when the
// session stops. Every primitive's waits go through here, so every wait is
// visible and every wait can be cancelled. A lane holding the emulated GIL
// (sync/gil.h) lets it go while it waits and takes it back before returning.
#pragma once

#include "run/errors.h"
#include "run/session.h"
#include "sync/gil.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace il::sync::detail {

// Waits on `cv` (with `lock` held) until pred() holds. Returns false if the
// timeout passed first; throws il::Cancelled if the session stopped first.
// Records WaitBegin (c = reason, b = `waiting_for`) and WaitEnd only if it
// really had to wait.
template <class Pred>
bool blocking_wait(Session& session, std::unique_lock<std::mutex>& lock,
                   std::condition_variable_any& cv, trace::ObjectId object,
                   trace::WaitReason reason, Timeout timeout, Pred pred,
                   std::int32_t waiting_for = 0) {
    using trace::Kind;
    using trace::WaitResult;
    if (pred())
        return true;
    if (session.stop_requested())
        throw Cancelled();
    if (Gil* gil = Gil::held_here()) [[unlikely]] {
        // The emulated GIL is let go while blocked (sync/gil.h). What woke
        // this lane may be taken again while it queues for the GIL, so it
        // checks again on return, as any woken waiter does.
        using Clock = std::chrono::steady_clock;
        const Clock::time_point deadline = timeout ? Clock::now() + *timeout : Clock::time_point{};
        for (;;) {
            Timeout left;
            if (timeout)
                left = std::max(Clock::duration::zero(), deadline - Clock::now());
            const bool ok = wait_without_gil(*gil, lock, [&] {
                return blocking_wait(session, lock, cv, object, reason, left, pred, waiting_for);
            });
            if (pred())
                return true;
            if (!ok)
                return false;
        }
    }
    trace::Recorder& rec = session.recorder();
    rec.record(Kind::WaitBegin, object, 0, waiting_for, static_cast<std::uint16_t>(reason));
    std::stop_token stop = session.stop_token();
    bool ok = timeout ? cv.wait_for(lock, stop, *timeout, pred) : cv.wait(lock, stop, pred);
    if (!ok && stop.stop_requested()) {
        rec.record(Kind::WaitEnd, object, 0, 0, static_cast<std::uint16_t>(WaitResult::Cancelled));
        throw Cancelled();
    }
    rec.record(Kind::WaitEnd, object, 0, 0,
               static_cast<std::uint16_t>(ok ? WaitResult::Ok : WaitResult::Timeout));
    return ok;
}

} // namespace il::sync::detail
