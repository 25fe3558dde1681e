// A folder of its own under $TMPDIR (or /tmp), made with mkdtemp and
// removed with everything in it when the TempDir goes away.
// Not thread-safe; move-only.
#pragma once

#include <string>

namespace il::wordcount {

class TempDir {
public:
    // Throws std::runtime_error("cannot make a temporary folder: <reason>").
    explicit TempDir(const std::string& prefix = "interleave");
    ~TempDir();
    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&&) = delete;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_; // empty once moved from
};

} // namespace il::wordcount
