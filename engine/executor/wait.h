// concurrent.futures.wait: block until some or all of a set of futures are
// done. Futures of any T mix through AnyFuture (Future<T>::any()).
//
// Waits without polling: a detail::Waiter is put on every future, as CPython
// puts its _Waiter, and the futures report to it. Recorded on the waiting
// lane: WaitBegin (c = WaitReason::Future, object = the first pending future,
// b = how many are pending) .. Wake (object = the future whose completion
// ended the wait, a = its Set token) .. WaitEnd, only if it had to block.
// Thread-safe; all futures must belong to one Session.
#pragma once

#include "executor/future.h"

#include <cstddef>
#include <vector>

namespace il::executor {

enum class ReturnWhen {
    FirstCompleted, // any future done (or cancelled)
    FirstException, // any future raised, or all done
    AllCompleted,   // all done
};

// Python's DoneAndNotDoneFutures. Python returns sets; these keep the input
// order (a future given twice appears once, where it first appeared).
template <class F> struct DoneAndNotDone {
    std::vector<F> done;
    std::vector<F> not_done;
};

namespace detail {

struct WaitIndices {
    std::vector<std::size_t> done;
    std::vector<std::size_t> not_done;
};

// Positions of the first occurrence of each distinct future, in order.
std::vector<std::size_t> distinct(const std::vector<AnyFuture>& fs);
// wait() on distinct futures; answers with positions in `fs`.
WaitIndices wait_distinct(const std::vector<AnyFuture>& fs, Timeout timeout, ReturnWhen when);

} // namespace detail

// Returns when `when` holds or the timeout passes (no exception then, as in
// Python: look at not_done). A cancelled future counts as done at once
// (CPython only counts it once its executor has seen the cancel). Throws
// il::Cancelled if the session stops while it blocks.
template <class F>
DoneAndNotDone<F> wait(const std::vector<F>& fs, Timeout timeout = std::nullopt,
                       ReturnWhen when = ReturnWhen::AllCompleted) {
    std::vector<AnyFuture> all;
    all.reserve(fs.size());
    for (const F& f : fs)
        all.push_back(any_future(f));
    std::vector<std::size_t> pos = detail::distinct(all);
    std::vector<AnyFuture> unique;
    unique.reserve(pos.size());
    for (std::size_t p : pos)
        unique.push_back(all[p]);
    detail::WaitIndices r = detail::wait_distinct(unique, timeout, when);
    DoneAndNotDone<F> out;
    out.done.reserve(r.done.size());
    out.not_done.reserve(r.not_done.size());
    for (std::size_t i : r.done)
        out.done.push_back(fs[pos[i]]);
    for (std::size_t i : r.not_done)
        out.not_done.push_back(fs[pos[i]]);
    return out;
}

} // namespace il::executor
