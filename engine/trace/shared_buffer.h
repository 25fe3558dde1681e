// A child process's trace buffer: one anonymous shared-memory segment that
// the child records into and the parent maps and reads.
//
// The segment holds a header, up to kMaxThreads ThreadBuffers and a pool of
// Chunks, laid out exactly as the in-process recorder keeps them, so the
// child's Recorder appends with its ordinary hot path (recorder.h). Only
// pointers differ between the two mappings: the child publishes its base
// address and the parent translates every chunk pointer it follows, checking
// it stays inside the segment (a broken child cannot make the parent read
// outside it).
//
// The segment is a memfd: it never has a name, so nothing is ever left in
// /dev/shm, and it disappears with its last mapping and descriptor.
//
// Thread-safety: the child side (new_thread_buffer, new_chunk, set_*) is
// called by the child's Recorder under its own mutex; the parent side reads
// concurrently with the child writing, through acquire loads only.
#pragma once

#include "trace/recorder.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace il::trace {

class SharedBuffer {
public:
    static constexpr std::uint32_t kMaxThreads = 16; // threads a child may record from
    static constexpr std::size_t kMaxError = 1024;   // bytes of the child's error text

    // Parent: a new segment for `budget` records of the child whose main lane
    // is `lane`. Throws std::system_error when the kernel refuses.
    static std::shared_ptr<SharedBuffer> create(std::uint64_t budget, LaneId lane);
    // Child: maps the segment behind `fd` (which it then closes). Throws
    // std::runtime_error when it is not a trace segment.
    static std::shared_ptr<SharedBuffer> attach(int fd);

    ~SharedBuffer();
    SharedBuffer(const SharedBuffer&) = delete;
    SharedBuffer& operator=(const SharedBuffer&) = delete;

    // The descriptor to hand to the child (-1 once closed). The parent closes
    // it once the child has it: the mapping keeps the memory alive.
    int fd() const { return fd_; }
    void close_fd();

    std::uint64_t budget() const;
    LaneId lane() const;

    // ---- child side (the child's Recorder) ----
    // Publishes this mapping's address, so the parent can translate pointers.
    void publish_base();
    detail::ThreadBuffer* new_thread_buffer(); // nullptr when all slots are taken
    detail::Chunk* new_chunk();                // nullptr when the pool is spent
    // The child's lane ended at `tick` (its LaneEnd); the parent's Joined follows it.
    void set_ended(std::int64_t tick);
    // What went wrong in the child (an exception's message), for the parent.
    void set_error(std::string_view text);

    // ---- parent side ----
    std::uint32_t buffer_count() const;
    const detail::ThreadBuffer* buffer(std::uint32_t i) const;
    // The parent's address of a chunk pointer read from the child; nullptr
    // for nullptr or anything outside the segment.
    const detail::Chunk* translate(const detail::Chunk* child_ptr) const;
    bool ended() const;
    std::int64_t end_tick() const;
    std::string error() const;
    // Records the child kept and dropped so far (all its threads).
    std::uint64_t committed() const;
    std::uint64_t dropped() const;

private:
    struct Header;
    SharedBuffer(int fd, void* base, std::size_t size);
    Header& header() const;

    int fd_;
    void* base_;
    std::size_t size_;
};

} // namespace il::trace
