// Which files a folder holds, for the data processor: every entry that is
// not a directory, found recursively, as sorted paths (so chunks, and the
// order of skipped/failed lists, are the same on every run).
//
// Symbolic links are listed as files, not followed into (no loops); a link
// to nothing is listed and later reported as unreadable by count_files.
// A sub-folder that cannot be read is reported, not fatal. Thread-safe.
#pragma once

#include "wordcount/count.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace il::wordcount {

struct Listing {
    std::vector<std::string> files;  // sorted
    std::vector<FileProblem> failed; // sub-folders that could not be read
};

// The folder itself missing or not a folder.
struct NotAFolder : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws NotAFolder("'<path>' does not exist" / "... is not a folder" /
// "cannot read '<path>': <reason>").
Listing list_files(const std::string& folder);

// `files` cut into consecutive chunks of `chunk_size` (the last may be
// shorter): what map() sends to one worker at a time. chunk_size >= 1.
std::vector<std::vector<std::string>> chunks_of(const std::vector<std::string>& files,
                                                std::size_t chunk_size);

} // namespace il::wordcount
