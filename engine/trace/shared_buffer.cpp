#include "trace/shared_buffer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace il::trace {

namespace {
constexpr std::uint64_t kMagic = 0x494c545243303031ull; // "ILTRC001"
constexpr std::size_t kPage = 4096;

constexpr std::size_t round_up(std::size_t n, std::size_t to) {
    return (n + to - 1) / to * to;
}
} // namespace

// Everything both sides read. Plain fields are written by the parent before
// the child exists; atomics carry what the child publishes.
struct SharedBuffer::Header {
    std::uint64_t magic;
    std::uint64_t size;   // bytes of the whole segment
    std::uint64_t budget; // records the child may keep
    LaneId lane;
    std::uint32_t max_chunks;
    std::uint64_t slots_offset;  // first ThreadBuffer slot
    std::uint64_t chunks_offset; // first Chunk
    std::atomic<std::uint64_t> child_base{0};
    std::atomic<std::uint32_t> buffers{0}; // slots handed out (and constructed)
    std::atomic<std::uint32_t> chunks{0};  // chunks handed out
    std::atomic<std::int32_t> ended{0};
    std::atomic<std::int64_t> end_tick{0};
    std::atomic<std::uint32_t> error_len{0};
    char error[kMaxError];
};

SharedBuffer::SharedBuffer(int fd, void* base, std::size_t size)
    : fd_(fd), base_(base), size_(size) {}

SharedBuffer::~SharedBuffer() {
    ::munmap(base_, size_);
    close_fd();
}

void SharedBuffer::close_fd() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

SharedBuffer::Header& SharedBuffer::header() const {
    return *static_cast<Header*>(base_);
}

std::shared_ptr<SharedBuffer> SharedBuffer::create(std::uint64_t budget, LaneId lane) {
    // Every thread may hold one partly used chunk beyond what the budget fills.
    const std::uint64_t chunks = (budget + detail::Chunk::kRecords - 1) / detail::Chunk::kRecords +
                                 std::min<std::uint64_t>(kMaxThreads, 4);
    const std::size_t slots = round_up(sizeof(Header), 64);
    const std::size_t chunk0 = round_up(slots + kMaxThreads * sizeof(detail::ThreadBuffer), kPage);
    const std::size_t size = chunk0 + chunks * sizeof(detail::Chunk);

    int fd = ::memfd_create("interleave-trace", MFD_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "memfd_create (trace buffer)");
    // A sparse file: only the pages the child really writes take memory.
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
        int e = errno;
        ::close(fd);
        throw std::system_error(e, std::generic_category(), "ftruncate (trace buffer)");
    }
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        int e = errno;
        ::close(fd);
        throw std::system_error(e, std::generic_category(), "mmap (trace buffer)");
    }
    auto* h = new (base) Header{};
    h->magic = kMagic;
    h->size = size;
    h->budget = budget;
    h->lane = lane;
    h->max_chunks = static_cast<std::uint32_t>(chunks);
    h->slots_offset = slots;
    h->chunks_offset = chunk0;
    return std::shared_ptr<SharedBuffer>(new SharedBuffer(fd, base, size));
}

std::shared_ptr<SharedBuffer> SharedBuffer::attach(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header)))
        throw std::runtime_error("fd " + std::to_string(fd) + " is not a trace buffer");
    const auto size = static_cast<std::size_t>(st.st_size);
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
        throw std::system_error(errno, std::generic_category(), "mmap (trace buffer)");
    const auto* h = static_cast<const Header*>(base);
    if (h->magic != kMagic || h->size != size) {
        ::munmap(base, size);
        throw std::runtime_error("fd " + std::to_string(fd) + " is not a trace buffer");
    }
    ::close(fd);
    return std::shared_ptr<SharedBuffer>(new SharedBuffer(-1, base, size));
}

std::uint64_t SharedBuffer::budget() const {
    return header().budget;
}

LaneId SharedBuffer::lane() const {
    return header().lane;
}

