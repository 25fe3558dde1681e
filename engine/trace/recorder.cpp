#include "trace/recorder.h"

#include "trace/shared_buffer.h"

#include <algorithm>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace il::trace {

namespace detail {
constinit thread_local Binding t_binding;
}

namespace {

std::atomic<std::uint64_t> g_next_serial{1};

// Chunks a finished recorder gave back, for the next one: their pages are
// already faulted in, so a process that runs session after session (the GUI,
// a sweep) records into warm memory. Bounded, so memory stays bounded too.
class ChunkPool {
public:
    static constexpr std::size_t kMaxChunks = 256; // 32 MiB

    detail::Chunk* take() {
        {
            std::lock_guard g(mutex_);
            if (!free_.empty()) {
                detail::Chunk* c = free_.back();
                free_.pop_back();
                c->next.store(nullptr, std::memory_order_relaxed);
                return c;
            }
        }
        return new (std::nothrow) detail::Chunk;
    }

    void give(detail::Chunk* c) {
        {
            std::lock_guard g(mutex_);
            if (free_.size() < kMaxChunks) {
                free_.push_back(c);
                return;
            }
        }
        delete c;
    }

private:
    std::mutex mutex_;
    std::vector<detail::Chunk*> free_;
};

ChunkPool& chunk_pool() {
    static ChunkPool* pool = new ChunkPool; // never destroyed: threads may outlive statics
    return *pool;
}

// A key no other thread ever has, not even a later one: pthread_self() and
// OS thread ids are reused once a thread ends, and a new thread must never
// append to a finished thread's buffer.
std::atomic<std::uint64_t> g_next_thread_key{1};
constinit thread_local std::uint64_t t_thread_key = 0; // 0: not given yet

std::uint64_t this_thread_key() {
    if (t_thread_key == 0)
        t_thread_key = g_next_thread_key.fetch_add(1);
    return t_thread_key;
}

std::int32_t os_thread_id() {
    return static_cast<std::int32_t>(::syscall(SYS_gettid));
}

// Copies the first `n` committed records of a buffer, following its chunks
// through `next_of` (identity in-process; a checked translation for a child's).
template <class Next>
void copy_records(const detail::Chunk* c, std::uint64_t n, std::vector<Record>& out, Next next_of) {
    while (n > 0 && c) {
        std::size_t take = std::min<std::uint64_t>(n, detail::Chunk::kRecords);
        out.insert(out.end(), c->records, c->records + take);
        n -= take;
        c = next_of(c->next.load(std::memory_order_acquire));
    }
}

} // namespace

Recorder::Recorder(std::uint64_t budget)
    : serial_(g_next_serial.fetch_add(1)), budget_(budget), start_ns_(clock::monotonic_ns()),
      unclaimed_(static_cast<std::int64_t>(budget)) {}

Recorder::~Recorder() {
    for (auto& buf : buffers_) {
        detail::Chunk* c = buf->head;
        while (c) {
            detail::Chunk* next = c->next.load(std::memory_order_relaxed);
            chunk_pool().give(c);
            c = next;
        }
    }
}

detail::ThreadBuffer* Recorder::buffer_for_this_thread() {
    const std::uint64_t key = this_thread_key();
    std::lock_guard g(buffers_mutex_);
    for (auto& buf : buffers_)
        if (buf->thread_key == key)
            return buf.get();
    if (arena_) {
        for (detail::ThreadBuffer* buf : arena_buffers_)
            if (buf->thread_key == key)
                return buf;
        if (detail::ThreadBuffer* buf = arena_->new_thread_buffer()) {
            buf->thread_key = key;
            arena_buffers_.push_back(buf);
            return buf;
        }
        // No slot left in the shared segment: this thread's records are dropped.
        buffers_.push_back(std::make_unique<detail::ThreadBuffer>());
        buffers_.back()->thread_key = key;
        buffers_.back()->exhausted = true;
        return buffers_.back().get();
    }
    buffers_.push_back(std::make_unique<detail::ThreadBuffer>());
    buffers_.back()->thread_key = key;
    return buffers_.back().get();
}

void Recorder::bind_slow() {
    detail::ThreadBuffer* buf = buffer_for_this_thread();
    // In a child the registry is the parent's: a new lane cannot be named
    // here, so unbound threads record as the child's own lane.
    if (buf->lane == 0)
        buf->lane = arena_ ? arena_->lane()
                           : registry_.add_lane("thread " + std::to_string(os_thread_id()),
                                                LaneKind::Thread);
    detail::t_binding = {serial_, buf, buf->lane};
}

void Recorder::bind_thread(LaneId lane) {
    detail::ThreadBuffer* buf = buffer_for_this_thread();
    buf->lane = lane;
    detail::t_binding = {serial_, buf, lane};
}

