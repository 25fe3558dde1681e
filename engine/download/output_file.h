// Where a download's bytes go: a temporary file next to the target
// ("<target>.part-XXXXXX", in the same folder so the final rename is atomic),
// preallocated to the size, written in place by any number of parts at once
// (pwrite at each part's offset), and renamed to the target only by
// commit(), once the download is complete and verified. Destroyed without a
// commit it removes the temporary file: an interrupted or failed download
// never leaves a file that looks complete, and never touches an existing
// target. No fsync: the guarantee is about interrupted downloads, not power
// loss, and syncing a GiB would dominate every timing the scenario shows.
// write_at() may be called from any thread at once; the rest is for the
// owning lane.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace il::download {

// The output cannot be written: the message names the path and why.
struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class OutputFile {
public:
    // Creates the temporary file. Throws OutputError when the target is
    // empty, is a folder, or its folder is missing or not writable.
    explicit OutputFile(std::string target);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Reserves `size` bytes on disk (a full disk fails here, not mid-download).
    void allocate(std::uint64_t size);
    void write_at(std::uint64_t offset, std::string_view bytes);
    // Cuts the file to `size` bytes (a download of unknown size).
    void truncate(std::uint64_t size);

    const std::string& target() const { return target_; }
    const std::string& temp_path() const { return temp_; }

    // Closes the file and renames it to the target (replacing what was there).
    void commit();
    // Closes and removes the temporary file now. Idempotent.
    void discard();

private:
    [[noreturn]] void fail(const std::string& what, int error) const;

    std::string target_;
    std::string temp_;
    int fd_ = -1;
    bool done_ = false; // committed or discarded
};

} // namespace il::download
