// Records what lanes do, for one session.
//
// Every OS thread appends to its own chunked buffer: no lock, and no
// allocation except one chunk per kChunkRecords records. Snapshots may be
// taken from any thread while recording goes on. A session has an event
// budget; past it, records are counted as dropped, never stored.
//
// Child processes: the parent gives each child a SharedBuffer (a part of
// this budget, in shared memory; open_child_buffer), the child's Recorder
// records into it (record_into), and the parent's snapshot() and read_new()
// merge its records with the parent's own on the same raw clock.
//
// Thread-safety: record(), record_as(), bind_thread() and current_lane() act
// for the calling thread only; everything else may be called from any thread.
// The Recorder must outlive every thread that records into it.
#pragma once

#include "trace/clock.h"
#include "trace/record.h"
#include "trace/registry.h"
#include "trace/snapshot.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace il::trace {

class SharedBuffer;

namespace detail {

struct Chunk {
    // 4095, not 4096: with the link below a chunk stays just under glibc's
    // 128 KiB mmap threshold (32 pages), so a record costs 32 bytes, not 33.
    static constexpr std::size_t kRecords = 4095;
    Record records[kRecords];
    std::atomic<Chunk*> next{nullptr}; // published by the owning thread, read by snapshots
};
static_assert(sizeof(Chunk) <= 128 * 1024, "a chunk must fit in 32 pages");

// One OS thread's records. Only the owning thread writes; snapshots read the
// first `committed` records, which are never written again.
struct ThreadBuffer {
    std::uint64_t thread_key = 0; // which thread owns it (unique for the process's life)
    LaneId lane = 0;              // the lane the owner records as
    Chunk* head = nullptr;
    Chunk* tail = nullptr;                   // owner only
    std::size_t used = 0;                    // owner only: records written into tail
    std::size_t limit = 0;                   // owner only: records of tail the budget allows
    bool exhausted = false;                  // owner only: the budget is spent
    std::int64_t last_tick = 0;              // owner only: the latest tick stamped
    std::atomic<std::uint64_t> committed{0}; // release-published record count
    std::atomic<std::uint64_t> dropped{0};
};

// The calling thread's binding to one recorder (a cache; see Recorder::bind_thread).
struct Binding {
    std::uint64_t serial = 0; // Recorder::serial_ this binding belongs to
    ThreadBuffer* buffer = nullptr;
    LaneId lane = 0;
};
// constinit: no dynamic initialisation, so other files reach it directly,
// without a TLS wrapper call on the hot path.
extern constinit thread_local Binding t_binding;
} // namespace detail

class Recorder {
public:
    static constexpr std::size_t kChunkRecords = detail::Chunk::kRecords;
    static constexpr std::uint64_t kDefaultBudget = 4u << 20; // 4 Mi records = 128 MiB
    static constexpr std::int64_t kClaim = 512;               // most budget a thread claims at once

    explicit Recorder(std::uint64_t budget = kDefaultBudget);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    Registry& registry() { return registry_; }
    const Registry& registry() const { return registry_; }

    // Appends one record for the calling thread's current lane. Lock-free,
    // allocation-free except when a chunk fills. Never throws. Returns the
    // raw tick it was stamped with (also when the budget dropped it).
    std::int64_t record(Kind kind, ObjectId object, std::int64_t a = 0, std::int32_t b = 0,
                        std::uint16_t c = 0) noexcept {
        return record_after(0, kind, object, a, b, c);
    }

    // The same, stamped no earlier than `not_before`: the tick record()
    // returned for this record's cause. rdtsc is not ordered with the memory
    // operations around it, and the cores' counters may differ by a few ns, so
    // an effect could otherwise read a tick a little before its cause's,
    // although the token proves the order. Effects pass their cause's tick.
    std::int64_t record_after(std::int64_t not_before, Kind kind, ObjectId object,
                              std::int64_t a = 0, std::int32_t b = 0,
                              std::uint16_t c = 0) noexcept {
        detail::Binding& t = detail::t_binding;
        if (t.serial != serial_) [[unlikely]]
            bind_slow();
        return append(t, not_before, kind, object, a, b, c);
    }

    // Appends a record for `lane` instead of the calling thread's lane (into
    // the calling thread's buffer): the process runtime ends the lane of a
    // child that was killed this way, since the child could not.
    std::int64_t record_as(LaneId lane, std::int64_t not_before, Kind kind, ObjectId object,
                           std::int64_t a = 0, std::int32_t b = 0, std::uint16_t c = 0) noexcept;

