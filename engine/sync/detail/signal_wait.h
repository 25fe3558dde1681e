// A variant of blocking_wait (blocking_wait.h) for waits that end on a signal
// (Event set, Condition notify, Barrier trip). Two differences, both so the
// trace reads in cause-then-effect order inside the blocked span:
//  * when pred() holds, on_ready(waited) runs with the mutex held *before*
//    WaitEnd is recorded, so a Wake lands inside WaitBegin..WaitEnd (and a
//    Wake with no span at all when the signal was already there);
//  * on_ready returns the WaitResult to record, so a Barrier can end a span
//    as Broken.
// Everything else (timeout, cancellation, recording, letting the GIL go) is
// blocking_wait's. Every caller's pred, once true, stays true (a notify, a
// set, a trip, a done future stays delivered), which the GIL path relies on.
#pragma once

#include "run/errors.h"
#include "run/session.h"
#include "sync/gil.h"

#include <condition_variable>
#include <mutex>

namespace il::sync::detail {

// Waits on `cv` (with `lock` held) until pred() holds, then calls
// on_ready(bool waited) -> trace::WaitResult. Returns false if the timeout
// passed first (on_ready not called); throws il::Cancelled if the session
// stopped first. Records WaitBegin (c = reason, b = `waiting_for`) and
// WaitEnd only if it really had to wait.
template <class Pred, class OnReady>
bool signal_wait(Session& session, std::unique_lock<std::mutex>& lock,
                 std::condition_variable_any& cv, trace::ObjectId object, trace::WaitReason reason,
                 Timeout timeout, Pred pred, OnReady on_ready, std::int32_t waiting_for = 0) {
    using trace::Kind;
    using trace::WaitResult;
    if (pred()) {
        on_ready(false);
        return true;
    }
    if (session.stop_requested())
        throw Cancelled();
    if (Gil* gil = Gil::held_here()) [[unlikely]] {
        // The emulated GIL is let go while blocked (sync/gil.h). A signal
        // stays delivered, so only a timeout needs a second look: the signal
        // may have come while this lane queued for the GIL (then it counts).
        const bool ok = wait_without_gil(*gil, lock, [&] {
            return signal_wait(session, lock, cv, object, reason, timeout, pred, on_ready,
                               waiting_for);
        });
        if (!ok && pred()) {
            on_ready(true);
            return true;
        }
        return ok;
    }
    trace::Recorder& rec = session.recorder();
    rec.record(Kind::WaitBegin, object, 0, waiting_for, static_cast<std::uint16_t>(reason));
    std::stop_token stop = session.stop_token();
    bool ok = timeout ? cv.wait_for(lock, stop, *timeout, pred) : cv.wait(lock, stop, pred);
    if (!ok) {
        WaitResult r = stop.stop_requested() ? WaitResult::Cancelled : WaitResult::Timeout;
        rec.record(Kind::WaitEnd, object, 0, 0, static_cast<std::uint16_t>(r));
        if (r == WaitResult::Cancelled)
            throw Cancelled();
        return false;
    }
    WaitResult r = on_ready(true);
    rec.record(Kind::WaitEnd, object, 0, 0, static_cast<std::uint16_t>(r));
    return true;
}

} // namespace il::sync::detail
