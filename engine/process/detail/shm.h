// An anonymous shared-memory mapping (memfd): made by the parent, mapped by
// every child it is passed to. It has no name, so nothing is ever left in
// /dev/shm; the memory goes away with its last descriptor and mapping.
// Move-only; not thread-safe itself (the memory's users synchronise).
#pragma once

#include <cstddef>
#include <utility>

namespace il::process::detail {

class SharedMemory {
public:
    SharedMemory() = default;
    // A zero-filled mapping of `size` bytes. Throws ProcessError.
    static SharedMemory create(std::size_t size, const char* what);
    // Maps the segment behind `fd` (taking ownership of fd). Throws ProcessError.
    static SharedMemory attach(int fd, std::size_t size, const char* what);

    SharedMemory(SharedMemory&& o) noexcept { swap(o); }
    SharedMemory& operator=(SharedMemory&& o) noexcept {
        SharedMemory(std::move(o)).swap(*this);
        return *this;
    }
    ~SharedMemory();

    void* data() const { return data_; }
    std::size_t size() const { return size_; }
    int fd() const { return fd_; }

private:
    void swap(SharedMemory& o) noexcept;
    int fd_ = -1;
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace il::process::detail
