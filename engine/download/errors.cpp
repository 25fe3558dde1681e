#include "download/errors.h"

namespace il::download {

std::string status_text(const net::ClientResponse& head) {
    std::string reason =
        head.reason.empty() ? std::string(net::reason_phrase(head.status)) : head.reason;
    return "HTTP " + std::to_string(head.status) + " " + reason;
}

bool is_retryable_status(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

void throw_for_status(const net::ClientResponse& head, const std::string& what) {
    if (head.status < 300)
        return;
    const std::string s = what + ": " + status_text(head);
    if (head.status < 400) {
        const auto to = head.header("Location");
        throw FatalError(s + (to ? " to " + std::string(*to) : std::string()) +
                         "; redirects are not followed: download the URL it names");
    }
    if (is_retryable_status(head.status))
        throw RetryableError(s);
    throw FatalError(s);
}

} // namespace il::download
