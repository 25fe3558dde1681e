#include "webserver/detail/core.h"

#include "net/errors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace il::webserver::detail {

ServerStats Core::stats() const {
    ServerStats s;
    s.requests = requests.load();
    s.bad_requests = bad_requests.load();
    s.connections = connections.load();
    s.open_connections = open.load();
    s.in_flight = in_flight.load();
    s.aborted = aborted.load();
    s.timed_out = timed_out.load();
    s.closed_unserved = closed_unserved.load();
    return s;
}

void Fd::reset() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

Listener listen_loopback(std::uint16_t port) {
    Listener l;
    l.fd = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const int fd = l.fd.get();
    if (fd < 0)
        throw net::ServerError(std::string("cannot make a socket: ") + std::strerror(errno));
    const int one = 1;
    // Lets a fixed port be reused while old connections linger in TIME_WAIT;
    // a port another program listens on still fails (EADDRINUSE).
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(fd, SOMAXCONN) != 0) {
        const int e = errno;
        const std::string p = std::to_string(port);
        if (e == EADDRINUSE)
            throw net::ServerError("port " + p +
                                   " is in use; choose another or 0 for any free port");
        if (e == EACCES)
            throw net::ServerError("port " + p +
                                   " needs privileges (ports below 1024); choose another or 0 "
                                   "for any free port");
        throw net::ServerError("cannot listen on 127.0.0.1:" + p + ": " + std::strerror(e));
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    l.port = ntohs(a.sin_port);
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    l.address = text;
    return l;
}

Conversation::Conversation(Core& core, std::uint64_t number)
    : core_(core), number_(number), parser_(core.options.limits) {}

std::optional<Reply> Conversation::next(bool keep_alive) {
    using State = net::RequestParser::State;
    if (refused_)
        return std::nullopt;
    if (parser_.state() == State::NeedMore && !pending_.empty())
        pending_.erase(0, parser_.feed(pending_.data(), pending_.size()));
    Reply r;
    switch (parser_.state()) {
    case State::NeedMore:
        return std::nullopt;
    case State::Error:
        refused_ = true;
        r.bad = true;
        r.method = "-";
        r.target = parser_.error_text();
        r.parsed = Clock::now();
        r.prepared = net::prepare_error(parser_.error_status(), parser_.error_text());
        ++core_.in_flight;
        return r;
    case State::Complete:
        break;
    }
    net::Request req = parser_.take();
    req.origin = core_.origin;
    r.method = req.method;
    r.target = req.target;
    r.parsed = Clock::now();
    ++core_.in_flight;
    r.prepared = net::prepare(req, core_.router.handle(req), keep_alive);
    return r;
}

bool Conversation::mid_request() const {
    return parser_.in_progress() || (!pending_.empty() && !refused_);
}

void Conversation::done(const Reply& reply, bool sent) {
    --core_.in_flight;
    if (!sent)
        ++core_.aborted;
    else if (reply.bad)
        ++core_.bad_requests;
    else
        ++core_.requests;
    if (sent && core_.options.log)
        core_.options.log(
            {reply.method, reply.target, reply.prepared.status,
             std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - reply.parsed)
                 .count(),
             number_});
}

ReplyBytes::ReplyBytes(const net::Prepared& p)
    : p_(p), stop_at_(p.body ? std::min(p.length, p.drop_after.value_or(p.length)) : 0) {}

bool ReplyBytes::next(std::string& out) {
    out.clear();
    if (!head_done_) {
        head_done_ = true;
        out = p_.head;
        if (p_.head_only)
            return true;
    } else if (p_.head_only) {
        return false;
    }
    constexpr std::size_t kFraming = 32; // a chunk's size line and CRLF
    while (sent_ < stop_at_ && out.size() + kFraming < kPiece) {
        const std::size_t room = kPiece - out.size() - (p_.chunked ? kFraming : 0);
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(stop_at_ - sent_, room));
        if (p_.chunked)
            out += net::chunk_size_line(n);
        const std::size_t at = out.size();
        out.resize(at + n);
        p_.body->read(p_.offset + sent_, out.data() + at, n);
        if (p_.chunked)
            out += "\r\n";
        sent_ += n;
    }
    if (p_.chunked && sent_ == stop_at_ && !cut() && !last_chunk_done_ &&
        out.size() + net::kLastChunk.size() <= kPiece) {
        out += net::kLastChunk;
        last_chunk_done_ = true;
    }
    return !out.empty();
}

} // namespace il::webserver::detail
