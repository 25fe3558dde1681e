#include "net/http_client.h"

#include "net/detail/request_text.h"
#include "net/detail/response_parser.h"
#include "net/errors.h"
#include "net/url.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <map>
#include <stop_token>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace il::net {

namespace {

using Clock = std::chrono::steady_clock;
using trace::Kind;
using trace::WaitResult;

struct Connection {
    int fd = -1;
    trace::ObjectId object = 0;
};

void close_fd(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

std::string errno_text(int e) {
    return std::strerror(e);
}

// How a wait for the socket ended.
enum class Ready { Yes, Timeout, Stopped };

} // namespace

struct HttpClient::Impl {
    Session& session;
    ClientOptions options;
    int wake_fd = -1; // readable once the session stops
    std::optional<std::stop_callback<std::function<void()>>> on_stop;
    std::map<std::string, Connection> idle; // kept-alive connections by authority
    std::uint64_t opened = 0;
    trace::ObjectId last_socket = 0;

    Impl(Session& s, ClientOptions o) : session(s), options(o) {
        wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake_fd < 0)
            throw std::runtime_error("cannot make an eventfd: " + errno_text(errno));
        on_stop.emplace(session.stop_token(), std::function<void()>([fd = wake_fd] {
                            const std::uint64_t one = 1;
                            [[maybe_unused]] auto n = ::write(fd, &one, sizeof one);
                        }));
    }

    ~Impl() {
        on_stop.reset(); // before the fd it writes to goes away
        close_all();
        close_fd(wake_fd);
    }

    void close_all() {
        for (auto& [k, c] : idle)
            close_fd(c.fd);
        idle.clear();
    }

