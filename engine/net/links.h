// The links of an HTML page, for the crawler: the href of every <a> tag
// (any case, double-, single- or unquoted values, &amp; decoded), in page
// order. Not an HTML parser: enough for pages that real servers serve.
// Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace il::net {

std::vector<std::string> extract_links(std::string_view html);

} // namespace il::net