LaneId Recorder::current_lane() {
    if (detail::t_binding.serial != serial_)
        bind_slow();
    return detail::t_binding.lane;
}

bool Recorder::grow(detail::ThreadBuffer& buf) noexcept {
    if (buf.exhausted)
        return false;
    // Budget is claimed in small, shrinking slices (a sixteenth of what is
    // left, at most kClaim): a thread never sits on budget that a busier
    // thread could have used, so a run records close to its whole budget.
    std::int64_t left = unclaimed_.load(std::memory_order_relaxed);
    std::int64_t claim = 0;
    do {
        if (left <= 0) {
            buf.exhausted = true;
            return false;
        }
        claim = std::clamp<std::int64_t>(left / 16, 1, kClaim);
    } while (!unclaimed_.compare_exchange_weak(left, left - claim, std::memory_order_relaxed));

    if (buf.tail && buf.limit < kChunkRecords) {
        // Room left in the current chunk: extend it, and give back what does not fit.
        std::size_t fits = std::min<std::size_t>(kChunkRecords - buf.limit, std::size_t(claim));
        if (std::int64_t(fits) < claim)
            unclaimed_.fetch_add(claim - std::int64_t(fits), std::memory_order_relaxed);
        buf.limit += fits;
        return true;
    }
    detail::Chunk* chunk = arena_ ? arena_->new_chunk() : chunk_pool().take();
    if (!chunk) {
        unclaimed_.fetch_add(claim, std::memory_order_relaxed);
        return false;
    }
    if (buf.tail)
        buf.tail->next.store(chunk, std::memory_order_release);
    else {
        std::lock_guard g(buffers_mutex_); // snapshots read head under this mutex
        buf.head = chunk;
    }
    buf.tail = chunk;
    buf.used = 0;
    buf.limit = static_cast<std::size_t>(claim);
    return true;
}

Snapshot Recorder::snapshot() const {
    Snapshot s;
    s.lanes = registry_.lanes();
    s.objects = registry_.objects();
    s.budget = budget_;
    s.start_ns = start_ns_;

    const clock::Calibration cal = clock::Calibration::now();
    {
        std::lock_guard g(buffers_mutex_);
        for (const auto& buf : buffers_) {
            s.dropped += buf->dropped.load(std::memory_order_relaxed);
            std::uint64_t n = buf->committed.load(std::memory_order_acquire);
            copy_records(buf->head, n, s.records, [](const detail::Chunk* c) { return c; });
        }
        for (const Child& child : children_) {
            const SharedBuffer& sb = *child.buffer;
            for (std::uint32_t i = 0; i < sb.buffer_count(); ++i) {
                const detail::ThreadBuffer& buf = *sb.buffer(i);
                s.dropped += buf.dropped.load(std::memory_order_relaxed);
                std::uint64_t n = buf.committed.load(std::memory_order_acquire);
                if (n == 0) // head is only published with the first record
                    continue;
                auto next = [&sb](const detail::Chunk* c) { return sb.translate(c); };
                copy_records(next(buf.head), n, s.records, next);
            }
        }
        for (const auto& [lane, pid] : lane_pids_)
            if (lane < s.lanes.size())
                s.lanes[lane].pid = pid;
    }
    // Each thread's run is already ordered; a stable sort on the raw ticks
    // merges them (an effect is always at least one tick after its cause)
    // and keeps a thread's own order for records that share a tick. Then
    // ticks become nanoseconds, which preserves that order.
    std::stable_sort(s.records.begin(), s.records.end(),
                     [](const Record& x, const Record& y) { return x.t_ns < y.t_ns; });
    for (Record& r : s.records)
        r.t_ns = cal.to_ns(r.t_ns);

    const std::int64_t end = end_ns_.load(std::memory_order_acquire);
    s.finished = end != 0;
    s.end_ns = s.finished ? end : clock::monotonic_ns();
    if (!s.records.empty())
        s.end_ns = std::max(s.end_ns, s.records.back().t_ns);
    return s;
}

template <class At>
void Recorder::read_committed(const detail::ThreadBuffer& buf, Cursor::Position& pos, At at,
                              std::vector<Record>& out) {
    const std::uint64_t n = buf.committed.load(std::memory_order_acquire);
    if (n == 0)
        return;
    if (!pos.chunk)
        pos.chunk = at(buf.head);
    while (pos.taken < n && pos.chunk) {
        if (pos.offset == kChunkRecords) {
            const detail::Chunk* next = at(pos.chunk->next.load(std::memory_order_acquire));
            if (!next)
                break;
            pos.chunk = next;
            pos.offset = 0;
        }
        std::size_t take = std::min<std::uint64_t>(n - pos.taken, kChunkRecords - pos.offset);
        out.insert(out.end(), pos.chunk->records + pos.offset,
                   pos.chunk->records + pos.offset + take);
        pos.offset += take;
        pos.taken += take;
    }
}

