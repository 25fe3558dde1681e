// The data processor's messages as bytes, for the pipes between the parent
// and its workers: a chunk of paths one way, a CountResult the other.
// Little-endian fixed-width integers and length-prefixed strings; decode
// checks every length and throws std::runtime_error("malformed ...") on a
// truncated or corrupt message rather than reading past it. Pure; thread-safe.
#pragma once

#include "wordcount/count.h"

#include <string>
#include <string_view>
#include <vector>

namespace il::wordcount {

std::string encode_paths(const std::vector<std::string>& paths);
std::vector<std::string> decode_paths(std::string_view bytes);

std::string encode_result(const CountResult& result);
CountResult decode_result(std::string_view bytes);

} // namespace il::wordcount
