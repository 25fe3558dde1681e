// What Executor.map returns: the futures of all the calls, read in input
// order. Iterating calls result() on each in turn, so, as with Python's lazy
// map, the first exception in input order is rethrown when iteration gets
// there, and a deadline (from the map call) applies to the whole iteration.
// When a result() throws, or the MapResults is destroyed, the calls not yet
// read are cancelled (those already running still finish), as CPython's
// generator does when it is closed. For one lane at a time.
#pragma once

#include "executor/future.h"

#include <chrono>
#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

namespace il::executor {

template <class R> class MapResults {
public:
    using Clock = std::chrono::steady_clock;

    MapResults(std::vector<Future<R>> futures, std::optional<Clock::time_point> deadline)
        : fs_(std::move(futures)), deadline_(deadline) {}
    ~MapResults() { cancel_from(0); }
    MapResults(MapResults&&) = default;
    MapResults& operator=(MapResults&&) = default;

    // Result i: blocks until it is there (or the deadline passes:
    // il::TimeoutError), rethrows its exception.
    const R& at(std::size_t i) {
        Timeout left;
        if (deadline_)
            left = std::max(Clock::duration::zero(), *deadline_ - Clock::now());
        try {
            return fs_[i].result(left);
        } catch (...) {
            cancel_from(i);
            throw;
        }
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = R;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        iterator(MapResults* owner, std::size_t i) : owner_(owner), i_(i) {}
        const R& operator*() const { return owner_->at(i_); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        void operator++(int) { ++i_; }
        friend bool operator==(const iterator& x, const iterator& y) { return x.i_ == y.i_; }

    private:
        MapResults* owner_ = nullptr;
        std::size_t i_ = 0;
    };
    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, fs_.size()); }

    // All results, in input order (copies).
    std::vector<R> to_vector() {
        std::vector<R> out;
        out.reserve(fs_.size());
        for (std::size_t i = 0; i < fs_.size(); ++i)
            out.push_back(at(i));
        return out;
    }

    std::size_t size() const { return fs_.size(); }
    const std::vector<Future<R>>& futures() const { return fs_; }

private:
    void cancel_from(std::size_t i) {
        for (; i < fs_.size(); ++i)
            if (fs_[i].valid())
                fs_[i].cancel();
    }

    std::vector<Future<R>> fs_;
    std::optional<Clock::time_point> deadline_;
};

} // namespace il::executor
