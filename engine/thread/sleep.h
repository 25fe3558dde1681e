// time.sleep for lanes: a recorded, cancellable sleep.
#pragma once

#include "run/session.h"

#include <chrono>

namespace il::thread {

// Sleeps the calling lane. Records SleepBegin (a = requested ns) / SleepEnd.
// Throws il::Cancelled as soon as the session stops. A thread holding the
// emulated GIL (sync/gil.h) releases it for the sleep and takes it back after.
void sleep(Session& session, std::chrono::nanoseconds duration);

} // namespace il::thread
