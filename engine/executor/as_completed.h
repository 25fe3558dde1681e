// concurrent.futures.as_completed: the futures one by one as they finish.
//
// Those already done come first (in input order), then the others in the
// order they finish; each distinct future exactly once. Throws
// il::TimeoutError("N (of M) futures unfinished") when the timeout, counted
// from construction, passes before the next one finishes. Blocks on a
// detail::Waiter the futures report to (no polling). Recorded when next()
// blocks: WaitBegin (c = WaitReason::Future, object = the first pending
// future, b = how many are pending) .. Wake (object = the future that
// finished, a = its Set token) .. WaitEnd.
// For one lane at a time (like a Python generator); the futures may be
// completed from any thread. All futures must belong to one Session.
#pragma once

#include "executor/future.h"
#include "executor/wait.h" // detail::distinct

#include <chrono>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

namespace il::executor {

namespace detail {

class Waiter;

// The untyped machinery: positions into a list of distinct futures.
class AsCompletedCore {
public:
    AsCompletedCore(std::vector<AnyFuture> distinct_futures, Timeout timeout);
    ~AsCompletedCore(); // takes the waiter off every future
    AsCompletedCore(const AsCompletedCore&) = delete;
    AsCompletedCore& operator=(const AsCompletedCore&) = delete;

    std::optional<std::size_t> next();

private:
    std::vector<AnyFuture> fs_;
    std::unique_ptr<Waiter> waiter_;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    std::size_t yielded_ = 0; // how many of waiter_->finished were handed out
};

} // namespace detail

template <class F> class AsCompleted {
public:
    AsCompleted(const std::vector<F>& fs, Timeout timeout);

    // The next finished future; nullopt once all were handed out.
    std::optional<F> next() {
        std::optional<std::size_t> i = core_->next();
        if (!i)
            return std::nullopt;
        return fs_[*i];
    }

    // for (auto& f : as_completed(fs)) { ... }: ++ blocks like next().
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = F;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        explicit iterator(AsCompleted* owner) : owner_(owner), current_(owner->next()) {}
        const F& operator*() const { return *current_; }
        const F* operator->() const { return &*current_; }
        iterator& operator++() {
            current_ = owner_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return !it.current_; }

    private:
        AsCompleted* owner_ = nullptr;
        std::optional<F> current_;
    };
    iterator begin() { return iterator(this); }
    std::default_sentinel_t end() { return {}; }

private:
    std::vector<F> fs_; // distinct, in input order
    std::unique_ptr<detail::AsCompletedCore> core_;
};

template <class F>
AsCompleted<F> as_completed(const std::vector<F>& fs, Timeout timeout = std::nullopt) {
    return AsCompleted<F>(fs, timeout);
}

template <class F> AsCompleted<F>::AsCompleted(const std::vector<F>& fs, Timeout timeout) {
    std::vector<AnyFuture> all;
    all.reserve(fs.size());
    for (const F& f : fs)
        all.push_back(any_future(f));
    std::vector<AnyFuture> unique;
    for (std::size_t p : detail::distinct(all)) {
        fs_.push_back(fs[p]);
        unique.push_back(std::move(all[p]));
    }
    core_ = std::make_unique<detail::AsCompletedCore>(std::move(unique), timeout);
}

} // namespace il::executor
