#include "net/detail/response_parser.h"

#include <http_parser.h>

#include <exception>
#include <utility>

namespace il::net::detail {

struct ResponseParser::Impl {
    http_parser parser;
    http_parser_settings settings;
    bool head_request;
    ClientOptions options;
    BodySink sink;
    State state = State::NeedMore;
    std::string error;
    bool got_bytes = false;
    std::size_t head_bytes = 0;
    bool last_was_value = false;
    ClientResponse response;
    std::exception_ptr sink_error;
    bool closed_early = false;

    Impl(bool head, const ClientOptions& o, BodySink s)
        : head_request(head), options(o), sink(std::move(s)) {
        http_parser_settings_init(&settings);
        settings.on_status = [](http_parser* p, const char* at, std::size_t n) {
            return self(p)->status(at, n);
        };
        settings.on_header_field = [](http_parser* p, const char* at, std::size_t n) {
            return self(p)->header(at, n, false);
        };
        settings.on_header_value = [](http_parser* p, const char* at, std::size_t n) {
            return self(p)->header(at, n, true);
        };
        settings.on_headers_complete = [](http_parser* p) { return self(p)->headers_done(); };
        settings.on_body = [](http_parser* p, const char* at, std::size_t n) {
            return self(p)->body(at, n);
        };
        settings.on_message_complete = [](http_parser* p) {
            self(p)->state = State::Complete;
            http_parser_pause(p, 1);
            return 0;
        };
        http_parser_init(&parser, HTTP_RESPONSE);
        parser.data = this;
    }

    static Impl* self(http_parser* p) { return static_cast<Impl*>(p->data); }

    int fail(std::string why) {
        state = State::Error;
        error = std::move(why);
        return 1;
    }

    bool count_head(std::size_t n) {
        head_bytes += n;
        return head_bytes <= options.max_header_bytes;
    }

    int status(const char* at, std::size_t n) {
        if (!count_head(n))
            return fail("the reply's head is larger than " +
                        std::to_string(options.max_header_bytes) + " bytes");
        response.reason.append(at, n);
        return 0;
    }

    int header(const char* at, std::size_t n, bool value) {
        if (!count_head(n))
            return fail("the reply's head is larger than " +
                        std::to_string(options.max_header_bytes) + " bytes");
        if (!value && (response.headers.empty() || last_was_value))
            response.headers.emplace_back();
        (value ? response.headers.back().second : response.headers.back().first).append(at, n);
        last_was_value = value;
        return 0;
    }

    int headers_done() {
        response.status = static_cast<int>(parser.status_code);
        response.keep_alive = http_should_keep_alive(&parser) != 0;
        response.chunked = (parser.flags & F_CHUNKED) != 0;
        if ((parser.flags & F_CONTENTLENGTH) && parser.content_length > options.max_body) {
            fail("the reply's body is larger than " + std::to_string(options.max_body) + " bytes");
            return -1; // (1 would mean "no body follows")
        }
        if (options.on_head) {
            // As in body(): the exception is kept and rethrown by feed().
            try {
                options.on_head(response);
            } catch (...) {
                sink_error = std::current_exception();
                fail("the head check failed");
                return -1;
            }
        }
        // 1 tells http-parser that no body follows (a reply to HEAD).
        return head_request ? 1 : 0;
    }

    int body(const char* at, std::size_t n) {
        response.body_bytes += n;
        if (response.body_bytes > options.max_body)
            return fail("the reply's body is larger than " + std::to_string(options.max_body) +
                        " bytes");
        if (sink) {
            // An exception must not unwind through http-parser's C frames:
            // kept here and rethrown by feed().
            try {
                sink(std::string_view(at, n));
            } catch (...) {
                sink_error = std::current_exception();
                return fail("the body sink failed");
            }
        } else
            response.body.append(at, n);
        return 0;
    }

    void check() {
        if (sink_error)
            std::rethrow_exception(std::exchange(sink_error, nullptr));
        if (state != State::NeedMore)
            return;
        const auto err = static_cast<http_errno>(parser.http_errno);
        if (err != HPE_OK)
            fail(std::string("malformed reply: ") + http_errno_description(err));
    }
};

ResponseParser::ResponseParser(bool head_request, const ClientOptions& options, BodySink sink)
    : impl_(std::make_unique<Impl>(head_request, options, std::move(sink))) {}
ResponseParser::~ResponseParser() = default;

std::size_t ResponseParser::feed(const char* data, std::size_t n) {
    Impl& m = *impl_;
    if (m.state != State::NeedMore || n == 0)
        return 0;
    m.got_bytes = true;
    const std::size_t used = http_parser_execute(&m.parser, &m.settings, data, n);
    m.check();
    return used;
}

void ResponseParser::feed_eof() {
    Impl& m = *impl_;
    if (m.state != State::NeedMore)
        return;
    // Zero bytes tell http-parser the stream ended: a read-until-close body
    // completes; anything else unfinished is a connection closed too early.
    http_parser_execute(&m.parser, &m.settings, nullptr, 0);
    if (m.state == State::Complete)
        return;
    m.closed_early = true;
    m.fail(m.got_bytes ? "the connection closed before the whole reply arrived"
                       : "the connection closed before any reply arrived");
}

ResponseParser::State ResponseParser::state() const {
    return impl_->state;
}
const std::string& ResponseParser::error() const {
    return impl_->error;
}
bool ResponseParser::closed_early() const {
    return impl_->closed_early;
}
bool ResponseParser::got_bytes() const {
    return impl_->got_bytes;
}
ClientResponse ResponseParser::take() {
    ClientResponse r = std::move(impl_->response);
    if (r.keep_alive && impl_->state == State::Complete) {
        // A reply that ended with the connection cannot leave it open.
        r.keep_alive = http_should_keep_alive(&impl_->parser) != 0;
    }
    return r;
}

} // namespace il::net::detail
