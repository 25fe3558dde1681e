#include "run/session.h"

#include "run/errors.h"

namespace il {

Session::Session(SessionOptions options) : recorder_(options.event_budget) {}

void Session::check_stop() const {
    if (stop_.stop_requested())
        throw Cancelled();
}

} // namespace il
