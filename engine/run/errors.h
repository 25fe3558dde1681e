// The engine's exceptions, named after their Python counterparts so the
// scenarios read like the tutorial they follow.
#pragma once

#include <stdexcept>
#include <string>

namespace il {

// Thrown out of any wait when the run is being stopped. Lanes let it unwind;
// the thread runtime catches it at the lane's root.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("the run was stopped") {}
};

// Misuse of a primitive, as Python raises RuntimeError (release of an
// unlocked lock, submit after shutdown, ...).
struct RuntimeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A value outside what is allowed (BoundedSemaphore released too often, ...).
struct ValueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A timed wait ran out (Future.result(timeout), Barrier.wait(timeout), ...).
struct TimeoutError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// concurrent.futures.CancelledError: result() of a cancelled future.
struct CancelledError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// concurrent.futures.InvalidStateError.
struct InvalidStateError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// threading.BrokenBarrierError.
struct BrokenBarrierError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// queue.Empty / queue.Full: a non-blocking or timed get/put found nothing to do.
struct QueueEmpty : std::runtime_error {
    QueueEmpty() : std::runtime_error("queue is empty") {}
};
struct QueueFull : std::runtime_error {
    QueueFull() : std::runtime_error("queue is full") {}
};

} // namespace il
