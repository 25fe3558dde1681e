#include "webserver/detail/raw_client.h"

#include "net/detail/response_parser.h"
#include "net/errors.h"
#include "trace/registry.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace il::webserver::detail {

RawClient::RawClient(Session& session, const Wakeups& wake, std::uint16_t port, std::string name) {
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0)
        throw net::ConnectionError(std::string("cannot make a socket: ") + std::strerror(errno));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // A blocking connect: on loopback it is answered at once (accepted into
    // the backlog, or refused).
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        const int e = errno;
        const std::string where = "127.0.0.1:" + std::to_string(port);
        if (e == ECONNREFUSED)
            throw net::ConnectionRefusedError("cannot connect to " + where +
                                              ": connection refused (nothing listens there)");
        throw net::ConnectionError("cannot connect to " + where + ": " + std::strerror(e));
    }
    const int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const trace::ObjectId object =
        session.registry().add_object(trace::ObjectKind::Socket, std::move(name));
    socket_ = std::make_unique<BlockingSocket>(session, wake, fd.release(), object);
}

bool RawClient::send(std::string_view bytes, std::chrono::nanoseconds byte_delay) {
    constexpr auto kStep = std::chrono::seconds(30);
    if (byte_delay.count() <= 0)
        return socket_->write_all(bytes, kStep) == IoStatus::Ok;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0 && socket_->sleep(byte_delay) != IoStatus::Ok)
            return false;
        if (socket_->write_all(bytes.substr(i, 1), kStep) != IoStatus::Ok)
            return false;
    }
    return true;
}

std::optional<net::ClientResponse> RawClient::read_reply(std::chrono::nanoseconds timeout,
                                                         std::string& error) {
    using State = net::detail::ResponseParser::State;
    net::ClientOptions options;
    options.timeout = timeout;
    net::detail::ResponseParser parser(false, options, {});
    std::vector<char> buf(16 * 1024);
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (!buffered_.empty()) {
            buffered_.erase(0, parser.feed(buffered_.data(), buffered_.size()));
            if (parser.state() != State::NeedMore)
                break;
        }
        std::size_t got = 0;
        const IoStatus s = socket_->read_some(
            buf.data(), buf.size(), got, false,
            std::max(deadline - Clock::now(), Clock::duration(std::chrono::milliseconds(1))));
        if (s == IoStatus::Closed) {
            parser.feed_eof();
            break;
        }
        if (s != IoStatus::Ok) {
            error = s == IoStatus::Timeout  ? "no reply in time"
                    : s == IoStatus::Failed ? "the connection was reset"
                                            : "stopped";
            return std::nullopt;
        }
        buffered_.append(buf.data(), got);
    }
    if (parser.state() != State::Complete) {
        error = parser.error();
        return std::nullopt;
    }
    return parser.take();
}

bool RawClient::closed_by_peer(std::chrono::nanoseconds timeout) {
    std::vector<char> buf(4096);
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        std::size_t got = 0;
        const IoStatus s = socket_->read_some(
            buf.data(), buf.size(), got, false,
            std::max(deadline - Clock::now(), Clock::duration(std::chrono::milliseconds(1))));
        if (s == IoStatus::Closed || s == IoStatus::Failed)
            return true;
        if (s != IoStatus::Ok)
            return false;
    }
    return false;
}

} // namespace il::webserver::detail
