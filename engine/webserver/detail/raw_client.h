// A client that sends exact bytes, as slowly as asked, and reads replies
// with the HTTP clients' own response parser: the load generator's slow
// clients and the probes that send malformed or oversized requests.
// Recorded on the calling lane as BlockingSocket records (Io waits on the
// connection's Socket object, sleeps between bytes). One lane only.
#pragma once

#include "net/message.h"
#include "webserver/detail/blocking.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace il::webserver::detail {

class RawClient {
public:
    // Connects to 127.0.0.1:port. Throws net::ConnectionRefusedError or
    // net::ConnectionError.
    RawClient(Session& session, const Wakeups& wake, std::uint16_t port, std::string name);

    // Sends `bytes`, one at a time with `byte_delay` between them (all at
    // once for 0). False if the connection broke or a stop ended it.
    bool send(std::string_view bytes, std::chrono::nanoseconds byte_delay = {});
    // Reads one reply; nullopt with `error` set when none came whole.
    std::optional<net::ClientResponse> read_reply(std::chrono::nanoseconds timeout,
                                                  std::string& error);
    // Waits for the peer to close the connection (true) or the timeout (false).
    bool closed_by_peer(std::chrono::nanoseconds timeout);

private:
    std::unique_ptr<BlockingSocket> socket_;
    std::string buffered_; // bytes read past the last reply
};

} // namespace il::webserver::detail