    // Waits until `fd` is ready for `events`, the step's timeout passes or the session stops.
    Ready wait(int fd, short events) {
        pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
        const auto deadline = Clock::now() + options.timeout;
        for (;;) {
            if (session.stop_requested())
                return Ready::Stopped;
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0 && Clock::now() >= deadline)
                return Ready::Timeout;
            const int ms = static_cast<int>(std::max<std::int64_t>(left.count(), 1));
            const int r = ::poll(fds, 2, ms);
            if (r < 0 && errno != EINTR)
                throw ConnectionError(std::string("poll failed: ") + errno_text(errno));
            if (fds[1].revents)
                return Ready::Stopped;
            if (r > 0 && fds[0].revents)
                return Ready::Yes;
        }
    }

    // Opens a connection to `url`'s host and port; the caller records on `object`.
    int connect_to(const Url& url, Ready& how) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(url.port);
        if (int e = ::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found); e != 0)
            throw ConnectionError("cannot resolve host '" + url.host + "': " + gai_strerror(e));
        std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(found, ::freeaddrinfo);
        int last_error = ECONNREFUSED;
        for (addrinfo* a = found; a; a = a->ai_next) {
            int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                              a->ai_protocol);
            if (fd < 0) {
                last_error = errno;
                continue;
            }
            int r = ::connect(fd, a->ai_addr, a->ai_addrlen);
            if (r < 0 && errno == EINPROGRESS) {
                how = wait(fd, POLLOUT);
                if (how != Ready::Yes) {
                    ::close(fd);
                    return -1;
                }
                socklen_t len = sizeof last_error;
                int err = 0;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                r = err ? -1 : 0;
                errno = err;
            }
            if (r == 0) {
                int one = 1;
                ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                ++opened;
                return fd;
            }
            last_error = errno;
            ::close(fd);
        }
        const std::string where = url.origin();
        if (last_error == ECONNREFUSED)
            throw ConnectionRefusedError("cannot connect to " + where +
                                         ": connection refused (nothing listens there)");
        throw ConnectionError("cannot connect to " + where + ": " + errno_text(last_error));
    }

    // Sends all of `data`; false on a broken connection.
    Ready send_all(int fd, std::string_view data, int& error) {
        while (!data.empty()) {
            const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n >= 0) {
                data.remove_prefix(static_cast<std::size_t>(n));
                continue;
            }
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                error = errno;
                return Ready::Yes;
            }
            if (Ready r = wait(fd, POLLOUT); r != Ready::Yes)
                return r;
        }
        error = 0;
        return Ready::Yes;
    }

    // One attempt on one connection. Returns nullopt when a reused connection
    // turned out to be closed by the server before any reply byte (retry).
    std::optional<ClientResponse> exchange(Connection& c, bool reused, const Url& url,
                                           const std::string& text, bool head_request,
                                           const BodySink& sink, const std::string& what) {
        int error = 0;
        Ready r = send_all(c.fd, text, error);
        if (r != Ready::Yes)
            finish(c, r, what);
        if (error) {
            if (reused)
                return std::nullopt;
            throw ConnectionError(what + ": sending failed: " + errno_text(error));
        }
        detail::ResponseParser parser(head_request, options, sink);
        std::string buf(16 * 1024, '\0');
        while (parser.state() == detail::ResponseParser::State::NeedMore) {
            const ssize_t n = ::recv(c.fd, buf.data(), buf.size(), 0);
            if (n > 0) {
                parser.feed(buf.data(), static_cast<std::size_t>(n));
                continue;
            }
            if (n == 0) {
                if (reused && !parser.got_bytes())
                    return std::nullopt;
                parser.feed_eof();
                break;
            }
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                if (reused && !parser.got_bytes() && errno == ECONNRESET)
                    return std::nullopt;
                throw ConnectionError(what + ": " + errno_text(errno) + " (" + url.origin() + ")");
            }
            if (Ready w = wait(c.fd, POLLIN); w != Ready::Yes)
                finish(c, w, what);
        }
        if (parser.state() == detail::ResponseParser::State::Error) {
            if (parser.closed_early())
                throw ConnectionError(what + ": " + parser.error());
            throw ProtocolError(what + ": " + parser.error());
        }
        return parser.take();
    }

    // Ends a wait that timed out or was stopped: records it and throws.
    [[noreturn]] void finish(Connection& c, Ready r, const std::string& what) {
        close_fd(c.fd);
        if (r == Ready::Stopped)
            throw Cancelled();
        throw il::TimeoutError(
            what + ": no progress within " +
            std::to_string(std::chrono::duration<double>(options.timeout).count()) + " s");
    }

    ClientResponse request(std::string_view method, std::string_view url_text,
                           const Headers& headers, const BodySink& sink) {
        detail::check_method(method);
        const Url url = parse_url(url_text);
        const std::string what = std::string(method) + " " + url.text();
        const std::string text = detail::request_text(method, url, headers, options.keep_alive);
        const bool head_request = method == "HEAD";
        session.check_stop();
        trace::Recorder& rec = session.recorder();
        const std::string key = url.authority();

        for (int attempt = 0;; ++attempt) {
            Connection c;
            bool reused = false;
            if (auto it = idle.find(key); it != idle.end() && attempt == 0) {
                c = it->second;
                idle.erase(it);
                reused = true;
            } else {
                c.object = session.registry().add_object(
                    trace::ObjectKind::Socket, "socket " + key + " #" + std::to_string(opened + 1));
            }
            last_socket = c.object;
            rec.record(Kind::WaitBegin, c.object, 0, 0,
                       static_cast<std::uint16_t>(trace::WaitReason::Io));
            WaitResult result = WaitResult::Ok;
            std::exception_ptr error;
            try {
                if (!reused) {
                    Ready how = Ready::Yes;
                    c.fd = connect_to(url, how);
                    if (c.fd < 0)
                        finish(c, how, what);
                }
                std::optional<ClientResponse> resp =
                    exchange(c, reused, url, text, head_request, sink, what);
                if (!resp) { // the kept-alive connection was stale: once more, on a new one
                    close_fd(c.fd);
                    rec.record(Kind::WaitEnd, c.object, 0, 0,
                               static_cast<std::uint16_t>(WaitResult::Ok));
                    continue;
                }
                rec.record(Kind::WaitEnd, c.object, 0, 0,
                           static_cast<std::uint16_t>(WaitResult::Ok));
                if (resp->keep_alive && options.keep_alive)
                    idle[key] = c;
                else
                    close_fd(c.fd);
                return std::move(*resp);
            } catch (const Cancelled&) {
                result = WaitResult::Cancelled;
                error = std::current_exception();
            } catch (const il::TimeoutError&) {
                result = WaitResult::Timeout;
                error = std::current_exception();
            } catch (...) {
                // The wait ended (Ok); the error is its outcome.
                error = std::current_exception();
            }
            close_fd(c.fd);
            rec.record(Kind::WaitEnd, c.object, 0, 0, static_cast<std::uint16_t>(result));
            std::rethrow_exception(error);
        }
    }
};

HttpClient::HttpClient(Session& session, ClientOptions options)
    : impl_(std::make_unique<Impl>(session, options)) {}
HttpClient::~HttpClient() = default;

ClientResponse HttpClient::get(std::string_view url, const Headers& headers, BodySink sink) {
    return impl_->request("GET", url, headers, sink);
}

ClientResponse HttpClient::head(std::string_view url, const Headers& headers) {
    return impl_->request("HEAD", url, headers, {});
}

ClientResponse HttpClient::request(std::string_view method, std::string_view url,
                                   const Headers& headers, BodySink sink) {
    return impl_->request(method, url, headers, sink);
}

void HttpClient::close() {
    impl_->close_all();
}

std::uint64_t HttpClient::connections_opened() const {
    return impl_->opened;
}

trace::ObjectId HttpClient::last_socket() const {
    return impl_->last_socket;
}

} // namespace il::net
