// open_run: the file's bytes, read whole after checking it is a regular
// file of a sane size, then decode_run.
#include "export/export_error.h"
#include "runfile/runfile.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il::runfile {

namespace {

// Larger than any run this build writes by far (the default event budget is 128 MiB).
constexpr std::uint64_t kMaxFileBytes = std::uint64_t(4) << 30;

} // namespace

scenario::RunResult open_run(const std::string& path) {
    auto cannot = [&](const std::string& why) {
        return exporter::ExportError(path, "cannot read '" + path + "': " + why);
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw cannot(std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw cannot(std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw cannot("it is a directory");
    if (!S_ISREG(st.st_mode))
        throw cannot("it is not a regular file");
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > kMaxFileBytes)
        throw RunFileError("'" + path + "' is not a valid Interleave run: it is " +
                           std::to_string(size) + " bytes, more than the " +
                           std::to_string(kMaxFileBytes >> 30) + " GiB a run file can be");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw cannot(std::strerror(errno));
        if (n == 0)
            break; // shrank while read: decode what is there, which will say so
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return decode_run(bytes, path);
}

} // namespace il::runfile
