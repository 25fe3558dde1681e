// A suspended task's place in one wait: whom to resume, what woke it (the
// cause's token and tick) and how to end the wait early. Every coro
// primitive queues its Waiters in a WaitList: intrusive, FIFO, O(1) removal,
// and either side may die first (a Waiter unlinks itself; a WaitList unlinks
// what it still holds). Loop-thread only, like everything in il::coro.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>

namespace il::coro::detail {

class TaskCore;
class WaitList;

// Why a wait ended before what it waited for came: Task.cancel(), a
// wait_for deadline, or the session stopping.
enum class CancelKind : std::uint8_t { None = 0, Cancel, Timeout, Stop };

struct Waiter {
    TaskCore* task = nullptr;
    std::coroutine_handle<> handle; // the innermost coroutine to resume
    std::int64_t token = 0;         // the cause's token (0: nothing caused it)
    std::int64_t cause_tick = 0;    // the tick the cause was recorded at
    CancelKind cancelled = CancelKind::None;
    bool began = false; // suspended (its WaitBegin/SleepBegin was recorded)
    // Ends the wait early, after TaskCore::cancel() set `cancelled`: unlink
    // and schedule the task now, or cancel an operation whose completion
    // schedules it. Either way the task is scheduled exactly once.
    void (*on_cancel)(Waiter&) = nullptr;
    // What WaitList::notify_all does with this waiter; null: Loop::wake.
    void (*on_notify)(Waiter&, std::int64_t token, std::int64_t tick) = nullptr;

    Waiter() = default;
    // Awaitables are moved before they are awaited (into a coroutine frame);
    // a moved Waiter starts fresh. Never moved while linked.
    Waiter(Waiter&&) noexcept {}
    Waiter(const Waiter&) = delete;
    Waiter& operator=(const Waiter&) = delete;
    Waiter& operator=(Waiter&&) = delete;
    ~Waiter() { unlink(); }

    bool linked() const { return list_ != nullptr; }
    inline void unlink();

private:
    friend class WaitList;
    Waiter* prev_ = nullptr;
    Waiter* next_ = nullptr;
    WaitList* list_ = nullptr;
};

class WaitList {
public:
    WaitList() = default;
    WaitList(const WaitList&) = delete;
    WaitList& operator=(const WaitList&) = delete;
    ~WaitList() {
        while (head_)
            pop_front();
    }

    bool empty() const { return head_ == nullptr; }
    std::size_t size() const { return size_; }
    Waiter* front() const { return head_; }

    void push_back(Waiter& w) {
        w.unlink();
        w.list_ = this;
        w.prev_ = tail_;
        w.next_ = nullptr;
        if (tail_)
            tail_->next_ = &w;
        else
            head_ = &w;
        tail_ = &w;
        ++size_;
    }

    Waiter* pop_front() {
        Waiter* w = head_;
        if (w)
            remove(*w);
        return w;
    }

    void remove(Waiter& w) {
        if (w.list_ != this)
            return;
        (w.prev_ ? w.prev_->next_ : head_) = w.next_;
        (w.next_ ? w.next_->prev_ : tail_) = w.prev_;
        w.prev_ = w.next_ = nullptr;
        w.list_ = nullptr;
        --size_;
    }

private:
    Waiter* head_ = nullptr;
    Waiter* tail_ = nullptr;
    std::size_t size_ = 0;
};

inline void Waiter::unlink() {
    if (list_)
        list_->remove(*this);
}

} // namespace il::coro::detail
