#include "sync/queue_core.h"

#include "run/errors.h"
#include "sync/detail/blocking_wait.h"

namespace il::sync::detail {

using trace::Kind;

namespace {
void check_timeout(Timeout timeout) {
    if (timeout && timeout->count() < 0)
        throw ValueError("'timeout' must be a non-negative number");
}
} // namespace

QueueCore::QueueCore(Session& session, std::string name, std::size_t maxsize,
                     trace::QueueOrder order)
    : session_(session), maxsize_(maxsize), order_(order),
      id_(session.registry().add_object(trace::ObjectKind::Queue, std::move(name),
                                        static_cast<std::int64_t>(maxsize),
                                        static_cast<std::uint16_t>(order))) {}

bool QueueCore::put(bool block, Timeout timeout, Store store, Stamp stamp) {
    if (block)
        check_timeout(timeout);
    std::unique_lock g(mutex_);
    bool room = !full_locked();
    if (!room && block)
        room = blocking_wait(session_, g, not_full_, id_, trace::WaitReason::QueuePut, timeout,
                             [this] { return !full_locked(); });
    if (!room) {
        session_.recorder().record(Kind::TryFail, id_, 0, static_cast<std::int32_t>(size_));
        return false;
    }
    // Counted only once the item is really stored: a throwing store leaves
    // the queue as it was.
    std::int64_t seq = next_seq_;
    store(seq);
    ++next_seq_;
    ++size_;
    ++unfinished_;
    stamp(session_.recorder().record(Kind::Put, id_, seq, static_cast<std::int32_t>(size_)));
    // With the mutex held, as in Lock: a woken getter may destroy the queue.
    not_empty_.notify_one();
    return true;
}

bool QueueCore::get(bool block, Timeout timeout, Take take) {
    if (block)
        check_timeout(timeout);
    std::unique_lock g(mutex_);
    bool some = size_ > 0;
    if (!some && block)
        some = blocking_wait(session_, g, not_empty_, id_, trace::WaitReason::QueueGet, timeout,
                             [this] { return size_ > 0; });
    if (!some) {
        session_.recorder().record(Kind::TryFail, id_, 0, 0);
        return false;
    }
    const Taken item = take();
    --size_;
    session_.recorder().record_after(item.put_tick, Kind::Get, id_, item.seq,
                                     static_cast<std::int32_t>(size_));
    not_full_.notify_one();
    return true;
}

void QueueCore::task_done() {
    std::lock_guard g(mutex_);
    if (unfinished_ <= 0)
        throw ValueError("task_done() called too many times");
    --unfinished_;
    session_.recorder().record(Kind::TaskDone, id_, 0, static_cast<std::int32_t>(unfinished_));
    if (unfinished_ == 0)
        all_done_.notify_all();
}

bool QueueCore::join(Timeout timeout) {
    std::unique_lock g(mutex_);
    return blocking_wait(session_, g, all_done_, id_, trace::WaitReason::QueueJoin, timeout,
                         [this] { return unfinished_ == 0; });
}

std::size_t QueueCore::qsize() const {
    std::lock_guard g(mutex_);
    return size_;
}

bool QueueCore::empty() const {
    return qsize() == 0;
}

bool QueueCore::full() const {
    std::lock_guard g(mutex_);
    return full_locked();
}

std::int64_t QueueCore::unfinished_tasks() const {
    std::lock_guard g(mutex_);
    return unfinished_;
}

} // namespace il::sync::detail