    // ---- child processes, parent side ----
    // A buffer for the child process whose main lane is `lane`, holding part
    // of what is left of the budget (a quarter, at most kChildBudget records).
    // Its records join snapshot() and read_new() at once. Throws
    // std::system_error if shared memory cannot be had.
    std::shared_ptr<SharedBuffer> open_child_buffer(LaneId lane);
    // The child ended: the budget it did not use goes back to the session.
    void close_child_buffer(const SharedBuffer& buffer);
    // Snapshots report `lane` as running in OS process `pid`.
    void set_lane_pid(LaneId lane, std::int32_t pid);
    static constexpr std::uint64_t kChildBudget = 1u << 20; // most records one child gets

    // ---- child processes, child side ----
    // From now on every thread of this process records into `buffer` (its
    // chunks and its part of the budget); threads that never bound a lane
    // record as the buffer's lane. Call before anything is recorded.
    void record_into(std::shared_ptr<SharedBuffer> buffer);

    // From now on the calling thread records as `lane` (coroutine runtimes
    // switch lanes on one thread this way).
    void bind_thread(LaneId lane);
    // The calling thread's lane; a thread that never bound one gets a lane
    // named after its OS thread id on first use.
    LaneId current_lane();

    // A merged, time-ordered copy of everything recorded so far.
    Snapshot snapshot() const;

    // Where a reader of new records has got to (one position per thread buffer).
    class Cursor {
        friend class Recorder;
        struct Position {
            const detail::Chunk* chunk = nullptr;
            std::size_t offset = 0;  // records read from `chunk`
            std::uint64_t taken = 0; // records read from the buffer
        };
        std::vector<Position> positions_;
        std::vector<std::vector<Position>> child_positions_; // per child buffer, per thread
    };
    // The records committed since `cursor` was last used, ordered by time
    // (in CLOCK_MONOTONIC ns), and the cursor moved past them. For live
    // readers (the run's monitor): cost is proportional to what is new.
    std::vector<Record> read_new(Cursor& cursor) const;
    // Marks the run as over: later snapshots say finished and stop the clock.
    void finish();

    std::uint64_t budget() const { return budget_; }
    std::uint64_t recorded() const;
    std::uint64_t dropped() const;
    std::int64_t start_ns() const { return start_ns_; }

private:
    // Appends one thread buffer's records committed since `pos`; `at` maps a
    // chunk pointer as its writer stored it to one this process can read.
    template <class At>
    static void read_committed(const detail::ThreadBuffer& buf, Cursor::Position& pos, At at,
                               std::vector<Record>& out);
    void bind_slow();
    detail::ThreadBuffer* buffer_for_this_thread();
    std::int64_t append(detail::Binding& t, std::int64_t not_before, Kind kind, ObjectId object,
                        std::int64_t a, std::int32_t b, std::uint16_t c) noexcept {
        detail::ThreadBuffer& buf = *t.buffer;
        // A thread's own records never go back in time, nor before their cause.
        // (+1 on the cause: strictly after it, so sorting by time keeps it first.)
        std::int64_t tick = std::max(clock::raw(), std::max(buf.last_tick, not_before + 1));
        buf.last_tick = tick;
        if (buf.used == buf.limit) [[unlikely]] {
            if (!grow(buf)) {
                buf.dropped.store(buf.dropped.load(std::memory_order_relaxed) + 1,
                                  std::memory_order_relaxed);
                return tick;
            }
        }
        buf.tail->records[buf.used++] = Record{tick, t.lane, object, kind, c, b, a};
        buf.committed.store(buf.committed.load(std::memory_order_relaxed) + 1,
                            std::memory_order_release);
        return tick;
    }
    bool grow(detail::ThreadBuffer& buf) noexcept; // next chunk within budget, false past it

    const std::uint64_t serial_; // unique per Recorder ever made in this process
    const std::uint64_t budget_;
    const std::int64_t start_ns_;
    std::atomic<std::int64_t> unclaimed_; // budget not yet handed to a chunk
    std::atomic<std::int64_t> end_ns_{0}; // set by finish()
    Registry registry_;

    mutable std::mutex buffers_mutex_; // guards buffers_ (the list, not their contents)
    std::vector<std::unique_ptr<detail::ThreadBuffer>> buffers_;

    // Parent side: the children's buffers (kept after they end: their records
    // stay in the trace), and the pids of their lanes. Guarded by buffers_mutex_.
    struct Child {
        std::shared_ptr<SharedBuffer> buffer;
        bool closed = false;
    };
    std::vector<Child> children_;
    std::vector<std::pair<LaneId, std::int32_t>> lane_pids_;
    // Child side: where this process records (null in the parent). Set once,
    // before any recording; buffers in it are listed in arena_buffers_.
    std::shared_ptr<SharedBuffer> arena_;
    std::vector<detail::ThreadBuffer*> arena_buffers_; // guarded by buffers_mutex_
};

} // namespace il::trace
