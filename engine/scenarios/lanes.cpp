#include "scenarios/lanes.h"

#include "run/errors.h"

namespace il::scenarios {

thread::Thread& LaneGroup::start(std::string name, std::function<void()> fn) {
    // A lane that fails stops the whole run, so that lanes waiting for it
    // (a consumer for its producer) are cancelled instead of hanging.
    auto guarded = [this, fn = std::move(fn)] {
        try {
            fn();
        } catch (const Cancelled&) {
            throw;
        } catch (...) {
            {
                std::lock_guard g(mutex_);
                if (!first_error_)
                    first_error_ = std::current_exception();
            }
            session_.request_stop();
            throw;
        }
    };
    lanes_.push_back(
        std::make_unique<thread::Thread>(session_, std::move(name), std::move(guarded)));
    lanes_.back()->start();
    return *lanes_.back();
}

void LaneGroup::join_all() {
    try {
        for (auto& t : lanes_)
            t->join();
    } catch (const Cancelled&) {
        std::lock_guard g(mutex_);
        if (first_error_)
            std::rethrow_exception(first_error_);
        throw;
    }
    for (auto& t : lanes_)
        if (auto e = t->exception())
            std::rethrow_exception(e);
}

} // namespace il::scenarios
