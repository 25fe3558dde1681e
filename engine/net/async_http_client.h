// An HTTP/1.1 client for tasks on a coro::Loop: aiohttp's ClientSession in
// small. The same features as the blocking HttpClient (http_client.h) -
// headers (Range), keep-alive reuse (a pool of idle connections per host
// and port, so concurrent tasks each get their own), Content-Length /
// chunked / read-until-close bodies, body sinks, a per-step timeout - on
// non-blocking asio sockets of the loop's io_context.
//
// Recorded on the awaiting task's lane: every socket operation (connect,
// send, each read) is a WaitBegin(Io)..WaitEnd span on the connection's
// Socket object (ObjectKind::Socket, one per TCP connection). Cancelling
// the task (Task.cancel, a wait_for deadline, session stop) cancels the
// socket operation itself; the connection is then closed, never reused.
//
// Errors as HttpClient's: UrlError, ConnectionRefusedError, ConnectionError,
// ProtocolError, il::TimeoutError; CancelledError / il::Cancelled.
// Loop-thread only; the client must outlive the tasks that use it.
#pragma once

#include "coro/loop.h"
#include "coro/task.h"
#include "net/client_options.h"
#include "net/message.h"

#include <memory>
#include <string>

namespace il::net {

class AsyncHttpClient {
public:
    explicit AsyncHttpClient(coro::Loop& loop, ClientOptions options = {});
    ~AsyncHttpClient();
    AsyncHttpClient(const AsyncHttpClient&) = delete;
    AsyncHttpClient& operator=(const AsyncHttpClient&) = delete;

    // Arguments are taken by value: the task may run after the call returns.
    coro::Task<ClientResponse> get(std::string url, Headers headers = {}, BodySink sink = {});
    coro::Task<ClientResponse> head(std::string url, Headers headers = {});
    coro::Task<ClientResponse> request(std::string method, std::string url, Headers headers = {},
                                       BodySink sink = {});

    // Closes the idle kept-alive connections.
    void close();
    std::uint64_t connections_opened() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace il::net
