// Reading a whole file in a test (what a writer left behind). Test-only.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace il::test {

// The file's bytes; empty when it cannot be read (the caller checks existence).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace il::test
