#include "sync/shared_variable.h"

namespace il::sync {

using trace::Kind;

SharedVariable::SharedVariable(Session& session, std::string name, std::int64_t initial)
    : session_(session),
      id_(session.registry().add_object(trace::ObjectKind::Variable, std::move(name), initial)),
      value_(initial) {}

std::int64_t SharedVariable::read() {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    last_read_[me] = value_;
    session_.recorder().record(Kind::Read, id_, value_);
    return value_;
}

void SharedVariable::write(std::int64_t value) {
    trace::LaneId me = session_.recorder().current_lane();
    std::lock_guard g(mutex_);
    auto it = last_read_.find(me);
    // Negative when an earlier stale write had already rolled the value back;
    // keeping the sign makes the sum over a run exactly expected - final.
    std::int64_t erased = it == last_read_.end() ? 0 : value_ - it->second;
    lost_ += erased;
    value_ = value;
    last_read_[me] = value;
    session_.recorder().record(Kind::Write, id_, value, static_cast<std::int32_t>(erased));
}

std::int64_t SharedVariable::value() const {
    std::lock_guard g(mutex_);
    return value_;
}

std::int64_t SharedVariable::lost_updates() const {
    std::lock_guard g(mutex_);
    return lost_;
}

} // namespace il::sync
