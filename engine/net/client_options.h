// What the blocking and the async HTTP clients share: their options and the
// body sink (a callback that takes the body piece by piece instead of
// keeping it, for large downloads and progress). Plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

namespace il::net {

struct ClientResponse;

// Sees a reply's head (status, reason, headers; body empty) once it has
// arrived, before any body byte reaches the sink: a downloader checks the
// status and Content-Range before writing a byte. An exception it throws
// aborts the request (and closes the connection), as a sink's does.
using HeadCheck = std::function<void(const ClientResponse& head)>;

struct ClientOptions {
    // The longest a single step may take: connecting, or waiting for the
    // next bytes (as Python's socket timeout). Past it: il::TimeoutError.
    std::chrono::nanoseconds timeout = std::chrono::seconds(10);
    bool keep_alive = true;                   // reuse connections to the same host and port
    std::uint64_t max_body = 1ull << 30;      // longer bodies are a ProtocolError
    std::size_t max_header_bytes = 64 * 1024; // so is a longer head
    HeadCheck on_head;                        // empty: no check
};

// Receives body bytes in order as they arrive. An exception it throws aborts
// the request (and closes the connection).
using BodySink = std::function<void(std::string_view chunk)>;

} // namespace il::net
