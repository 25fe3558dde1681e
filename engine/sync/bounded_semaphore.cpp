#include "sync/bounded_semaphore.h"

namespace il::sync {

BoundedSemaphore::BoundedSemaphore(Session& session, std::string name, std::int64_t value)
    : Semaphore(session, std::move(name), value, trace::ObjectKind::BoundedSemaphore, true) {}

} // namespace il::sync
