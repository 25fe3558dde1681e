#include "wordcount/list_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace il::wordcount {

namespace fs = std::filesystem;

namespace {

void walk(const fs::path& dir, Listing& out) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        out.failed.push_back({dir.string(), ec.message()});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        // symlink_status: a link is a file here, never a folder to walk into.
        std::error_code sec;
        const fs::file_status st = it->symlink_status(sec);
        if (!sec && fs::is_directory(st))
            walk(it->path(), out);
        else
            out.files.push_back(it->path().string());
    }
    if (ec)
        out.failed.push_back({dir.string(), ec.message()});
}

} // namespace

Listing list_files(const std::string& folder) {
    std::error_code ec;
    const fs::file_status st = fs::status(folder, ec);
    if (ec || !fs::exists(st)) {
        if (ec && ec != std::errc::no_such_file_or_directory)
            throw NotAFolder("cannot read '" + folder + "': " + ec.message());
        throw NotAFolder("'" + folder + "' does not exist");
    }
    if (!fs::is_directory(st))
        throw NotAFolder("'" + folder + "' is not a folder");
    Listing out;
    fs::directory_iterator probe(folder, ec);
    if (ec)
        throw NotAFolder("cannot read '" + folder + "': " + ec.message());
    walk(folder, out);
    std::sort(out.files.begin(), out.files.end());
    std::sort(out.failed.begin(), out.failed.end(),
              [](const FileProblem& a, const FileProblem& b) { return a.path < b.path; });
    return out;
}

std::vector<std::vector<std::string>> chunks_of(const std::vector<std::string>& files,
                                                std::size_t chunk_size) {
    if (chunk_size == 0)
        chunk_size = 1;
    std::vector<std::vector<std::string>> out;
    for (std::size_t i = 0; i < files.size(); i += chunk_size)
        out.emplace_back(files.begin() + std::ptrdiff_t(i),
                         files.begin() + std::ptrdiff_t(std::min(files.size(), i + chunk_size)));
    return out;
}

} // namespace il::wordcount
