// The bytes of a request both clients send: request line, Host, the
// caller's headers, Connection. Pure function, thread-safe.
#pragma once

#include "net/message.h"
#include "net/url.h"

#include <string>
#include <string_view>

namespace il::net::detail {

std::string request_text(std::string_view method, const Url& url, const Headers& headers,
                         bool keep_alive);

// Checks a method name (letters only), so a request line cannot be forged.
void check_method(std::string_view method);

} // namespace il::net::detail
