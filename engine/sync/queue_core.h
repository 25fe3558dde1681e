// The untyped half of Queue<T> (queue.h): counting, sequence numbers, waits
// and recording. The typed half only stores and takes items, always through
// callbacks this core runs with its mutex held, so the items need no lock of
// their own. Thread-safe.
//
// Recorded: Put (a = item sequence number from 1, b = size after), Get
// (a = sequence number of the item taken, b = size after), TaskDone
// (b = unfinished tasks after), TryFail when a put/get gives up (queue.Full /
// queue.Empty; b = size seen), waits with WaitReason::QueuePut / QueueGet /
// QueueJoin.
#pragma once

#include "run/session.h"
#include "sync/detail/function_ref.h"
#include "trace/record.h"
#include "trace/registry.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

namespace il::sync::detail {

class QueueCore {
public:
    // Runs with the mutex held: stores the item under sequence number `seq`.
    // If it throws, the queue must be as it was.
    using Store = FunctionRef<void(std::int64_t seq)>;
    // Runs with the mutex held, right after a store and the Put it led to:
    // keep `put_tick` (the tick the Put was recorded at) with that item.
    using Stamp = FunctionRef<void(std::int64_t put_tick)>;
    // What a take hands back: the item's sequence number and its Put's tick
    // (its Get is stamped strictly after that tick).
    struct Taken {
        std::int64_t seq;
        std::int64_t put_tick;
    };
    // Runs with the mutex held: removes the next item.
    using Take = FunctionRef<Taken()>;

    QueueCore(Session& session, std::string name, std::size_t maxsize, trace::QueueOrder order);
    QueueCore(const QueueCore&) = delete;
    QueueCore& operator=(const QueueCore&) = delete;

    // Waits (if `block`) for room, then calls store, records the Put and
    // calls stamp. False when the queue stayed full (not blocking, or the
    // timeout passed). Throws il::ValueError for a negative timeout,
    // il::Cancelled when the session stops.
    bool put(bool block, Timeout timeout, Store store, Stamp stamp);
    // Waits (if `block`) for an item, then calls take. False when it stayed empty.
    bool get(bool block, Timeout timeout, Take take);
    void task_done();
    bool join(Timeout timeout);

    std::size_t qsize() const;
    bool empty() const;
    bool full() const;
    std::size_t maxsize() const { return maxsize_; }
    std::int64_t unfinished_tasks() const;
    trace::QueueOrder order() const { return order_; }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    bool full_locked() const { return maxsize_ > 0 && size_ >= maxsize_; }

    Session& session_;
    const std::size_t maxsize_; // 0: unbounded
    const trace::QueueOrder order_;
    const trace::ObjectId id_;
    mutable std::mutex mutex_;              // guards the fields below and the typed items
    std::condition_variable_any not_empty_; // a get may proceed
    std::condition_variable_any not_full_;  // a put may proceed
    std::condition_variable_any all_done_;  // unfinished_ reached 0
    std::size_t size_ = 0;
    std::int64_t unfinished_ = 0;
    std::int64_t next_seq_ = 1;
};

} // namespace il::sync::detail
