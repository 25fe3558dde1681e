// Why an export failed, in words for the person who asked for it: the path
// and the operating system's reason. Plain exception type.
#pragma once

#include <stdexcept>
#include <string>

namespace il::exporter {

struct ExportError : std::runtime_error {
    ExportError(std::string path, const std::string& message)
        : std::runtime_error(message), path_(std::move(path)) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace il::exporter
