// threading.BoundedSemaphore: a Semaphore whose releases may never raise the
// free permits past the initial value. Such a release throws
// il::ValueError("Semaphore released too many times") and records nothing.
// Registered as ObjectKind::BoundedSemaphore (capacity = the bound).
// Recorded as Semaphore (semaphore.h). Thread-safe.
#pragma once

#include "sync/semaphore.h"

namespace il::sync {

class BoundedSemaphore : public Semaphore {
public:
    BoundedSemaphore(Session& session, std::string name, std::int64_t value = 1);
};

} // namespace il::sync
