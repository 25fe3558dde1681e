#include "net/request_parser.h"

#include <http_parser.h>

#include <utility>

namespace il::net {

struct RequestParser::Impl {
    http_parser parser;
    http_parser_settings settings;
    ParserLimits limits;
    State state = State::NeedMore;
    int error_status = 0;
    std::string error_text;
    bool started = false;
    std::size_t head_bytes = 0;
    bool last_was_value = false; // header callbacks alternate field, value, field...
    Request request;

    explicit Impl(ParserLimits l) : limits(l) {
        http_parser_settings_init(&settings);
        settings.on_message_begin = [](http_parser* p) { return self(p)->begin(); };
        settings.on_url = [](http_parser* p, const char* at, std::size_t n) {
            return self(p)->url(at, n);
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
        settings.on_message_complete = [](http_parser* p) { return self(p)->complete(); };
        reset();
    }

    static Impl* self(http_parser* p) { return static_cast<Impl*>(p->data); }

    void reset() {
        http_parser_init(&parser, HTTP_REQUEST);
        parser.data = this;
        state = State::NeedMore;
        started = false;
        head_bytes = 0;
        last_was_value = false;
        request = Request{};
    }

    int fail(int status, std::string why) {
        state = State::Error;
        error_status = status;
        error_text = std::move(why);
        return 1; // stops http_parser_execute
    }

    bool count_head(std::size_t n) {
        head_bytes += n;
        return head_bytes <= limits.max_header_bytes;
    }

    int begin() {
        started = true;
        return 0;
    }

    int url(const char* at, std::size_t n) {
        if (!count_head(n))
            return fail(431, "the request line is longer than " +
                                 std::to_string(limits.max_header_bytes) + " bytes");
        request.target.append(at, n);
        return 0;
    }

    int header(const char* at, std::size_t n, bool value) {
        if (!count_head(n))
            return fail(431, "the request's header is larger than " +
                                 std::to_string(limits.max_header_bytes) + " bytes");
        if (!value && (request.headers.empty() || last_was_value))
            request.headers.emplace_back();
        (value ? request.headers.back().second : request.headers.back().first).append(at, n);
        last_was_value = value;
        return 0;
    }

    // (Here an error must be -1: 1 and 2 mean "no body" and "upgrade".)
    int headers_done() {
        if (parser.http_major != 1)
            return -fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
        request.method = http_method_str(static_cast<http_method>(parser.method));
        request.version_major = parser.http_major;
        request.version_minor = parser.http_minor;
        request.keep_alive = http_should_keep_alive(&parser) != 0;
        if ((parser.flags & F_CONTENTLENGTH) && parser.content_length > limits.max_body_bytes)
            return -fail(413, "the request's body is larger than " +
                                  std::to_string(limits.max_body_bytes) + " bytes");
        http_parser_url u;
        http_parser_url_init(&u);
        const bool connect = parser.method == HTTP_CONNECT;
        if (http_parser_parse_url(request.target.data(), request.target.size(), connect, &u) != 0)
            return -fail(400, "the request target '" + request.target + "' is not a valid URL");
        auto part = [&](int f) {
            return (u.field_set & (1u << f))
                       ? request.target.substr(u.field_data[f].off, u.field_data[f].len)
                       : std::string();
        };
        request.path = part(UF_PATH);
        if (request.path.empty())
            request.path = "/";
        request.query = part(UF_QUERY);
        return 0;
    }

    int body(const char* at, std::size_t n) {
        if (request.body.size() + n > limits.max_body_bytes)
            return fail(413, "the request's body is larger than " +
                                 std::to_string(limits.max_body_bytes) + " bytes");
        request.body.append(at, n);
        return 0;
    }

    int complete() {
        state = State::Complete;
        // Pause: execute() returns here, leaving a pipelined next request unread.
        http_parser_pause(&parser, 1);
        return 0;
    }
};

RequestParser::RequestParser(ParserLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
RequestParser::~RequestParser() = default;

std::size_t RequestParser::feed(const char* data, std::size_t n) {
    Impl& m = *impl_;
    if (m.state != State::NeedMore || n == 0)
        return 0;
    const std::size_t used = http_parser_execute(&m.parser, &m.settings, data, n);
    if (m.state == State::NeedMore) {
        const auto err = static_cast<http_errno>(m.parser.http_errno);
        if (err == HPE_HEADER_OVERFLOW)
            m.fail(431, "the request's header is too large");
        else if (err != HPE_OK)
            m.fail(400, std::string("malformed request: ") + http_errno_description(err));
        else if (m.parser.upgrade)
            m.fail(400, "protocol upgrades are not supported");
    }
    return used;
}

RequestParser::State RequestParser::state() const {
    return impl_->state;
}
int RequestParser::error_status() const {
    return impl_->error_status;
}
const std::string& RequestParser::error_text() const {
    return impl_->error_text;
}
bool RequestParser::in_progress() const {
    return impl_->started && impl_->state == State::NeedMore;
}

Request RequestParser::take() {
    Request r = std::move(impl_->request);
    impl_->reset();
    return r;
}

} // namespace il::net
