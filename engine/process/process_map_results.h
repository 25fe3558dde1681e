// What ProcessPoolExecutor::map returns: the results of every input, read in
// input order, from calls that each ran a chunk of `chunksize` inputs (as
// CPython's map(fn, inputs, chunksize=...)). Reading an input whose chunk
// raised rethrows that exception (the whole chunk failed); a deadline from
// the map call bounds the whole iteration. When a result throws, or the
// results are destroyed, the chunks not yet read are cancelled (those
// already running finish), like executor::MapResults. For one lane at a time.
#pragma once

#include "executor/future.h"

#include <chrono>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace il::process {

class ProcessMapResults {
public:
    using Clock = std::chrono::steady_clock;
    using Chunk = executor::Future<std::vector<std::string>>;

    ProcessMapResults(std::vector<Chunk> chunks, std::size_t chunksize, std::size_t size,
                      std::optional<Clock::time_point> deadline)
        : chunks_(std::move(chunks)), chunksize_(chunksize), size_(size), deadline_(deadline) {}
    ~ProcessMapResults() { cancel_from(0); }
    ProcessMapResults(ProcessMapResults&&) = default;
    ProcessMapResults& operator=(ProcessMapResults&&) = default;

    // Result i: blocks until its chunk is done (il::TimeoutError past the
    // deadline), rethrows the chunk's exception.
    const std::string& at(std::size_t i) {
        const std::size_t c = i / chunksize_;
        Timeout left;
        if (deadline_)
            left = std::max(Clock::duration::zero(), *deadline_ - Clock::now());
        try {
            return chunks_[c].result(left)[i % chunksize_];
        } catch (...) {
            cancel_from(c);
            throw;
        }
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = std::string;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        iterator(ProcessMapResults* owner, std::size_t i) : owner_(owner), i_(i) {}
        const std::string& operator*() const { return owner_->at(i_); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        void operator++(int) { ++i_; }
        friend bool operator==(const iterator& x, const iterator& y) { return x.i_ == y.i_; }

    private:
        ProcessMapResults* owner_ = nullptr;
        std::size_t i_ = 0;
    };
    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, size_); }

    // All results, in input order (copies).
    std::vector<std::string> to_vector() {
        std::vector<std::string> out;
        out.reserve(size_);
        for (std::size_t i = 0; i < size_; ++i)
            out.push_back(at(i));
        return out;
    }

    std::size_t size() const { return size_; }
    std::size_t chunksize() const { return chunksize_; }
    // One future per call (per chunk), in input order.
    const std::vector<Chunk>& futures() const { return chunks_; }

private:
    void cancel_from(std::size_t c) {
        for (; c < chunks_.size(); ++c)
            if (chunks_[c].valid())
                chunks_[c].cancel();
    }

    std::vector<Chunk> chunks_;
    std::size_t chunksize_ = 1;
    std::size_t size_ = 0;
    std::optional<Clock::time_point> deadline_;
};

} // namespace il::process
