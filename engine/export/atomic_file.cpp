#include "export/atomic_file.h"

#include "export/export_error.h"

#include <atomic>
#include <cerrno>
#include <ostream>
#include <streambuf>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il::exporter {

namespace {

[[noreturn]] void fail(const std::string& path, int err) {
    throw ExportError(path, "cannot write '" + path + "': " + std::system_category().message(err));
}

// An output buffer straight onto a file descriptor that remembers the first
// write error (errno), so the caller can report the OS's reason.
class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override {
        if (!drain())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n <= epptr() - pptr()) {
            traits_type::copy(pptr(), s, static_cast<std::size_t>(n));
            pbump(static_cast<int>(n));
            return n;
        }
        if (!drain() || !write_all(s, static_cast<std::size_t>(n)))
            return 0;
        return n;
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buf_, buf_ + sizeof buf_);
        return ok;
    }
    bool write_all(const char* p, std::size_t n) {
        while (n > 0 && error_ == 0) {
            ssize_t w = ::write(fd_, p, n);
            if (w < 0) {
                if (errno != EINTR)
                    error_ = errno;
                continue;
            }
            p += w;
            n -= static_cast<std::size_t>(w);
        }
        return error_ == 0;
    }

    int fd_;
    int error_ = 0;
    char buf_[1 << 16];
};

std::atomic<unsigned> g_serial{0}; // makes temporary names unique within the process

// Closes and removes the temporary file unless committed.
struct Temporary {
    std::string path;
    int fd = -1;
    bool committed = false;
    ~Temporary() {
        if (fd >= 0)
            ::close(fd);
        if (!committed && !path.empty())
            ::unlink(path.c_str());
    }
};

} // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
    if (path.empty())
        fail(path, ENOENT);
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty())
        fail(path, EISDIR);

    Temporary tmp;
    for (int attempt = 0; tmp.fd < 0; ++attempt) {
        std::string name = (slash == std::string::npos ? std::string() : dir) + "." + base +
                           ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(g_serial.fetch_add(1));
        // Mode 0666 minus the umask, like any new file; O_EXCL never reuses one.
        int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            tmp.fd = fd;
            tmp.path = std::move(name);
        } else if (errno != EEXIST || attempt > 100) {
            fail(path, errno);
        }
    }
    // Replacing a file keeps its permissions.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
        ::fchmod(tmp.fd, st.st_mode & 07777);

    FdBuffer buffer(tmp.fd);
    {
        std::ostream out(&buffer);
        write(out);
        out.flush();
        if (!out && buffer.error() == 0)
            fail(path, EIO);
    }
    if (buffer.error() != 0)
        fail(path, buffer.error());
    if (::fsync(tmp.fd) != 0)
        fail(path, errno);
    int fd = tmp.fd;
    tmp.fd = -1;
    if (::close(fd) != 0)
        fail(path, errno);
    if (::rename(tmp.path.c_str(), path.c_str()) != 0)
        fail(path, errno);
    tmp.committed = true;
    // Make the rename itself durable; a failure here loses nothing already written.
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

void write_file_atomically(const std::string& path, std::string_view content) {
    write_file_atomically(path, [&](std::ostream& out) {
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
    });
}

} // namespace il::exporter
