// queue.Queue / LifoQueue / PriorityQueue: a bounded (or unbounded) queue of
// T between lanes, with Python's semantics and errors. T may be move-only
// (std::function, std::unique_ptr).
//
// Counting, waits, sequence numbers and recording live in
// detail::QueueCore (queue_core.h); this template only keeps the items, and
// touches them only inside the core's callbacks, under the core's mutex.
// Priority order gives the smallest item first (operator<); equal items
// leave in the order they were put. Thread-safe.
//
// Recorded: Put (cause, a = item sequence number from 1, b = size after),
// Get (effect, a = the taken item's sequence number, b = size after),
// TaskDone (b = unfinished after), TryFail when a put/get gives up, waits
// with WaitReason::QueuePut / QueueGet / QueueJoin.
#pragma once

#include "run/errors.h"
#include "run/session.h"
#include "sync/queue_core.h"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace il::sync {

template <class T> class Queue {
public:
    // maxsize 0 is unbounded. Priority order needs T with operator<
    // (il::ValueError otherwise).
    Queue(Session& session, std::string name, std::size_t maxsize = 0,
          trace::QueueOrder order = trace::QueueOrder::Fifo)
        : core_(session, std::move(name), maxsize, order) {
        if constexpr (!kOrdered) {
            if (order == trace::QueueOrder::Priority)
                throw ValueError("a priority queue needs items with operator<");
        }
    }
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    // Blocks while full; throws il::QueueFull if the timeout passes first
    // (the item is then dropped, as it was passed by value).
    void put(T item, Timeout timeout = std::nullopt) {
        if (!put_made(true, timeout, [&]() -> T&& { return std::move(item); }))
            throw QueueFull();
    }
    // Throws il::QueueFull at once if full.
    void put_nowait(T item) {
        if (!put_made(false, std::nullopt, [&]() -> T&& { return std::move(item); }))
            throw QueueFull();
    }
    // False if full. Unlike put, a refused item is left untouched (an rvalue
    // is moved from only on success), so callers can retry with it.
    bool try_put(T&& item) {
        return put_made(false, std::nullopt, [&]() -> T&& { return std::move(item); });
    }
    bool try_put(const T& item) {
        return put_made(false, std::nullopt, [&] { return T(item); });
    }

    // Blocks while empty; throws il::QueueEmpty if the timeout passes first.
    T get(Timeout timeout = std::nullopt) {
        std::optional<T> out;
        if (!core_.get(true, timeout, [&] { return take(out); }))
            throw QueueEmpty();
        return std::move(*out);
    }
    // Throws il::QueueEmpty at once if empty.
    T get_nowait() {
        std::optional<T> out;
        if (!core_.get(false, std::nullopt, [&] { return take(out); }))
            throw QueueEmpty();
        return std::move(*out);
    }
    std::optional<T> try_get() {
        std::optional<T> out;
        core_.get(false, std::nullopt, [&] { return take(out); });
        return out;
    }

    // Throws il::ValueError("task_done() called too many times").
    void task_done() { core_.task_done(); }
    // Blocks until every item put has been marked done.
    void join() { core_.join(std::nullopt); }
    // False if the timeout passed first.
    bool join(Timeout timeout) { return core_.join(timeout); }

    std::size_t qsize() const { return core_.qsize(); }
    bool empty() const { return core_.empty(); }
    bool full() const { return core_.full(); }
    std::size_t maxsize() const { return core_.maxsize(); }
    std::int64_t unfinished_tasks() const { return core_.unfinished_tasks(); }
    trace::QueueOrder order() const { return core_.order(); }
    trace::ObjectId id() const { return core_.id(); }

private:
    static constexpr bool kOrdered = requires(const T& x) {
        { x < x } -> std::convertible_to<bool>;
    };

    struct Entry {
        T item;
        std::int64_t seq;
        std::int64_t put_tick; // its Put's tick: its Get is stamped after it
    };

    // `make` yields the item (T&& or T); it is called only once there is room.
    template <class Make> bool put_made(bool block, Timeout timeout, Make make) {
        return core_.put(
            block, timeout, [&](std::int64_t seq) { store(make(), seq); },
            [&](std::int64_t put_tick) { stamp(put_tick); });
    }

    // These run under the core's mutex (inside its callbacks). store appends
    // the entry; stamp, called next, gives it its Put's tick and only then
    // (Priority) sifts it into the heap, where it could no longer be found
    // cheaply. So T's operator< must not throw.
    void store(T&& item, std::int64_t seq) {
        if (core_.order() == trace::QueueOrder::Priority)
            heap_.push_back(Entry{std::move(item), seq, 0});
        else
            items_.push_back(Entry{std::move(item), seq, 0});
    }
    void stamp(std::int64_t put_tick) {
        if (core_.order() == trace::QueueOrder::Priority) {
            heap_.back().put_tick = put_tick;
            if constexpr (kOrdered)
                std::push_heap(heap_.begin(), heap_.end(), later);
        } else {
            items_.back().put_tick = put_tick;
        }
    }
    detail::QueueCore::Taken take(std::optional<T>& out) {
        Entry* e = nullptr;
        switch (core_.order()) {
        case trace::QueueOrder::Fifo:
            e = &items_.front();
            break;
        case trace::QueueOrder::Lifo:
            e = &items_.back();
            break;
        case trace::QueueOrder::Priority:
            if constexpr (kOrdered)
                std::pop_heap(heap_.begin(), heap_.end(), later);
            e = &heap_.back();
            break;
        }
        out.emplace(std::move(e->item));
        const detail::QueueCore::Taken taken{e->seq, e->put_tick};
        if (core_.order() == trace::QueueOrder::Fifo)
            items_.pop_front();
        else if (core_.order() == trace::QueueOrder::Lifo)
            items_.pop_back();
        else
            heap_.pop_back();
        return taken;
    }
    // Heap order: the top is the smallest item, the earliest put among equals.
    static bool later(const Entry& x, const Entry& y) {
        if constexpr (kOrdered) {
            if (y.item < x.item)
                return true;
            if (x.item < y.item)
                return false;
        }
        return x.seq > y.seq;
    }

    detail::QueueCore core_;
    std::deque<Entry> items_; // Fifo and Lifo
    std::vector<Entry> heap_; // Priority: a min-heap by (item, seq)
};

} // namespace il::sync
