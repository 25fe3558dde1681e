// Waits on a group of tasks: the untyped halves of gather() (all done, or
// the first failure) and as_completed() (the next one done). Each registers
// a Future-kind object named after its tasks ("gather(fetch-1, fetch-2)")
// that the awaiting task's wait span names, and records a Joined (token 1,
// on the child's lane object) for every child it collects, inside the span
// (the last one is what woke it), then WaitEnd. Loop-thread only.
#pragma once

#include "coro/detail/task_core.h"

#include <coroutine>
#include <cstddef>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

namespace il::coro::detail {

// A child's end, forwarded to the group.
struct GroupLink : Waiter {
    void* group = nullptr;
    std::size_t index = 0;
};

class GatherWait : public Waiter {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    GatherWait(std::vector<TaskCore*> children, bool return_exceptions);
    GatherWait(GatherWait&&) noexcept = default;

    bool ready();
    bool suspend(std::coroutine_handle<> h);
    void resume();
    // The child whose exception gather raises (the first to fail), or npos.
    std::size_t failed() const { return failed_; }

private:
    bool complete() const;
    void child_done(std::size_t index, std::int64_t tick);
    void collect(); // Joined for every finished child, in the order they ended

    std::vector<TaskCore*> children_; // the typed wrapper's handles keep them alive
    bool return_exceptions_;
    trace::ObjectId object_ = 0;
    std::unique_ptr<GroupLink[]> links_;
    std::size_t finished_ = 0; // children done, counted while waiting (no rescans)
    std::size_t failed_ = npos;
};

class CompletionQueue;

// The awaiter of CompletionQueue's next child.
struct CompletionWaiter : Waiter {
    CompletionQueue* queue = nullptr;
};

class CompletionQueue {
public:
    explicit CompletionQueue(std::vector<TaskCore*> children);
    CompletionQueue(const CompletionQueue&) = delete;
    CompletionQueue& operator=(const CompletionQueue&) = delete;

    std::size_t remaining() const { return children_.size() - yielded_; }
    // The awaiter's three steps; take() returns the child's index.
    bool ready();
    bool suspend(CompletionWaiter& w, std::coroutine_handle<> h);
    std::size_t take(CompletionWaiter& w);

private:
    void child_done(std::size_t index);

    std::vector<TaskCore*> children_;
    trace::ObjectId object_ = 0;
    std::unique_ptr<GroupLink[]> links_;
    std::deque<std::size_t> done_; // finished, not yet handed out
    std::size_t yielded_ = 0;
    Waiter* waiting_ = nullptr;
};

// "gather(fetch-1, fetch-2, fetch-3)", shortened past a few names.
std::string group_name(std::string_view what, const std::vector<TaskCore*>& children);

} // namespace il::coro::detail
