#include "download/probe.h"

#include "download/content_range.h"
#include "download/errors.h"
#include "net/errors.h"
#include "net/http_client.h"
#include "thread/sleep.h"

namespace il::download {

namespace {

// Thrown by the head check to leave a 200's body unread.
struct HeadSeen {};

std::string bytes_text(std::uint64_t n) {
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

ProbeResult probe_once(Session& session, const std::string& url, const net::ClientOptions& client) {
    bool get_sent = false;
    std::optional<net::ClientResponse> got; // the GET's head, when its body was left unread
    net::ClientOptions options = client;
    options.on_head = [&](const net::ClientResponse& head) {
        if (get_sent && head.status != 206) {
            got = head;
            throw HeadSeen{};
        }
    };
    net::HttpClient http(session, options);

    // HEAD is enough when the server states both the size and "Accept-Ranges: bytes".
    std::optional<std::uint64_t> head_size;
    const net::ClientResponse head = http.head(url);
    if (head.status != 405 && head.status != 501) // (servers that refuse HEAD)
        throw_for_status(head, "HEAD " + url);
    if (head.status / 100 == 2 && !head.chunked) {
        head_size = content_length(head.headers);
        if (head_size && accepts_byte_ranges(head.headers))
            return {head_size, true, "HEAD: " + bytes_text(*head_size) + ", Accept-Ranges: bytes"};
    }

    net::ClientResponse reply;
    get_sent = true;
    try {
        reply = http.get(url, {{"Range", "bytes=0-0"}});
    } catch (const HeadSeen&) {
        reply = std::move(*got);
    }
    throw_for_status(reply, "GET " + url);
    const auto range_text = reply.header("Content-Range");
    const auto range = range_text ? parse_content_range(*range_text) : std::nullopt;
    if (reply.status == 206) {
        if (!range || range->kind != ContentRange::Kind::Range || range->first != 0)
            throw FatalError("GET " + url + ": a 206 reply to 'bytes=0-0' with " +
                             (range_text ? "a bad Content-Range '" + std::string(*range_text) + "'"
                                         : std::string("no Content-Range")));
        return {range->total, true,
                "GET bytes=0-0: 206, " +
                    (range->total ? bytes_text(*range->total) : std::string("size unknown ('*')"))};
    }
    if (reply.status == 416) { // only an empty file has no byte 0
        if (range && range->kind == ContentRange::Kind::Unsatisfiable && range->total == 0u)
            return {0, true, "GET bytes=0-0: 416, the file is empty"};
        throw FatalError("GET " + url + ": 416 Range Not Satisfiable for byte 0 of a file that " +
                         (range && range->total ? "has " + bytes_text(*range->total)
                                                : std::string("does not say its size")));
    }
    // 200 (or another 2xx): the whole file, so no ranges.
    std::optional<std::uint64_t> size =
        reply.chunked ? std::nullopt : content_length(reply.headers);
    if (!size)
        size = head_size;
    return {size, false,
            "GET bytes=0-0: " + std::to_string(reply.status) + " with the whole file (" +
                (size ? bytes_text(*size) : std::string("size unknown, chunked")) +
                "): no Range support"};
}

} // namespace

ProbeResult probe(Session& session, const std::string& url, const net::ClientOptions& client,
                  int retries, std::chrono::nanoseconds retry_delay) {
    for (int attempt = 0;; ++attempt) {
        std::string failure;
        try {
            return probe_once(session, url, client);
        } catch (const net::ConnectionRefusedError& e) {
            throw FatalError(e.what());
        } catch (const net::ConnectionError& e) {
            failure = e.what();
        } catch (const net::ProtocolError& e) {
            failure = e.what();
        } catch (const il::TimeoutError& e) {
            failure = e.what();
        } catch (const RetryableError& e) {
            failure = e.what();
        }
        if (attempt >= retries)
            throw FatalError(failure + (attempt > 0 ? " (" + std::to_string(attempt + 1) + " tries)"
                                                    : std::string()));
        thread::sleep(session, retry_delay * (attempt + 1));
    }
}

} // namespace il::download
