// SHA-256 of the file's bytes, for its closing checksum. Stateless.
#pragma once

#include <array>
#include <string_view>

namespace il::runfile::detail {

std::array<unsigned char, 32> sha256(std::string_view bytes);

} // namespace il::runfile::detail
