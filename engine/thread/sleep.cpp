#include "thread/sleep.h"

#include "run/errors.h"
#include "sync/gil.h"

#include <condition_variable>
#include <mutex>

namespace il::thread {

void sleep(Session& session, std::chrono::nanoseconds duration) {
    trace::Recorder& rec = session.recorder();
    session.check_stop();
    sync::GilRelease no_gil; // time.sleep lets the emulated GIL go (sync/gil.h)
    rec.record(trace::Kind::SleepBegin, 0, duration.count());
    // A private condition variable that nobody notifies: the wait ends on
    // the deadline or, through the stop token, on a stop request.
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock g(m);
    bool stopped = cv.wait_for(g, session.stop_token(), duration, [] { return false; });
    (void)stopped;
    rec.record(trace::Kind::SleepEnd, 0);
    session.check_stop();
    no_gil.reacquire();
}

} // namespace il::thread
