// What wait() and as_completed() block on: CPython's _Waiter. It is put on
// every watched future, and a future that becomes done reports to it (with
// the future's mutex held), so nothing polls.
//
// Owned by one wait()/as_completed() on the waiting lane, which must
// uninstall() it from every future before it dies. Lock order: a future's
// mutex, then the waiter's `mutex`; never the other way round.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

namespace il::executor {
class FutureCore;
}

namespace il::executor::detail {

class Waiter {
public:
    enum class Mode {
        FirstCompleted, // triggered by the first future done
        FirstException, // ... by the first that raised, or when all are done
        AllCompleted,   // ... when all are done
        AsCompleted,    // never "triggered": the reader takes `finished` one by one
    };

    Waiter(Mode mode, std::size_t total);

    // Watches f as number `index` (0 <= index < total). A future already done
    // is counted at once.
    void install(FutureCore& f, std::size_t index);
    void uninstall(FutureCore& f);
    // Called by a future that became done, with the future's mutex held.
    void on_done(std::size_t index, bool raised);

    // With `mutex` held: the lowest index not finished (total if none) and
    // how many are not finished.
    std::size_t first_pending();
    std::size_t pending() const { return total_ - finished.size(); }

    // Everything below is guarded by `mutex`.
    std::mutex mutex;
    std::condition_variable_any cv;
    std::vector<std::size_t> finished; // indices, in the order they were seen done
    bool triggered = false;            // the wait's condition holds (not AsCompleted)
    std::size_t trigger = 0;           // the index whose completion triggered it

private:
    const Mode mode_;
    const std::size_t total_;
    std::vector<char> is_finished_;
    std::size_t first_pending_ = 0; // no index below it is pending
};

} // namespace il::executor::detail
