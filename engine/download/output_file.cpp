#include "download/output_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il::download {

namespace fs = std::filesystem;

OutputFile::OutputFile(std::string target) : target_(std::move(target)) {
    if (target_.empty())
        throw OutputError("no output path given: name the file to write");
    std::error_code ec;
    if (fs::is_directory(target_, ec))
        throw OutputError("cannot write the output '" + target_ +
                          "': it is a folder; name a file inside it");
    const fs::path parent = fs::path(target_).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec))
        throw OutputError("cannot write the output '" + target_ + "': its folder '" +
                          parent.string() + "' does not exist");
    // Same folder as the target, so commit() is a rename within one file system.
    std::string templ = target_ + ".part-XXXXXX";
    std::vector<char> name(templ.begin(), templ.end());
    name.push_back('\0');
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0)
        throw OutputError("cannot write the output '" + target_ + "': " + std::strerror(errno));
    temp_ = name.data();
    // mkostemp makes the file private (0600); a downloaded file is an ordinary one.
    ::fchmod(fd_, 0644);
}

OutputFile::~OutputFile() {
    discard();
}

void OutputFile::fail(const std::string& what, int error) const {
    throw OutputError("cannot write the output '" + target_ + "': " + what + ": " +
                      std::strerror(error));
}

void OutputFile::allocate(std::uint64_t size) {
    if (size == 0)
        return;
    const int e = ::posix_fallocate(fd_, 0, static_cast<off_t>(size));
    if (e == 0)
        return;
    const std::string what = "cannot reserve " + std::to_string(size) + " bytes";
    if (e != EOPNOTSUPP && e != EINVAL)
        fail(what, e);
    // File systems without fallocate: at least set the size (holes fill in as parts write).
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
        fail(what, errno);
}

void OutputFile::write_at(std::uint64_t offset, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) // (0: no progress on a regular file; never loop on it)
            fail("writing at byte " + std::to_string(offset) + " failed", n < 0 ? errno : EIO);
        bytes.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

void OutputFile::truncate(std::uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
        fail("cannot set the size to " + std::to_string(size) + " bytes", errno);
}

void OutputFile::commit() {
    if (done_)
        throw OutputError("the output '" + target_ + "' was already committed or discarded");
    if (::close(std::exchange(fd_, -1)) != 0) {
        const int e = errno;
        discard();
        fail("closing failed", e);
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int e = errno;
        discard();
        fail("renaming '" + temp_ + "' to it failed", e);
    }
    done_ = true;
}

void OutputFile::discard() {
    if (fd_ >= 0)
        ::close(std::exchange(fd_, -1));
    if (!done_ && !temp_.empty())
        ::unlink(temp_.c_str());
    done_ = true;
}

} // namespace il::download
