#include "net/async_http_client.h"

#include "coro/io.h"
#include "coro/wait_for.h"
#include "net/detail/request_text.h"
#include "net/detail/response_parser.h"
#include "net/errors.h"
#include "net/url.h"
#include "trace/registry.h"

#include <asio.hpp>

#include <map>
#include <optional>
#include <vector>

namespace il::net {

namespace {

using asio::ip::tcp;

struct Conn {
    explicit Conn(asio::io_context& ctx, trace::ObjectId id) : socket(ctx), object(id) {}
    ~Conn() {
        asio::error_code ec;
        socket.close(ec);
    }
    tcp::socket socket;
    trace::ObjectId object;
};

std::string seconds(std::chrono::nanoseconds d) {
    return std::to_string(std::chrono::duration<double>(d).count()) + " s";
}

} // namespace

struct AsyncHttpClient::Impl {
    coro::Loop& loop;
    Session& session;
    ClientOptions options;
    std::map<std::string, std::vector<std::unique_ptr<Conn>>> idle; // by authority
    std::uint64_t opened = 0;

    Impl(coro::Loop& l, ClientOptions o) : loop(l), session(l.session()), options(o) {}

    // One socket step under the per-step timeout.
    template <class A>
    coro::Task<coro::detail::await_result_t<A>> timed(A aw, const std::string& what) {
        try {
            co_return co_await coro::wait_for(std::move(aw), options.timeout);
        } catch (const il::TimeoutError&) {
            throw il::TimeoutError(what + ": no progress within " + seconds(options.timeout));
        }
    }

    coro::Task<std::unique_ptr<Conn>> connect(const Url& url, const std::string& what) {
        std::vector<tcp::endpoint> endpoints;
        asio::error_code ec;
        const asio::ip::address literal = asio::ip::make_address(url.host, ec);
        if (!ec) {
            endpoints.emplace_back(literal, url.port);
        } else {
            tcp::resolver resolver(loop.context());
            auto [rec, results] = co_await timed(
                resolver.async_resolve(url.host, std::to_string(url.port), coro::io_nothrow(0)),
                what);
            if (rec)
                throw ConnectionError("cannot resolve host '" + url.host + "': " + rec.message());
            for (const auto& r : results)
                endpoints.push_back(r.endpoint());
        }
        const std::string key = url.authority();
        auto c = std::make_unique<Conn>(
            loop.context(),
            session.registry().add_object(trace::ObjectKind::Socket,
                                          "socket " + key + " #" + std::to_string(opened + 1)));
        asio::error_code last = asio::error::connection_refused;
        for (const tcp::endpoint& ep : endpoints) {
            asio::error_code close_ec;
            c->socket.close(close_ec);
            asio::error_code e =
                co_await timed(c->socket.async_connect(ep, coro::io_nothrow(c->object)), what);
            if (!e) {
                c->socket.set_option(tcp::no_delay(true), e);
                ++opened;
                co_return c;
            }
            last = e;
        }
        if (last == asio::error::connection_refused)
            throw ConnectionRefusedError("cannot connect to " + url.origin() +
                                         ": connection refused (nothing listens there)");
        throw ConnectionError("cannot connect to " + url.origin() + ": " + last.message());
    }

    // Sends and reads one reply; nullopt when a reused connection proved
    // stale before any reply byte (the caller retries on a new one).
    coro::Task<std::optional<ClientResponse>> exchange(Conn& c, bool reused, std::string text,
                                                       bool head_request, BodySink sink,
                                                       std::string what) {
        auto [wec, written] = co_await timed(
            asio::async_write(c.socket, asio::buffer(text), coro::io_nothrow(c.object)), what);
        (void)written;
        if (wec) {
            if (reused)
                co_return std::nullopt;
            throw ConnectionError(what + ": sending failed: " + wec.message());
        }
        detail::ResponseParser parser(head_request, options, std::move(sink));
        std::vector<char> buf(16 * 1024);
        while (parser.state() == detail::ResponseParser::State::NeedMore) {
            auto [ec, n] = co_await timed(
                c.socket.async_read_some(asio::buffer(buf), coro::io_nothrow(c.object)), what);
            if (!ec) {
                parser.feed(buf.data(), n);
                continue;
            }
            if (reused && !parser.got_bytes() &&
                (ec == asio::error::eof || ec == asio::error::connection_reset))
                co_return std::nullopt;
            if (ec != asio::error::eof)
                throw ConnectionError(what + ": " + ec.message());
            parser.feed_eof();
        }
        if (parser.state() == detail::ResponseParser::State::Error) {
            if (parser.closed_early())
                throw ConnectionError(what + ": " + parser.error());
            throw ProtocolError(what + ": " + parser.error());
        }
        co_return parser.take();
    }

    coro::Task<ClientResponse> request(std::string method, std::string url_text, Headers headers,
                                       BodySink sink) {
        detail::check_method(method);
        const Url url = parse_url(url_text);
        const std::string what = method + " " + url.text();
        const std::string text = detail::request_text(method, url, headers, options.keep_alive);
        session.check_stop();
        const std::string key = url.authority();
        for (int attempt = 0;; ++attempt) {
            std::unique_ptr<Conn> c;
            bool reused = false;
            auto& pool = idle[key];
            if (attempt == 0 && !pool.empty()) {
                c = std::move(pool.back());
                pool.pop_back();
                reused = true;
            } else {
                c = co_await connect(url, what);
            }
            std::optional<ClientResponse> r =
                co_await exchange(*c, reused, text, method == "HEAD", sink, what);
            if (!r)
                continue; // c closes as it goes
            if (r->keep_alive && options.keep_alive)
                idle[key].push_back(std::move(c));
            co_return std::move(*r);
        }
    }
};

AsyncHttpClient::AsyncHttpClient(coro::Loop& loop, ClientOptions options)
    : impl_(std::make_unique<Impl>(loop, options)) {}
AsyncHttpClient::~AsyncHttpClient() = default;

coro::Task<ClientResponse> AsyncHttpClient::get(std::string url, Headers headers, BodySink sink) {
    return impl_->request("GET", std::move(url), std::move(headers), std::move(sink));
}

coro::Task<ClientResponse> AsyncHttpClient::head(std::string url, Headers headers) {
    return impl_->request("HEAD", std::move(url), std::move(headers), {});
}

coro::Task<ClientResponse> AsyncHttpClient::request(std::string method, std::string url,
                                                    Headers headers, BodySink sink) {
    return impl_->request(std::move(method), std::move(url), std::move(headers), std::move(sink));
}

void AsyncHttpClient::close() {
    impl_->idle.clear();
}

std::uint64_t AsyncHttpClient::connections_opened() const {
    return impl_->opened;
}

} // namespace il::net