void SharedBuffer::publish_base() {
    header().child_base.store(reinterpret_cast<std::uintptr_t>(base_), std::memory_order_release);
}

detail::ThreadBuffer* SharedBuffer::new_thread_buffer() {
    Header& h = header();
    const std::uint32_t i = h.buffers.load(std::memory_order_relaxed);
    if (i >= kMaxThreads)
        return nullptr;
    auto* slot = reinterpret_cast<detail::ThreadBuffer*>(
        static_cast<char*>(base_) + h.slots_offset + i * sizeof(detail::ThreadBuffer));
    new (slot) detail::ThreadBuffer{};
    h.buffers.store(i + 1, std::memory_order_release); // the slot is constructed
    return slot;
}

detail::Chunk* SharedBuffer::new_chunk() {
    Header& h = header();
    const std::uint32_t i = h.chunks.load(std::memory_order_relaxed);
    if (i >= h.max_chunks)
        return nullptr;
    h.chunks.store(i + 1, std::memory_order_relaxed);
    auto* c = reinterpret_cast<detail::Chunk*>(static_cast<char*>(base_) + h.chunks_offset +
                                               i * sizeof(detail::Chunk));
    return new (c) detail::Chunk;
}

void SharedBuffer::set_ended(std::int64_t tick) {
    header().end_tick.store(tick, std::memory_order_relaxed);
    header().ended.store(1, std::memory_order_release);
}

void SharedBuffer::set_error(std::string_view text) {
    Header& h = header();
    const std::size_t n = std::min(text.size(), kMaxError);
    std::memcpy(h.error, text.data(), n);
    h.error_len.store(static_cast<std::uint32_t>(n), std::memory_order_release);
}

std::uint32_t SharedBuffer::buffer_count() const {
    return std::min(header().buffers.load(std::memory_order_acquire), kMaxThreads);
}

const detail::ThreadBuffer* SharedBuffer::buffer(std::uint32_t i) const {
    return reinterpret_cast<const detail::ThreadBuffer*>(
        static_cast<const char*>(base_) + header().slots_offset + i * sizeof(detail::ThreadBuffer));
}

const detail::Chunk* SharedBuffer::translate(const detail::Chunk* child_ptr) const {
    if (!child_ptr)
        return nullptr;
    const Header& h = header();
    const std::uintptr_t child_base = h.child_base.load(std::memory_order_acquire);
    const auto p = reinterpret_cast<std::uintptr_t>(child_ptr);
    if (child_base == 0 || p < child_base + h.chunks_offset)
        return nullptr;
    const std::uintptr_t offset = p - child_base;
    if ((offset - h.chunks_offset) % sizeof(detail::Chunk) != 0 ||
        offset + sizeof(detail::Chunk) > size_)
        return nullptr;
    return reinterpret_cast<const detail::Chunk*>(static_cast<const char*>(base_) + offset);
}

bool SharedBuffer::ended() const {
    return header().ended.load(std::memory_order_acquire) != 0;
}

std::int64_t SharedBuffer::end_tick() const {
    return ended() ? header().end_tick.load(std::memory_order_relaxed) : 0;
}

std::string SharedBuffer::error() const {
    const Header& h = header();
    const std::uint32_t n =
        std::min<std::uint32_t>(h.error_len.load(std::memory_order_acquire), kMaxError);
    return std::string(h.error, n);
}

std::uint64_t SharedBuffer::committed() const {
    std::uint64_t n = 0;
    for (std::uint32_t i = 0; i < buffer_count(); ++i)
        n += buffer(i)->committed.load(std::memory_order_acquire);
    return n;
}

std::uint64_t SharedBuffer::dropped() const {
    std::uint64_t n = 0;
    for (std::uint32_t i = 0; i < buffer_count(); ++i)
        n += buffer(i)->dropped.load(std::memory_order_relaxed);
    return n;
}

} // namespace il::trace
