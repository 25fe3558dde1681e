// The file the `downloader` scenario, its tests and its benchmark fetch
// from the loopback server: `size` bytes of GeneratedBody content whose
// SHA-256 is computed from the generator itself (never from a download it
// is meant to check), with failure injection and a log of what was asked.
//
// Failure injection (drop_after): the server closes the connection after
// that many body bytes of each part's first request, i.e. of every GET
// that asks for more than drop_after bytes (so never a probe's
// "bytes=0-0") starting outside every range an earlier cut request asked
// for. A resumed request starts inside the cut one and goes through, so
// each part is cut exactly once, however the client splits the file.
// Without Range support every part asks for the whole file, so only the
// first is cut.
//
// Mount it on a Router before the server starts; the handler it adds is
// thread-safe and never blocks for long (a mutex around the log). Copies
// share the log.
#pragma once

#include "net/router.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace il::download {

struct SourceOptions {
    std::uint64_t size = 0;
    std::uint64_t seed = 1;
    std::uint64_t drop_after = 0; // body bytes before the cut; 0: never cut
    bool ranges = true;           // false: Range is ignored, no Accept-Ranges (200 only)
    bool chunked = false;         // bodies sent chunked, without Content-Length
};

// One request the handler answered.
struct ServedRequest {
    std::string method;
    std::optional<std::string> range; // the Range header as sent, if any
    std::uint64_t first = 0;          // the body bytes answered: [first, first + length)
    std::uint64_t length = 0;         // (0 for HEAD and unsatisfiable ranges)
    bool dropped = false;             // cut after drop_after bytes
};

class DownloadSource {
public:
    explicit DownloadSource(SourceOptions options);

    const SourceOptions& options() const;
    std::shared_ptr<const net::Body> body() const;
    // Adds the route that serves the file at `path`.
    void mount(net::Router& router, std::string path) const;
    // The file's digest, from the generator (a GiB takes seconds: stoppable).
    std::string expected_sha256(std::stop_token stop = {}) const;
    // Every request answered so far, in order.
    std::vector<ServedRequest> requests() const;

    struct State;

private:
    std::shared_ptr<State> state_;
};

} // namespace il::download