std::vector<Record> Recorder::read_new(Cursor& cursor) const {
    std::vector<Record> out;
    {
        std::lock_guard g(buffers_mutex_);
        cursor.positions_.resize(buffers_.size());
        auto same = [](const detail::Chunk* c) { return c; };
        for (std::size_t i = 0; i < buffers_.size(); ++i)
            read_committed(*buffers_[i], cursor.positions_[i], same, out);
        cursor.child_positions_.resize(children_.size());
        for (std::size_t k = 0; k < children_.size(); ++k) {
            const SharedBuffer& sb = *children_[k].buffer;
            std::vector<Cursor::Position>& positions = cursor.child_positions_[k];
            positions.resize(sb.buffer_count());
            // A child's chunk pointers are its own: map them into our view.
            auto in_child = [&sb](const detail::Chunk* c) { return sb.translate(c); };
            for (std::uint32_t i = 0; i < positions.size(); ++i)
                read_committed(*sb.buffer(i), positions[i], in_child, out);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Record& x, const Record& y) { return x.t_ns < y.t_ns; });
    const clock::Calibration cal = clock::Calibration::now();
    for (Record& r : out)
        r.t_ns = cal.to_ns(r.t_ns);
    return out;
}

void Recorder::finish() {
    end_ns_.store(clock::monotonic_ns(), std::memory_order_release);
}

std::uint64_t Recorder::recorded() const {
    std::lock_guard g(buffers_mutex_);
    std::uint64_t n = 0;
    for (const auto& buf : buffers_)
        n += buf->committed.load(std::memory_order_acquire);
    for (const Child& child : children_)
        n += child.buffer->committed();
    return n;
}

std::uint64_t Recorder::dropped() const {
    std::lock_guard g(buffers_mutex_);
    std::uint64_t n = 0;
    for (const auto& buf : buffers_)
        n += buf->dropped.load(std::memory_order_relaxed);
    for (const Child& child : children_)
        n += child.buffer->dropped();
    return n;
}

std::int64_t Recorder::record_as(LaneId lane, std::int64_t not_before, Kind kind, ObjectId object,
                                 std::int64_t a, std::int32_t b, std::uint16_t c) noexcept {
    detail::Binding& t = detail::t_binding;
    if (t.serial != serial_) [[unlikely]]
        bind_slow();
    detail::Binding as = t;
    as.lane = lane;
    return append(as, not_before, kind, object, a, b, c);
}

std::shared_ptr<SharedBuffer> Recorder::open_child_buffer(LaneId lane) {
    // Claim the child's share of the budget up front; it may be less than a
    // quarter of what is left if others claim at the same moment (never more).
    std::int64_t left = unclaimed_.load(std::memory_order_relaxed);
    std::int64_t claim = 0;
    do {
        claim = std::clamp<std::int64_t>(left / 4, 0, static_cast<std::int64_t>(kChildBudget));
    } while (claim > 0 &&
             !unclaimed_.compare_exchange_weak(left, left - claim, std::memory_order_relaxed));
    std::shared_ptr<SharedBuffer> buffer;
    try {
        buffer = SharedBuffer::create(static_cast<std::uint64_t>(claim), lane);
    } catch (...) {
        unclaimed_.fetch_add(claim, std::memory_order_relaxed);
        throw;
    }
    std::lock_guard g(buffers_mutex_);
    children_.push_back(Child{buffer, false});
    return buffer;
}

void Recorder::close_child_buffer(const SharedBuffer& buffer) {
    std::lock_guard g(buffers_mutex_);
    for (Child& child : children_)
        if (child.buffer.get() == &buffer && !child.closed) {
            child.closed = true;
            const std::uint64_t used = std::min(buffer.committed(), buffer.budget());
            unclaimed_.fetch_add(static_cast<std::int64_t>(buffer.budget() - used),
                                 std::memory_order_relaxed);
        }
}

void Recorder::set_lane_pid(LaneId lane, std::int32_t pid) {
    std::lock_guard g(buffers_mutex_);
    lane_pids_.emplace_back(lane, pid);
}

void Recorder::record_into(std::shared_ptr<SharedBuffer> buffer) {
    std::lock_guard g(buffers_mutex_);
    buffer->publish_base();
    unclaimed_.store(static_cast<std::int64_t>(buffer->budget()), std::memory_order_relaxed);
    arena_ = std::move(buffer);
}

} // namespace il::trace
