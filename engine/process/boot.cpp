#include "process/boot.h"

#include "process/errors.h"
#include "process/wire.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il::process::detail {

namespace {
constexpr std::string_view kMagic = "ILBOOT1";
}

int make_boot_fd() {
    int fd = ::memfd_create("interleave-boot", MFD_CLOEXEC);
    if (fd < 0)
        throw ProcessError(std::string("memfd_create failed for the worker's start data: ") +
                           std::strerror(errno));
    return fd;
}

void write_boot(int fd, const Boot& b) {
    Writer w;
    w.bytes(kMagic).bytes(b.task).i64(b.lane).i64(b.lane_object).i64(b.trace_fd).strings(b.args);
    w.i64(static_cast<std::int64_t>(b.objects.size()));
    for (const Shareable& s : b.objects) {
        w.bytes(s.kind).i64(static_cast<std::int64_t>(s.ints.size()));
        for (std::int64_t v : s.ints)
            w.i64(v);
        w.i64(static_cast<std::int64_t>(s.fds.size()));
        for (int fd : s.fds)
            w.i64(fd);
    }
    const std::string& data = w.str();
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw ProcessError(std::string("cannot write the worker's start data: ") +
                               std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
}

Boot read_boot(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw ProcessError("descriptor " + std::to_string(fd) + " is not open");
    std::string data(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::pread(fd, data.data() + done, data.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    data.resize(done);
    Reader r(data);
    if (r.bytes() != kMagic)
        throw ProcessError("descriptor " + std::to_string(fd) + " holds no worker start data");
    Boot b;
    b.task = r.bytes();
    b.lane = static_cast<trace::LaneId>(r.i64());
    b.lane_object = static_cast<trace::ObjectId>(r.i64());
    b.trace_fd = static_cast<int>(r.i64());
    b.args = r.strings();
    const std::int64_t n = r.i64();
    for (std::int64_t i = 0; i < n; ++i) {
        Shareable s;
        s.kind = r.bytes();
        const std::int64_t ni = r.i64();
        for (std::int64_t k = 0; k < ni; ++k)
            s.ints.push_back(r.i64());
        const std::int64_t nf = r.i64();
        for (std::int64_t k = 0; k < nf; ++k)
            s.fds.push_back(static_cast<int>(r.i64()));
        b.objects.push_back(std::move(s));
    }
    return b;
}

} // namespace il::process::detail
