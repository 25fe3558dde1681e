// asyncio.Queue<T> for tasks on one loop: FIFO items, maxsize (0 =
// unbounded), put/get that wait, put_nowait/get_nowait (il::QueueFull /
// il::QueueEmpty), task_done/join. Waiters are served in FIFO order: a put
// with getters waiting hands its item straight to the longest-waiting
// getter; a get that frees a slot reserves it for the longest-waiting
// putter, so no later put can take it.
// Recorded (as the threading Queue): Put (a = item sequence number from 1,
// b = size after), Get (a = sequence number of the item taken, b = size
// after), TaskDone (b = unfinished after), TryFail when a *_nowait gives up,
// WaitBegin/WaitEnd(QueuePut / QueueGet / QueueJoin). Loop-thread only.
#pragma once

#include "coro/detail/task_core.h"
#include "coro/loop.h"
#include "run/errors.h"
#include "run/session.h"

#include <coroutine>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

namespace il::coro {

template <class T> class Queue {
    struct Item {
        T value;
        std::int64_t seq;
        std::int64_t put_tick;
    };

public:
    Queue(Session& session, std::string name, std::size_t maxsize = 0)
        : session_(session), maxsize_(maxsize),
          id_(session.registry().add_object(trace::ObjectKind::Queue, std::move(name),
                                            static_cast<std::int64_t>(maxsize),
                                            static_cast<std::uint16_t>(trace::QueueOrder::Fifo))) {}
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    class Put : public detail::Waiter {
    public:
        Put(Queue& q, T item) : q_(&q), item_(std::move(item)) {}
        Put(Put&&) noexcept = default;
        bool await_ready() {
            if (!q_->getters_.empty() || (q_->putters_.empty() && q_->room())) {
                q_->store(std::move(*item_));
                return true;
            }
            return false;
        }
        bool await_suspend(std::coroutine_handle<> h) {
            detail::TaskCore& t = detail::current_task();
            if (!t.suspend(*this, h))
                return false;
            t.record_wait_begin(q_->id_, trace::WaitReason::QueuePut);
            q_->putters_.push_back(*this);
            return true;
        }
        void await_resume() {
            if (!began && cancelled == detail::CancelKind::None)
                return;
            task->end_wait(*this, q_->id_);
            --q_->reserved_; // the slot a get reserved for us
            q_->store(std::move(*item_));
        }

    private:
        Queue* q_;
        std::optional<T> item_;
    };

    class Get : public detail::Waiter {
    public:
        explicit Get(Queue& q) : q_(&q) {}
        Get(Get&&) noexcept = default;
        bool await_ready() {
            if (q_->items_.empty())
                return false;
            item_.emplace(q_->take());
            return true;
        }
        bool await_suspend(std::coroutine_handle<> h) {
            detail::TaskCore& t = detail::current_task();
            if (!t.suspend(*this, h))
                return false;
            t.record_wait_begin(q_->id_, trace::WaitReason::QueueGet);
            q_->getters_.push_back(*this);
            return true;
        }
        T await_resume() {
            if (began || cancelled != detail::CancelKind::None) {
                task->end_wait(*this, q_->id_);
                // A put handed us the item (token = its sequence number).
                task->recorder().record_after(cause_tick, trace::Kind::Get, q_->id_, token,
                                              static_cast<std::int32_t>(q_->items_.size()));
            }
            return std::move(*item_);
        }

    private:
        friend class Queue;
        Queue* q_;
        std::optional<T> item_;
    };

    class Join : public detail::Waiter {
    public:
        explicit Join(Queue& q) : q_(&q) {}
        Join(Join&&) noexcept = default;
        bool await_ready() const { return q_->unfinished_ == 0; }
        bool await_suspend(std::coroutine_handle<> h) {
            detail::TaskCore& t = detail::current_task();
            if (!t.suspend(*this, h))
                return false;
            t.record_wait_begin(q_->id_, trace::WaitReason::QueueJoin);
            q_->joiners_.push_back(*this);
            return true;
        }
        void await_resume() {
            if (began || cancelled != detail::CancelKind::None)
                task->end_wait(*this, q_->id_);
        }

    private:
        Queue* q_;
    };

    [[nodiscard]] Put put(T item) { return Put(*this, std::move(item)); }
    [[nodiscard]] Get get() { return Get(*this); }
    [[nodiscard]] Join join() { return Join(*this); }

    void put_nowait(T item) {
        if (getters_.empty() && !room()) {
            session_.recorder().record(trace::Kind::TryFail, id_, 0,
                                       static_cast<std::int32_t>(items_.size()));
            throw QueueFull();
        }
        store(std::move(item));
    }
    T get_nowait() {
        if (items_.empty()) {
            session_.recorder().record(trace::Kind::TryFail, id_, 0, 0);
            throw QueueEmpty();
        }
        return take();
    }
    void task_done() {
        if (unfinished_ <= 0)
            throw ValueError("task_done() called too many times");
        --unfinished_;
        session_.recorder().record(trace::Kind::TaskDone, id_, 0,
                                   static_cast<std::int32_t>(unfinished_));
        if (unfinished_ == 0)
            while (detail::Waiter* w = joiners_.pop_front())
                w->task->loop().wake(*w);
    }

    std::size_t qsize() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    bool full() const { return maxsize_ > 0 && items_.size() + reserved_ >= maxsize_; }
    std::size_t maxsize() const { return maxsize_; }
    std::int64_t unfinished_tasks() const { return unfinished_; }
    trace::ObjectId id() const { return id_; }

private:
    bool room() const { return !full(); }

    // Counts and records a new item; a waiting getter gets it at once.
    void store(T&& value) {
        const std::int64_t seq = next_seq_++;
        ++unfinished_;
        trace::Recorder& rec = session_.recorder();
        if (detail::Waiter* w = getters_.pop_front()) {
            auto& g = static_cast<Get&>(*w);
            g.item_.emplace(std::move(value));
            std::int64_t tick =
                rec.record(trace::Kind::Put, id_, seq, static_cast<std::int32_t>(items_.size()));
            g.task->loop().wake(g, seq, tick);
            return;
        }
        items_.push_back(Item{std::move(value), seq, 0});
        items_.back().put_tick =
            rec.record(trace::Kind::Put, id_, seq, static_cast<std::int32_t>(items_.size()));
    }

    // Removes and records the oldest item; a freed slot goes to the longest waiting putter.
    T take() {
        Item it = std::move(items_.front());
        items_.pop_front();
        session_.recorder().record_after(it.put_tick, trace::Kind::Get, id_, it.seq,
                                         static_cast<std::int32_t>(items_.size()));
        if (room())
            if (detail::Waiter* w = putters_.pop_front()) {
                ++reserved_;
                w->task->loop().wake(*w);
            }
        return std::move(it.value);
    }

    Session& session_;
    const std::size_t maxsize_;
    const trace::ObjectId id_;
    std::deque<Item> items_;
    std::size_t reserved_ = 0; // slots freed for woken putters that have not put yet
    std::int64_t next_seq_ = 1;
    std::int64_t unfinished_ = 0;
    detail::WaitList getters_, putters_, joiners_;
};

} // namespace il::coro
