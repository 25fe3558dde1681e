#include "process/detail/shm.h"

#include "process/errors.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace il::process::detail {

namespace {
[[noreturn]] void fail(const char* call, const char* what, int err) {
    throw ProcessError(std::string(call) + " failed for " + what + ": " + std::strerror(err));
}
} // namespace

SharedMemory SharedMemory::create(std::size_t size, const char* what) {
    int fd = ::memfd_create("interleave-shm", MFD_CLOEXEC);
    if (fd < 0)
        fail("memfd_create", what, errno);
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
        int e = errno;
        ::close(fd);
        fail("ftruncate", what, e);
    }
    return attach(fd, size, what);
}

SharedMemory SharedMemory::attach(int fd, std::size_t size, const char* what) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) < size) {
        ::close(fd);
        throw ProcessError(std::string("descriptor ") + std::to_string(fd) + " is not the " + what +
                           " it should be");
    }
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        int e = errno;
        ::close(fd);
        fail("mmap", what, e);
    }
    SharedMemory m;
    m.fd_ = fd;
    m.data_ = p;
    m.size_ = size;
    return m;
}

SharedMemory::~SharedMemory() {
    if (data_)
        ::munmap(data_, size_);
    if (fd_ >= 0)
        ::close(fd_);
}

void SharedMemory::swap(SharedMemory& o) noexcept {
    std::swap(fd_, o.fd_);
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
}

} // namespace il::process::detail
