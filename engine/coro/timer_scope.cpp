#include "coro/timer_scope.h"

namespace il::coro {

TimerScope::TimerScope(Session& session, std::string name)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Annotation, "timer: " + name)),
      start_(std::chrono::steady_clock::now()) {
    session_.recorder().record(trace::Kind::Mark, id_, 0);
}

std::chrono::nanoseconds TimerScope::stop() {
    if (!stopped_) {
        stopped_ = true;
        elapsed_ = std::chrono::steady_clock::now() - start_;
        session_.recorder().record(trace::Kind::Mark, id_, elapsed_.count());
    }
    return elapsed_;
}

std::chrono::nanoseconds TimerScope::elapsed() const {
    return stopped_ ? elapsed_ : std::chrono::steady_clock::now() - start_;
}

} // namespace il::coro
